/** Child-side handlers for function-runner.test.ts: a function runner living in a plain Node process. */
import { createFunctionRunner, type FunctionCall, type FunctionRunner, type FunctionRunnerOptions } from '../function-runner';

let runner: FunctionRunner | null = null;
const g = globalThis as { __sandboxRunnerLog?: string[] };

function current(): FunctionRunner {
  if (!runner) throw new Error('create the runner first');
  return runner;
}

export const handlers = {
  create: async (options: FunctionRunnerOptions) => {
    runner = await createFunctionRunner(options);
    return runner.uids;
  },
  run: (call: FunctionCall) => current().run(call),
  /** Several calls started at the same instant, as concurrent card requests would. */
  runTogether: (calls: FunctionCall[]) => Promise.all(calls.map((c) => current().run(c))),
  env: (keys: string[]) => Object.fromEntries(keys.map((k) => [k, process.env[k] ?? null])),
  setEnv: (key: string, value: string) => {
    process.env[key] = value;
  },
  log: () => g.__sandboxRunnerLog ?? [],
  resetLog: () => {
    g.__sandboxRunnerLog = [];
  },
};
