import fc from 'fast-check';
import { SEARCH_LIMITS, searchLimitProblems, ticketProperties, ticketSearchRequest } from './ticket-search';
import { DAY, NOW, support } from './test-fixtures';

const SUPPORT = support();
const CUTOFF = String(NOW.getTime() - 30 * DAY);

describe('ticketSearchRequest', () => {
  test.each`
    objectType     | objectId | companyId | groups | targets
    ${'contacts'}  | ${'101'} | ${'555'}  | ${4}   | ${[['associations.contact', '101'], ['associations.company', '555']]}
    ${'contacts'}  | ${'101'} | ${null}   | ${2}   | ${[['associations.contact', '101']]}
    ${'contacts'}  | ${'101'} | ${'  '}   | ${2}   | ${[['associations.contact', '101']]}
    ${'companies'} | ${'555'} | ${null}   | ${2}   | ${[['associations.company', '555']]}
    ${'companies'} | ${'555'} | ${'999'}  | ${2}   | ${[['associations.company', '555']]}
  `('$objectType $objectId (company $companyId) -> $groups groups within HubSpot limits', ({ objectType, objectId, companyId, groups, targets }) => {
    const body = ticketSearchRequest(objectType, objectId, companyId, NOW, SUPPORT);
    expect(searchLimitProblems(body)).toEqual([]);
    expect(body.filterGroups).toHaveLength(groups);
    const expected = (targets as [string, string][]).flatMap(([propertyName, value]) => [
      { filters: [{ propertyName, operator: 'EQ', value }, { propertyName: 'closed_date', operator: 'NOT_HAS_PROPERTY' }] },
      { filters: [{ propertyName, operator: 'EQ', value }, { propertyName: 'closed_date', operator: 'GTE', value: CUTOFF }] },
    ]);
    expect(body.filterGroups).toEqual(expected);
  });

  it('sorts newest first with one sort and asks for exactly the cap', () => {
    const body = ticketSearchRequest('contacts', '101', '555', NOW, support({ maxTickets: 25 }));
    expect(body.sorts).toEqual([{ propertyName: 'createdate', direction: 'DESCENDING' }]);
    expect(body.limit).toBe(25);
  });

  it('uses the configured window and close-date property', () => {
    const body = ticketSearchRequest('companies', '555', null, NOW, support({ recentlyClosedDays: 7, closedDateProperty: 'time_closed' }));
    expect(body.filterGroups[1]?.filters[1]).toEqual({ propertyName: 'time_closed', operator: 'GTE', value: String(NOW.getTime() - 7 * DAY) });
    expect(body.properties).toContain('time_closed');
  });

  it('sends only strings as filter values (HubSpot compares them as text)', () => {
    const body = ticketSearchRequest('contacts', '101', '555', NOW, SUPPORT);
    for (const g of body.filterGroups) for (const f of g.filters) if ('value' in f) expect(typeof f.value).toBe('string');
  });

  it('never sends a value with NOT_HAS_PROPERTY (HubSpot rejects it)', () => {
    const body = ticketSearchRequest('contacts', '101', '555', NOW, SUPPORT);
    const presence = body.filterGroups.flatMap((g) => g.filters).filter((f) => f.operator === 'NOT_HAS_PROPERTY');
    expect(presence.length).toBeGreaterThan(0);
    for (const f of presence) expect(f).not.toHaveProperty('value');
  });
});

describe('ticketSearchRequest: any record and configuration', () => {
  it('stays within HubSpot\'s search limits', () => {
    const id = fc.bigInt({ min: 1n, max: 10n ** 17n }).map(String);
    fc.assert(
      fc.property(
        fc.constantFrom('contacts' as const, 'companies' as const),
        id,
        fc.option(id, { nil: null }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 365 }),
        (objectType, objectId, companyId, maxTickets, recentlyClosedDays) => {
          const body = ticketSearchRequest(objectType, objectId, companyId, NOW, support({ maxTickets, recentlyClosedDays }));
          expect(searchLimitProblems(body)).toEqual([]);
          expect(body.limit).toBe(maxTickets);
        },
      ),
    );
  });
});

describe('ticketProperties', () => {
  it('requests what the summary reads, once each', () => {
    expect(ticketProperties(SUPPORT)).toEqual([
      'subject',
      'hs_pipeline',
      'hs_pipeline_stage',
      'hs_ticket_priority',
      'hubspot_owner_id',
      'createdate',
      'hs_lastmodifieddate',
      'closed_date',
    ]);
  });

  it('adds the help-desk id property when one is configured', () => {
    const withDesk = support({ helpDesk: { name: 'Zendesk', externalIdProperty: 'zendesk_ticket_id' } });
    expect(ticketProperties(withDesk)).toContain('zendesk_ticket_id');
  });
});

describe('searchLimitProblems (the checker itself)', () => {
  const group = (n: number) => ({ filters: Array.from({ length: n }, () => ({ propertyName: 'x', operator: 'EQ' as const, value: '1' })) });
  test.each`
    groups                                   | limit  | problems
    ${[group(6), group(6), group(6)]}        | ${10}  | ${0}
    ${[group(7)]}                            | ${10}  | ${1}
    ${[group(6), group(6), group(6), group(1)]} | ${10} | ${1}
    ${Array.from({ length: 6 }, () => group(1))} | ${10} | ${1}
    ${[group(1)]}                            | ${201} | ${1}
    ${[group(1)]}                            | ${0}   | ${1}
  `('$groups.length groups, limit $limit -> $problems problem(s)', ({ groups, limit, problems }) => {
    expect(searchLimitProblems({ filterGroups: groups, sorts: [], limit })).toHaveLength(problems);
  });

  it('states HubSpot limits', () => {
    expect(SEARCH_LIMITS).toEqual({ filterGroups: 5, filtersPerGroup: 6, filters: 18, pageSize: 200 });
  });
});
