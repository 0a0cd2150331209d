import { deriveTicketSummary, type TicketSummaryOptions } from './tickets';
import type { TicketRecord } from './records';
import { DAY, HOSTILE, HOUR, MIN, NOW, OWNERS, PIPELINES, ago, support, ticket } from './test-fixtures';

const SUPPORT = support({ helpDesk: { name: 'Zendesk', externalIdProperty: 'zendesk_ticket_id', linkTemplate: 'https://acme.zendesk.com/agent/tickets/{id}' } });
const summarize = (tickets: TicketRecord[], options: Partial<TicketSummaryOptions> = {}, config = SUPPORT) =>
  deriveTicketSummary(tickets, PIPELINES, OWNERS, NOW, config, { total: tickets.length, ...options });
const one = (t: TicketRecord, options: Partial<TicketSummaryOptions> = {}, config = SUPPORT) => {
  const item = summarize([t], options, config).items[0];
  if (!item) throw new Error('expected one item');
  return item;
};

describe('pipeline and stage labels, closed or not', () => {
  test.each`
    pipeline | stage    | closedAgo   | pipelineLabel                 | stageLabel              | isClosed
    ${'0'}   | ${'1'}   | ${null}     | ${'Support Pipeline'}         | ${'New'}                | ${false}
    ${'0'}   | ${'3'}   | ${null}     | ${'Support Pipeline'}         | ${'Waiting on us'}      | ${false}
    ${'0'}   | ${'4'}   | ${DAY}      | ${'Support Pipeline'}         | ${'Closed'}             | ${true}
    ${'77'}  | ${'772'} | ${DAY}      | ${'Onboarding'}               | ${'Done'}               | ${true}
    ${'77'}  | ${'771'} | ${DAY}      | ${'Onboarding'}               | ${'Kick-off'}           | ${false}
    ${'0'}   | ${'99'}  | ${null}     | ${'Support Pipeline'}         | ${'Unknown stage 99'}   | ${false}
    ${'0'}   | ${'99'}  | ${DAY}      | ${'Support Pipeline'}         | ${'Unknown stage 99'}   | ${true}
    ${'55'}  | ${'4'}   | ${null}     | ${'Unknown pipeline 55'}      | ${'Closed'}             | ${true}
    ${null}  | ${null}  | ${null}     | ${'No pipeline'}              | ${'No stage'}           | ${false}
  `('pipeline $pipeline stage $stage (close date $closedAgo) -> $pipelineLabel / $stageLabel, closed $isClosed', ({ pipeline, stage, closedAgo, pipelineLabel, stageLabel, isClosed }) => {
    const item = one(ticket({ pipeline, stage, closedAgo }));
    expect(item).toMatchObject({ pipeline: pipelineLabel, stage: stageLabel, isClosed });
  });

  it('what counts as closed comes from the configuration', () => {
    const custom = support({ closedTicketStates: ['CLOSED', 'RESOLVED'] });
    const pipelines = [{ id: '0', label: 'P', stages: [{ id: '5', label: 'Resolved', metadata: { ticketState: 'RESOLVED' } }] }];
    const t = ticket({ stage: '5', closedAgo: HOUR });
    expect(deriveTicketSummary([t], pipelines, [], NOW, custom, { total: 1 }).items[0]?.isClosed).toBe(true);
    expect(deriveTicketSummary([t], pipelines, [], NOW, support(), { total: 1 }).items[0]?.isClosed).toBe(false);
  });
});

describe('owners', () => {
  test.each`
    owner     | name
    ${'9001'} | ${'Grace Hopper'}
    ${'9002'} | ${'queue@example.com'}
    ${'9003'} | ${'Owner 9003'}
    ${'4444'} | ${'Owner 4444'}
    ${null}   | ${null}
  `('owner $owner -> $name', ({ owner, name }) => {
    expect(one(ticket({ owner })).owner).toBe(name);
  });
});

describe('counts', () => {
  const tickets = [
    ticket({ priority: 'HIGH', age: HOUR }), // open, ok
    ticket({ priority: 'HIGH', age: 5 * HOUR }), // open, breached
    ticket({ priority: 'URGENT', age: 50 * MIN }), // open, at risk
    ticket({ priority: null, age: 90 * DAY }), // open, no SLA: never breached
    ticket({ stage: '4', age: 3 * DAY, closedAgo: 2 * DAY }), // closed 2 days ago
    ticket({ stage: '4', age: 40 * DAY, closedAgo: 30 * DAY }), // closed exactly 30 days ago: counted
    ticket({ stage: '4', age: 40 * DAY, closedAgo: 30 * DAY + 1 }), // just outside the window
    ticket({ stage: '4', age: 10 * DAY, closedAgo: null, modifiedAgo: DAY }), // closed, no close date: last change used
  ];

  it('counts open, breached and closed in the window', () => {
    expect(summarize(tickets).counts).toEqual({ open: 4, breached: 1, closedLast30Days: 3 });
  });

  it('the window comes from the configuration', () => {
    expect(summarize(tickets, {}, support({ recentlyClosedDays: 1 })).counts.closedLast30Days).toBe(1);
  });

  it('counts each ticket once when the page repeats one', () => {
    const t = ticket({ age: 5 * HOUR });
    const s = summarize([t, t, { ...t }]);
    expect(s.counts.open).toBe(1);
    expect(s.items).toHaveLength(1);
    expect(s.countedTickets).toBe(1);
  });

  it('counts nothing without tickets', () => {
    expect(summarize([])).toEqual({ counts: { open: 0, breached: 0, closedLast30Days: 0 }, items: [], more: 0, countsArePartial: false, countedTickets: 0, total: 0 });
  });
});

