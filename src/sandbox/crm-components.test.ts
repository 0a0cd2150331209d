import { DEFAULT_TOKEN, startEmulator, type RunningEmulator } from '../emulator';
import { statistic } from './crm-components';
import { createCrmProxy, type CrmProxy } from './crm-proxy';

describe("the data of HubSpot's CRM data components, read from the emulator", () => {
  let emulator: RunningEmulator;
  let crm: CrmProxy;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo', port: 0 });
    crm = createCrmProxy({ baseUrl: emulator.url, token: DEFAULT_TOKEN });
  });
  afterAll(() => emulator.close());

  /** A company with at least `n` associated deals, and those deals from the store. */
  const companyWithDeals = (n: number) => {
    for (const c of emulator.store.list('companies')) {
      const deals = emulator.store.associations('companies', c.id, 'deals').map((a) => emulator.store.get('deals', a.toId));
      if (deals.length >= n) return { company: c, deals: deals.filter((d): d is NonNullable<typeof d> => d !== undefined) };
    }
    throw new Error(`the demo portal has no company with ${n} deals`);
  };

  it('shows a deal’s properties as HubSpot does: stage label, owner name, close date as a date, unknown names kept', async () => {
    const deal = emulator.store.list('deals')[0];
    if (!deal) throw new Error('no deal');
    const answer = await crm.components.record({ objectTypeId: '0-3', objectId: deal.id, properties: ['dealstage', 'hubspot_owner_id', 'closedate', 'not_a_property'], stage: true });
    const [stage, owner, close, unknown] = answer.properties;
    const ownerRecord = emulator.store.owners().find((o) => o.id === deal.properties.hubspot_owner_id);
    expect(stage?.display).toBe(answer.stage?.stages.find((s) => s.id === deal.properties.dealstage)?.label);
    expect(owner?.display).toBe(`${ownerRecord?.firstName} ${ownerRecord?.lastName}`);
    expect(close?.display).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    expect(unknown).toMatchObject({ name: 'not_a_property', label: 'not_a_property', known: false, value: null, display: '' });
    expect(answer.title).toBe(deal.properties.dealname);
  });

  it("answers the deal's pipeline with its stages in order and the current one", async () => {
    const deal = emulator.store.list('deals').find((d) => d.properties.dealstage === 'contractsent') ?? emulator.store.list('deals')[0];
    if (!deal) throw new Error('no deal');
    const { stage } = await crm.components.record({ objectTypeId: '0-3', objectId: deal.id, properties: [], stage: true });
    expect(stage?.pipelineLabel).toBe('Sales Pipeline');
    expect(stage?.stages.map((s) => s.id)).toEqual(['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost']);
    expect(stage?.currentId).toBe(deal.properties.dealstage);
  });

  it('uses the lifecycle stage of a contact as its stages', async () => {
    const contact = emulator.store.list('contacts').find((c) => (c.properties.lifecyclestage ?? '') !== '');
    if (!contact) throw new Error('no contact with a lifecycle stage');
    const { stage } = await crm.components.record({ objectTypeId: '0-1', objectId: contact.id, properties: [], stage: true });
    expect(stage?.propertyName).toBe('lifecyclestage');
    expect(stage?.stages[0]?.id).toBe('subscriber');
    expect(stage?.currentId).toBe(contact.properties.lifecyclestage);
  });

  it('pages, sorts and filters associated records through the search, with the association labels', async () => {
    const { company, deals } = companyWithDeals(2);
    const byAmount = [...deals].sort((a, b) => Number(b.properties.amount) - Number(a.properties.amount));
    const first = await crm.components.associated({ fromObjectTypeId: '0-2', fromObjectId: company.id, toObjectTypeId: '0-3', properties: ['dealname', 'amount'], sort: [{ columnName: 'amount', direction: -1 }], limit: 1 });
    expect(first.total).toBe(deals.length);
    expect(first.rows.map((r) => r.id)).toEqual([byAmount[0]?.id]);
    expect(first.rows[0]?.labels).toEqual(expect.arrayContaining(['Primary']));
    const second = await crm.components.associated({ fromObjectTypeId: '0-2', fromObjectId: company.id, toObjectTypeId: '0-3', properties: ['amount'], sort: [{ columnName: 'amount', direction: -1 }], limit: 1, offset: 1 });
    expect(second.rows.map((r) => r.id)).toEqual([byAmount[1]?.id]);
    const cheapest = Number(byAmount[byAmount.length - 1]?.properties.amount);
    const filtered = await crm.components.associated({ fromObjectTypeId: '0-2', fromObjectId: company.id, toObjectTypeId: '0-3', properties: ['amount'], filters: [{ operator: 'GT', property: 'amount', value: cheapest }] });
    expect(filtered.total).toBe(deals.filter((d) => Number(d.properties.amount) > cheapest).length);
    expect(first.columns.map((c) => c.label)).toEqual(['Deal Name', 'Amount']);
  });

  it('answers no rows, and no search, for a record without associations of the type', async () => {
    const lonely = emulator.store.list('contacts').find((c) => emulator.store.associations('contacts', c.id, 'deals').length === 0);
    if (!lonely) throw new Error('every contact has deals');
    const before = emulator.requestLog().length;
    const answer = await crm.components.associated({ fromObjectTypeId: '0-1', fromObjectId: lonely.id, toObjectTypeId: '0-3', properties: ['dealname'] });
    expect(answer).toMatchObject({ total: 0, rows: [], plural: 'Deals' });
    expect(emulator.requestLog().slice(before).some((e) => e.path.endsWith('/search'))).toBe(false);
  });

  it('computes statistics over the associated records', async () => {
    const { company, deals } = companyWithDeals(2);
    const amounts = deals.map((d) => Number(d.properties.amount));
    const answer = await crm.components.statistics({
      fromObjectTypeId: '0-2',
      fromObjectId: company.id,
      toObjectTypeId: '0-3',
      statistics: [
        { label: 'Deals', statisticType: 'COUNT', propertyName: 'amount' },
        { label: 'Total', statisticType: 'SUM', propertyName: 'amount' },
        { label: 'Largest', statisticType: 'MAX', propertyName: 'amount' },
        { label: 'Over the smallest', statisticType: 'COUNT', propertyName: 'amount', filterGroups: [{ filters: [{ operator: 'GT', property: 'amount', value: Math.min(...amounts) }] }] },
      ],
    });
    expect(answer.values.map((v) => v.value)).toEqual([deals.length, amounts.reduce((a, b) => a + b, 0), Math.max(...amounts), amounts.filter((a) => a > Math.min(...amounts)).length]);
  });

  it('saves an inline edit', async () => {
    const deal = emulator.store.list('deals')[0];
    if (!deal) throw new Error('no deal');
    await crm.components.update({ objectTypeId: '0-3', objectId: deal.id, properties: { dealname: 'Renamed in place' } });
    expect(emulator.store.get('deals', deal.id)?.properties.dealname).toBe('Renamed in place');
  });

  it('reads only through the date-based 2026-09 paths', async () => {
    const { company } = companyWithDeals(1);
    const before = emulator.requestLog().length;
    await crm.components.associated({ fromObjectTypeId: '0-2', fromObjectId: company.id, toObjectTypeId: '0-3', properties: ['amount'], stage: true });
    await crm.components.record({ objectTypeId: '0-2', objectId: company.id, properties: ['name', 'hubspot_owner_id'], stage: true });
    const paths = emulator.requestLog().slice(before).map((e) => e.path);
    expect(paths.filter((p) => !p.includes('/2026-09/') && !p.endsWith('/2026-09') && !p.includes('/2026-09?'))).toEqual([]);
  });
});

