/**
 * Child-side handlers (see src/sandbox/testing/child-host.ts): HubSpot's parser, ignore rules and app-function
 * executor are ESM modules that Jest's CommonJS runtime cannot import, so the opt-in build tests call them here.
 */
import { loadExecutor, translateProject, uploadFileList, type ExecutionInputs, type ExecutorFunction } from '../hubspot-tooling';
import { stageRealtimeProject } from './stage';

export const handlers = {
  translate: (srcDir?: string) => translateProject(srcDir ? { srcDir } : {}),
  uploadList: (root?: string) => (root ? uploadFileList(root) : uploadFileList()),
  stage: (options: { outDir: string; endpointUrl?: string }) => stageRealtimeProject(options),
  run: async (input: { functions: ExecutorFunction[]; apiOrigin: string; envDir: string; uid: string; inputs: ExecutionInputs }) => {
    const run = await loadExecutor(input.functions, { apiOrigin: input.apiOrigin, envDir: input.envDir, timeoutMs: 20_000 });
    return run(input.uid, input.inputs);
  },
};
