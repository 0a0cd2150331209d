import './runtime/zod-setup';
import { z } from 'zod';
import { ok } from '../core/result';
import { DESTINATION_ID_PATTERN } from '../core/status';
import { requestSync } from '../workflows/sync';
import { defineFunction } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

/** `request_sync`: marks a resync request for one destination on the record (see `workflows/sync.ts`). */
export const main = defineFunction({
  name: 'request_sync',
  input: z.strictObject({
    objectType: OBJECT_TYPE,
    objectId: OBJECT_ID,
    destination: z.string().regex(DESTINATION_ID_PATTERN, 'expected a destination id from the configuration, e.g. "mailchimp"'),
  }),
  run: async ({ objectType, objectId, destination }, { config, now, crm }) => {
    const sync = await requestSync({ crm, config, now: () => now }, { objectType, objectId, destination });
    return sync.ok ? ok({ sync: sync.value }) : sync;
  },
});
