// Cold start of one built function entrypoint (benchmark item 6), in a fresh Node process: the time to require
// the bundle as HubSpot does, then to answer its first call, then a second call (warm, for comparison).
// Input: argv[2] = JSON { file, parameters, propertiesToSend, token, baseUrl } (or { sdk: path } to time the SDK
// alone). Output: one line `BENCH_RESULT {json}` on stdout (the function's own log lines go there too).
const { performance } = require('node:perf_hooks');

const input = JSON.parse(process.argv[2]);
const started = performance.now();
if (input.sdk) {
  require(input.sdk);
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ requireMs: performance.now() - started })}\n`);
} else {
  process.env.PRIVATE_APP_ACCESS_TOKEN = input.token;
  process.env.HUBSPOT_API_BASE_URL = input.baseUrl;
  const mod = require(input.file);
  const required = performance.now();
  const context = () => ({ parameters: input.parameters, propertiesToSend: input.propertiesToSend, secrets: {} });
  mod.main(context()).then(async (first) => {
    const answered = performance.now();
    const second = await mod.main(context());
    const warm = performance.now() - answered;
    const result = {
      requireMs: required - started,
      firstCallMs: answered - required,
      totalMs: answered - started,
      warmCallMs: warm,
      ok: first.ok === true,
      code: first.ok ? null : first.error && first.error.code,
      secondOk: second.ok === true,
      // Time from process start to the script's first line: Node's own boot, for context.
      nodeBootMs: started,
    };
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  });
}
