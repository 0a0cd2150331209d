// Cold start of one built function entrypoint, in a fresh Node process: the time to require the bundle as HubSpot
// does, then to answer its first call, then a second call (warm, for comparison).
// Input: argv[2] = JSON { file, parameters, propertiesToSend, token, baseUrl }, or { sdk: path } to time the SDK
// alone, or { baseline: sdk path, objectId, token, baseUrl } for the reference function written as HubSpot's
// app-function guide shows it (`new hubspot.Client(...)` and one call). Output: one line `BENCH_RESULT {json}` on
// stdout (the function's own log lines go there too).
const { performance } = require('node:perf_hooks');

/** The reference function: the SDK, a client per call, one read of the record. */
function baselineModule(sdk, objectId) {
  const hubspot = require(sdk);
  return {
    main: async () => {
      const client = new hubspot.Client({ accessToken: process.env.PRIVATE_APP_ACCESS_TOKEN, basePath: process.env.HUBSPOT_API_BASE_URL });
      const contact = await client.crm.contacts.basicApi.getById(objectId, ['email', 'firstname']);
      return { ok: typeof contact.id === 'string' };
    },
  };
}

const input = JSON.parse(process.argv[2]);
const started = performance.now();
if (input.sdk) {
  require(input.sdk);
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ requireMs: performance.now() - started })}\n`);
} else {
  process.env.PRIVATE_APP_ACCESS_TOKEN = input.token;
  process.env.HUBSPOT_API_BASE_URL = input.baseUrl;
  const mod = input.baseline ? baselineModule(input.baseline, input.objectId) : require(input.file);
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