test.each`
  type             | values          | count | percentile   | expected
  ${'COUNT'}       | ${[1, 2]}       | ${5}  | ${undefined} | ${5}
  ${'SUM'}         | ${[1, 2, 3]}    | ${3}  | ${undefined} | ${6}
  ${'AVG'}         | ${[1, 2, 6]}    | ${3}  | ${undefined} | ${3}
  ${'MIN'}         | ${[4, 2, 9]}    | ${3}  | ${undefined} | ${2}
  ${'MAX'}         | ${[4, 2, 9]}    | ${3}  | ${undefined} | ${9}
  ${'DISTINCT_APPROX'} | ${[1, 1, 2]} | ${3} | ${undefined} | ${2}
  ${'PERCENTILES'} | ${[5, 1, 4, 2, 3]} | ${5} | ${50}     | ${3}
  ${'PERCENTILES'} | ${[5, 1, 4, 2, 3]} | ${5} | ${90}     | ${5}
  ${'AVG'}         | ${[]}           | ${0}  | ${undefined} | ${null}
`('$type of $values (p$percentile) is $expected', ({ type, values, count, percentile, expected }: { type: string; values: number[]; count: number; percentile?: number; expected: number | null }) => {
  expect(statistic(type, values, count, percentile)).toBe(expected);
});
