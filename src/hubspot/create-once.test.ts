import type { CrmError } from './errors';
import { err, ok, type Result } from '../core/result';
import type { CallFailure } from './client';
import { createOnce } from './create-once';

const UNAVAILABLE: CrmError = { code: 'HUBSPOT_UNAVAILABLE', message: 'HubSpot is having trouble (HTTP 502).', retryable: true };
const CONFLICT: CrmError = { code: 'CONFLICT', message: 'exists', retryable: false };

type Step = Result<string, CallFailure>;
/** A scripted sequence of create answers and lookup answers (plain data; createOnce is a pure orchestration). */
function script(creates: Step[], lookups: Result<string | null, CrmError>[]) {
  let c = 0;
  let l = 0;
  return {
    spec: {
      create: async () => creates[c++] ?? err({ error: UNAVAILABLE, ambiguous: true }),
      findExisting: async () => lookups[l++] ?? ok(null),
    },
    counts: () => ({ creates: c, lookups: l }),
  };
}

describe('createOnce', () => {
  it('a create that answers is done, with no lookup', async () => {
    const s = script([ok('note-1')], []);
    expect(await createOnce(s.spec)).toEqual(ok({ value: 'note-1', created: true, attempts: 1 }));
    expect(s.counts()).toEqual({ creates: 1, lookups: 0 });
  });

  it('a 5xx after the write was applied: the lookup finds it and no second create is sent', async () => {
    const s = script([err({ error: UNAVAILABLE, ambiguous: true })], [ok('note-1')]);
    expect(await createOnce(s.spec)).toEqual(ok({ value: 'note-1', created: false, attempts: 1 }));
    expect(s.counts()).toEqual({ creates: 1, lookups: 1 });
  });

  it('a 5xx before the write: the lookup finds nothing, so it creates again', async () => {
    const s = script([err({ error: UNAVAILABLE, ambiguous: true }), ok('note-2')], [ok(null)]);
    expect(await createOnce(s.spec)).toEqual(ok({ value: 'note-2', created: true, attempts: 2 }));
  });

  it('a definite failure is returned as is, without a lookup', async () => {
    const s = script([err({ error: CONFLICT, ambiguous: false })], []);
    expect(await createOnce(s.spec)).toEqual(err(CONFLICT));
    expect(s.counts().lookups).toBe(0);
  });

  it('when the lookup fails, it gives up rather than risk a duplicate', async () => {
    const s = script([err({ error: UNAVAILABLE, ambiguous: true })], [err({ code: 'TIMEOUT', message: 'slow', retryable: true })]);
    const r = await createOnce(s.spec);
    expect(r.ok).toBe(false);
    expect(s.counts().creates).toBe(1);
  });

  it('stops after maxCreates ambiguous attempts with nothing found', async () => {
    const s = script([], []);
    const r = await createOnce({ ...s.spec, maxCreates: 2 });
    expect(r).toEqual(err(UNAVAILABLE));
    expect(s.counts()).toEqual({ creates: 2, lookups: 2 });
  });
});
