import { ActivityLog } from './activity';
import type { EmulatorLogEntry } from './emulator-link';

/** A stand-in for the emulator's request log: tasks "call the API" by appending entries. */
function fakeLog() {
  const entries: EmulatorLogEntry[] = [];
  let seq = 0;
  return {
    entries,
    read: () => entries,
    call: (method: string, path: string, status = 200) => {
      seq += 1;
      entries.push({ seq, method, path, status, durationMs: 1.4, operation: 'objects.get' });
    },
  };
}

const view = { view: 'v1', source: 'card:lead_score_card' };

describe('the activity log (what each request cost in API calls)', () => {
  it('attributes the calls made while a task runs to that task and its page view', async () => {
    const log = fakeLog();
    const activity = new ActivityLog(log.read);
    log.call('GET', '/crm/v3/owners'); // before: not this task's
    const value = await activity.run({ ...view, label: 'score_lead' }, async () => {
      log.call('GET', '/crm/v3/objects/contacts/1');
      log.call('PATCH', '/crm/v3/objects/contacts/1');
      return { ok: true, value: 42 };
    });
    expect(value).toBe(42);
    const [entry] = activity.forView('v1');
    expect(entry).toMatchObject({ source: 'card:lead_score_card', label: 'score_lead', ok: true, detail: null });
    expect(entry?.calls.map((c) => `${c.method} ${c.path} ${c.durationMs}`)).toEqual(['GET /crm/v3/objects/contacts/1 1', 'PATCH /crm/v3/objects/contacts/1 1']);
    expect(activity.forView('other')).toEqual([]);
  });

  it('marks the propertiesToSend read HubSpot makes before the function (once)', async () => {
    const log = fakeLog();
    const activity = new ActivityLog(log.read);
    await activity.run({ ...view, label: 'score_lead', propertiesRead: { objectTypeId: '0-1', objectId: '7' } }, async () => {
      log.call('GET', '/crm/v3/objects/0-1/7');
      log.call('GET', '/crm/v3/objects/0-1/7');
      return { ok: true, value: null };
    });
    expect(activity.forView('v1')[0]?.calls.map((c) => c.note !== null)).toEqual([true, false]);
  });

  it('runs tasks one at a time, so overlapping requests never share calls', async () => {
    const log = fakeLog();
    const activity = new ActivityLog(log.read);
    const slow = (label: string, path: string) =>
      activity.run({ ...view, label }, async () => {
        log.call('GET', `${path}/a`);
        await new Promise((r) => setTimeout(r, 20));
        log.call('GET', `${path}/b`);
        return { ok: true, value: label };
      });
    await Promise.all([slow('one', '/x'), slow('two', '/y')]);
    expect(activity.forView('v1').map((e) => [e.label, e.calls.map((c) => c.path)])).toEqual([
      ['one', ['/x/a', '/x/b']],
      ['two', ['/y/a', '/y/b']],
    ]);
  });

  it('records a task that throws as failed, then re-throws, and keeps going', async () => {
    const log = fakeLog();
    const activity = new ActivityLog(log.read);
    await expect(
      activity.run({ ...view, label: 'boom' }, async () => {
        log.call('GET', '/crm/v3/objects/contacts/1', 500);
        throw new Error('emulator down');
      }),
    ).rejects.toThrow('emulator down');
    await activity.run({ ...view, label: 'after' }, async () => ({ ok: false, value: null, detail: 'answered RATE_LIMITED' }));
    expect(activity.forView('v1').map((e) => [e.label, e.ok, e.detail, e.calls.length])).toEqual([
      ['boom', false, 'emulator down', 1],
      ['after', false, 'answered RATE_LIMITED', 0],
    ]);
  });

  it('still attributes calls after the emulator log was cleared', async () => {
    const log = fakeLog();
    const activity = new ActivityLog(log.read);
    log.call('GET', '/a');
    log.entries.length = 0;
    await activity.run({ ...view, label: 't' }, async () => {
      log.call('GET', '/b');
      return { ok: true, value: null };
    });
    expect(activity.forView('v1')[0]?.calls.map((c) => c.path)).toEqual(['/b']);
  });
});
