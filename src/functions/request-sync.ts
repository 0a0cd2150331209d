import './runtime/zod-setup';
import { z } from 'zod';
import { ok } from '../core/result';
import { DESTINATION_ID_PATTERN } from '../core/status';
import { requestSync } from '../workflows/sync';
import { defineFunction } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

/**
 * Time kept after a destination's answer for writing the outcome on the record: the connector must be done by
 * then, or it leaves the record `pending` for the next sweep.
 */
export const WRITE_RESERVE_MS = 1_500;

/**
 * `request_sync` (Retry sync): syncs the record to one destination now when the project syncs it (a connector),
 * else marks a resync request for the tool that does (see `workflows/sync.ts`).
 */
export const main = defineFunction({
  name: 'request_sync',
  input: z.strictObject({
    objectType: OBJECT_TYPE,
    objectId: OBJECT_ID,
    destination: z.string().regex(DESTINATION_ID_PATTERN, 'expected a destination id from the configuration, e.g. "mailchimp"'),
  }),
  run: async ({ objectType, objectId, destination }, { config, now, crm, context, clock, deadline }) => {
    const access = { access: context.destinations, runtime: { clock, deadline: deadline - WRITE_RESERVE_MS, pacing: 'function' as const } };
    const sync = await requestSync({ crm, config, now: () => now, sync: access }, { objectType, objectId, destination });
    return sync.ok ? ok({ sync: sync.value }) : sync;
  },
});
