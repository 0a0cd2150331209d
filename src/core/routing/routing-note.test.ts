import { decideRoute } from './decide-route';
import type { RouteInput, RoutingDecision } from './decision';
import { ROUTING_PROPERTY_NAMES } from './properties';
import {
  escapeHtml,
  MAX_NOTE_LENGTH,
  noteIdsToInspect,
  parseRoutingNote,
  resolveRoutingNotes,
  routingNoteBody,
  routingPropertiesFromNote,
} from './routing-note';
import { assignments, makeConfig, makeInput, makeOwner, NOW, OWNERS, TEAMS } from './test-fixtures';

const CONFIG = makeConfig({ balanced: { spreadPerOwner: 0 } });
function decide(input: Partial<RouteInput> = {}): RoutingDecision {
  const r = decideRoute(makeInput(input), CONFIG);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
// Two different decisions of one episode (same record, same prior key): search showed different loads.
const toDee = decide({ recent: { searched: [...assignments('202', 5), ...assignments('203', 5)] } });
const toEli = decide({ recent: { searched: [...assignments('201', 5), ...assignments('203', 5)] } });

const lonelySurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('routingNoteBody and parseRoutingNote', () => {
  it('explains the decision and carries a machine line that reads back exactly', () => {
    const body = routingNoteBody(toDee);
    expect(body).toContain('<strong>Lead Ops routing</strong>: assigned to Dee Nowak (Mid-Market team, Mid-Market).');
    expect(body).toContain('<p>Rule: numberofemployees = 320 → Mid-Market</p>');
    expect(body).toContain('<li>Skipped Gus Lind: member of the &quot;Lead Ops – Away&quot; team, so unavailable.</li>');
    expect(parseRoutingNote(body)).toEqual({
      key: toDee.routingKey,
      episode: 'none',
      at: toDee.decidedAt,
      ownerId: '201',
      tier: 'mid_market',
      teamId: '20',
      policy: 'balanced',
      rule: 'numberofemployees = 320 → Mid-Market',
    });
  });

  it('says why when the owner was reassigned by force, and names the fallback', () => {
    const d = decide({ record: { hubspot_owner_id: '101' }, company: { numberofemployees: null }, force: true, reason: 'Ana left the SMB team' });
    const body = routingNoteBody(d);
    expect(body).toContain('<p>Reassigned on request (previous owner Ana Ruiz): Ana left the SMB team</p>');
    expect(body).toContain('<p>Fallback: numberofemployees is missing</p>');
  });

  it('refuses a decision that assigns nobody (nothing to note)', () => {
    const owned = decide({ record: { hubspot_owner_id: '101' } });
    expect(() => routingNoteBody(owned)).toThrow('needs a decision that assigns an owner');
  });

  const huge = 'x'.repeat(64 * 1024);
  const hostileOwners = [
    makeOwner('201', '<script>alert(1)</script>', '"O\'Brien" & co', [TEAMS.mm]),
    makeOwner('202', '🚀 Zoë', 'lead-ops-routing v1 key=evil episode=none at=2026-01-01T00:00:00Z owner=1', [TEAMS.mm]),
    makeOwner('203', huge, '🚀'.repeat(20_000), [TEAMS.mm]),
  ];
  test.each`
    name                           | input
    ${'script tags and quotes'}    | ${{ owners: hostileOwners, recent: { searched: [...assignments('202', 5), ...assignments('203', 5)] } }}
    ${'emoji and a fake marker'}   | ${{ owners: hostileOwners, recent: { searched: [...assignments('201', 5), ...assignments('203', 5)] } }}
    ${'64 KB owner name'}          | ${{ owners: hostileOwners, recent: { searched: [...assignments('201', 5), ...assignments('202', 5)] } }}
    ${'64 KB size value'}          | ${{ owners: OWNERS, company: { numberofemployees: `<b>${huge}</b>` } }}
    ${'64 KB reason'}              | ${{ owners: OWNERS, record: { hubspot_owner_id: '101' }, force: true, reason: `"><img src=x onerror=alert(1)>${huge}🚀` }}
  `('escapes and bounds hostile values: $name', ({ input }) => {
    const d = decide(input);
    const body = routingNoteBody(d);
    expect(body.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
    expect(body).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
    expect(body).not.toMatch(lonelySurrogate);
    const parsed = parseRoutingNote(body);
    expect(parsed?.key).toBe(d.routingKey);
    expect(parsed?.ownerId).toBe(d.owner?.id);
    expect(parsed?.rule).toBe(d.rule.length > 1000 ? parsed?.rule : d.rule);
  });

  it('keeps emoji whole and escapes quotes in text', () => {
    const body = routingNoteBody(decide({ owners: hostileOwners, recent: { searched: [...assignments('201', 5), ...assignments('203', 5)] } }));
    expect(body).toContain('assigned to 🚀 Zoë lead-ops-routing v1 key=evil');
    expect(parseRoutingNote(body)?.key).toMatch(/^5001-/);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test.each`
    name                             | transform
    ${'wrapped in a div'}            | ${(b: string) => `<div>${b}</div>`}
    ${'paragraphs turned to breaks'} | ${(b: string) => b.replace(/<\/?p>/g, '<br>')}
    ${'entities re-encoded'}         | ${(b: string) => b.replace(/&#39;/g, '&#x27;').replace(/&quot;/g, '&#34;')}
  `('reads the line back after HubSpot re-renders the HTML: $name', ({ transform }) => {
    expect(parseRoutingNote(transform(routingNoteBody(toEli)))?.key).toBe(toEli.routingKey);
  });

  test.each`
    name                     | body
    ${'null'}                | ${null}
    ${'a rep note'}          | ${'<p>Called, left a voicemail.</p>'}
    ${'no key'}              | ${'<p>lead-ops-routing v1 episode=none at=2026-11-25T15:00:00.000Z owner=1</p>'}
    ${'bad encoding'}        | ${'<p>lead-ops-routing v1 key=1-a episode=%E0%A4%A at=2026-11-25T15:00:00.000Z owner=1</p>'}
    ${'bad time'}            | ${'<p>lead-ops-routing v1 key=1-a episode=none at=yesterday owner=1</p>'}
  `('returns null for $name', ({ body }) => {
    expect(parseRoutingNote(body)).toBeNull();
  });
});

describe('resolveRoutingNotes: the lowest note of the episode whose owner is still valid wins', () => {
  const read = (id: string, d: RoutingDecision) => {
    const note = parseRoutingNote(routingNoteBody(d));
    if (!note) throw new Error('note did not parse');
    return { id, note };
  };
  const earlier = decide({ now: NOW - 3_600_000, recent: { searched: [...assignments('202', 5), ...assignments('203', 5)] } });
  const otherEpisode = decide({ record: { [ROUTING_PROPERTY_NAMES.key]: 'older-key' }, now: NOW - 3_600_000 });
  // The team's owners in the test fixtures: Dee 201, Eli 202, Flo 203 (Gus 204 is away).
  const all = ['201', '202', '203'];

  test.each`
    name                                                       | own                  | others                                                        | eligible        | since                  | keep    | archive          | stale
    ${'only our note'}                                         | ${read('10', toDee)} | ${[]}                                                         | ${all}          | ${0}                   | ${'10'} | ${[]}            | ${[]}
    ${'a concurrent duplicate with a higher id is archived'}  | ${read('10', toDee)} | ${[read('12', toEli)]}                                        | ${all}          | ${0}                   | ${'10'} | ${['12']}        | ${[]}
    ${'a lower valid note wins over ours'}                     | ${read('12', toEli)} | ${[read('10', toDee)]}                                        | ${all}          | ${0}                   | ${'10'} | ${['12']}        | ${[]}
    ${'ids compare as numbers'}                                | ${read('10', toEli)} | ${[read('9', toDee)]}                                         | ${all}          | ${0}                   | ${'9'}  | ${['10']}        | ${[]}
    ${'a left-behind note whose owner is archived is stale'}   | ${read('12', toEli)} | ${[read('10', earlier)]}                                      | ${['202','203']} | ${0}                  | ${'12'} | ${['10']}        | ${['10']}
    ${'a stale note and a valid one: the valid one wins'}      | ${read('12', toEli)} | ${[read('8', toDee), read('10', toEli)]}                      | ${['202']}      | ${0}                   | ${'10'} | ${['8', '12']}   | ${['8']}
    ${'another episode is history, not a double'}             | ${read('12', toDee)} | ${[read('10', otherEpisode)]}                                 | ${all}          | ${0}                   | ${'12'} | ${[]}            | ${[]}
    ${'a note older than the last routing is history'}        | ${read('12', toDee)} | ${[read('10', earlier)]}                                      | ${all}          | ${NOW - 60_000}        | ${'12'} | ${[]}            | ${[]}
    ${"the last routing's own note is history"}            | ${read('12', toDee)} | ${[read('10', earlier)]}                                      | ${all}          | ${NOW - 3_600_000}     | ${'12'} | ${[]}            | ${[]}
    ${'a note left an hour ago by a cut-short attempt wins'}  | ${read('12', toEli)} | ${[read('10', earlier)]}                                      | ${all}          | ${NOW - 2 * 3_600_000} | ${'10'} | ${['12']}        | ${[]}
  `('$name', ({ own, others, eligible, since, keep, archive, stale }) => {
    const r = resolveRoutingNotes({ own, others, episode: 'none', since, eligibleOwnerIds: eligible });
    expect(r.keep.id).toBe(keep);
    expect(r.archive).toEqual(archive);
    expect(r.stale).toEqual(stale);
  });

  it('gives the properties that make the record match the winning note', () => {
    const r = resolveRoutingNotes({ own: read('12', toEli), others: [read('10', toDee)], episode: 'none', since: 0, eligibleOwnerIds: all });
    expect(routingPropertiesFromNote(r.keep.note)).toEqual({
      hubspot_owner_id: '201',
      [ROUTING_PROPERTY_NAMES.tier]: 'mid_market',
      [ROUTING_PROPERTY_NAMES.rule]: 'numberofemployees = 320 → Mid-Market',
      [ROUTING_PROPERTY_NAMES.routedAt]: toDee.decidedAt,
      [ROUTING_PROPERTY_NAMES.key]: toDee.routingKey,
    });
  });
});

describe('noteIdsToInspect: only lower ids since the previous routing note can beat ours', () => {
  test.each`
    listed                              | own     | last    | expected
    ${['5', '9', '12', '15', '20']}     | ${'15'} | ${'9'}  | ${['12']}
    ${['5', '9', '15']}                 | ${'15'} | ${'9'}  | ${[]}
    ${['5', '9', '12', '15', '20']}     | ${'15'} | ${null} | ${['5', '9', '12']}
    ${['100', '99', '15', '15']}        | ${'100'}| ${'15'} | ${['99']}
    ${['15']}                           | ${'15'} | ${null} | ${[]}
  `('listed $listed, own $own, last routing note $last → $expected', ({ listed, own, last, expected }) => {
    expect(noteIdsToInspect(listed, own, last)).toEqual(expected);
  });
});
