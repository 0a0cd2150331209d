import { z } from 'zod';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

export const main = defineFunction({
  name: 'request_sync',
  input: z.strictObject({
    objectType: OBJECT_TYPE,
    objectId: OBJECT_ID,
    destination: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a destination id from the configuration, e.g. "mailchimp"'),
  }),
  run: async ({ destination }, { context }) => {
    if (!context.token) return failure({ code: 'CONFIG', message: 'The app has no access token (PRIVATE_APP_ACCESS_TOKEN).', retryable: false });
    // PLACEHOLDER (issue 6): no destinations are configured yet.
    return failure({ code: 'INVALID_INPUT', message: `Unknown sync destination "${destination}".`, retryable: false });
  },
});