describe('newest first, capped, with a "more" count and partial counts', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ticket({ id: String(100 + i), age: (i + 1) * HOUR }));

  test.each`
    given | total  | cap   | items | more  | partial
    ${5}  | ${5}   | ${10} | ${5}  | ${0}  | ${false}
    ${10} | ${10}  | ${10} | ${10} | ${0}  | ${false}
    ${25} | ${25}  | ${10} | ${10} | ${15} | ${false}
    ${10} | ${500} | ${10} | ${10} | ${490} | ${true}
    ${10} | ${11}  | ${10} | ${10} | ${1}  | ${true}
    ${3}  | ${0}   | ${10} | ${3}  | ${0}  | ${false}
  `('$given tickets of $total, cap $cap -> $items shown, $more more, partial $partial', ({ given, total, cap, items, more, partial }) => {
    const s = summarize(many(given), { total }, support({ maxTickets: cap }));
    expect(s.items).toHaveLength(items);
    expect(s.more).toBe(more);
    expect(s.countsArePartial).toBe(partial);
    expect(s.total).toBe(Math.max(total, given));
    expect(s.countedTickets).toBe(given);
  });

  it('orders by creation, newest first, whatever order the page came in', () => {
    const ts = [ticket({ id: '1', age: 3 * HOUR }), ticket({ id: '2', age: HOUR }), ticket({ id: '3', age: 2 * HOUR })];
    expect(summarize(ts).items.map((i) => i.id)).toEqual(['2', '3', '1']);
  });

  it('breaks ties by id, highest (newest) first, comparing ids as numbers', () => {
    const ts = [ticket({ id: '9', age: HOUR }), ticket({ id: '10', age: HOUR }), ticket({ id: '100', age: HOUR })];
    expect(summarize(ts).items.map((i) => i.id)).toEqual(['100', '10', '9']);
  });
});

describe('per ticket', () => {
  it('has times, age and SLA', () => {
    const item = one(ticket({ id: '7', age: 5 * HOUR, modifiedAgo: 30 * MIN, priority: 'HIGH' }));
    expect(item).toMatchObject({
      id: '7',
      priority: 'HIGH',
      createdAt: ago(5 * HOUR),
      updatedAt: ago(30 * MIN),
      ageHours: 5,
      sla: { state: 'breached', thresholdHours: 4, detail: 'Open 5 h: over the 4 h HIGH target by 1 h.' },
    });
  });

  it('falls back to the record-level times when the properties lack them', () => {
    const t = ticket({ age: 2 * HOUR });
    const bare = { ...t, properties: { ...t.properties, createdate: null, hs_lastmodifieddate: undefined } };
    expect(one(bare)).toMatchObject({ createdAt: t.createdAt, updatedAt: t.updatedAt, ageHours: 2 });
  });

  test.each`
    objectType     | recordTicketIds | expected
    ${'contacts'}  | ${['1']}        | ${'record'}
    ${'contacts'}  | ${['2']}        | ${'company'}
    ${'contacts'}  | ${[]}           | ${'company'}
    ${'contacts'}  | ${null}         | ${'record'}
    ${'companies'} | ${['2']}        | ${'record'}
  `('on a $objectType with record tickets $recordTicketIds -> $expected', ({ objectType, recordTicketIds, expected }) => {
    expect(one(ticket({ id: '1' }), { objectType, recordTicketIds }).via).toBe(expected);
  });

  test.each`
    externalId   | expectedUrl
    ${'4711'}    | ${'https://acme.zendesk.com/agent/tickets/4711'}
    ${'a b/c'}   | ${'https://acme.zendesk.com/agent/tickets/a%20b%2Fc'}
    ${null}      | ${null}
    ${'  '}      | ${null}
  `('help-desk id $externalId -> $expectedUrl', ({ externalId, expectedUrl }) => {
    const item = one(ticket({ extra: { zendesk_ticket_id: externalId } }));
    expect(item.externalUrl).toBe(expectedUrl);
    expect(item.externalId).toBe(externalId === null || externalId.trim() === '' ? null : externalId);
  });

  it('has no external id without a configured help desk, and no link without a template', () => {
    expect(one(ticket({ extra: { zendesk_ticket_id: '1' } }), {}, support()).externalId).toBeNull();
    const noLink = support({ helpDesk: { name: 'Zendesk', externalIdProperty: 'zendesk_ticket_id' } });
    expect(one(ticket({ extra: { zendesk_ticket_id: '1' } }), {}, noLink)).toMatchObject({ externalId: '1', externalUrl: null });
  });

  test.each`
    subject      | expected
    ${null}      | ${'(no subject)'}
    ${''}        | ${'(no subject)'}
    ${'   '}     | ${'(no subject)'}
    ${' Login '} | ${' Login '}
  `('subject "$subject" -> "$expected"', ({ subject, expected }) => {
    expect(one(ticket({ subject })).subject).toBe(expected);
  });

  test.each(Object.entries(HOSTILE))('a %s subject and help-desk id pass through as data', (_name, text) => {
    const item = one(ticket({ subject: text, extra: { zendesk_ticket_id: text } }));
    expect(item.subject).toBe(text);
    expect(item.externalId).toBe(text.trim());
    expect(item.externalUrl).toBe(`https://acme.zendesk.com/agent/tickets/${encodeURIComponent(text.trim())}`);
  });
});
