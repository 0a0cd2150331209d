/** @jest-environment jsdom */
import {
  CrmActionButton,
  CrmActionLink,
  CrmAssociationPivot,
  CrmAssociationPropertyList,
  CrmAssociationStageTracker,
  CrmAssociationTable,
  CrmCardActions,
  CrmDataHighlight,
  CrmPropertyList,
  CrmReport,
  CrmSimpleDeadline,
  CrmStageTracker,
  CrmStatistics,
} from '@hubspot/ui-extensions/crm';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { AssociatedRow, CrmAssociatedAnswer, CrmAssociatedRequest, CrmRecordAnswer, CrmRecordRequest, PropertyCell, StageView } from '../../../shared/protocol';
import type { CardHost, Diagnostic, HostDialog } from '../host-context';
import { renderCard } from '../render-remote';

const cell = (name: string, value: string | null, over: Partial<PropertyCell> = {}): PropertyCell => ({
  name,
  label: name.replace(/^./, (c) => c.toUpperCase()),
  type: 'string',
  fieldType: 'text',
  value,
  display: value ?? '',
  known: true,
  editable: true,
  options: [],
  ...over,
});

const DEAL_STAGE: StageView = {
  propertyName: 'dealstage',
  pipelineLabel: 'Sales Pipeline',
  stages: [
    { id: 'a', label: 'Appointment', closed: false },
    { id: 'b', label: 'Qualified', closed: false },
    { id: 'c', label: 'Closed won', closed: true },
  ],
  currentId: 'b',
};

const row = (id: string, title: string, labels: string[], properties: PropertyCell[] = [], stage: StageView | null = null): AssociatedRow => ({ id, objectTypeId: '0-3', title, labels, properties, stage });

/** A host whose CRM reads answer from the given functions and remember what they were asked. */
function fakeHost(answers: { record?: (r: CrmRecordRequest) => CrmRecordAnswer; associated?: (r: CrmAssociatedRequest) => CrmAssociatedAnswer } = {}) {
  const calls = { record: [] as CrmRecordRequest[], associated: [] as CrmAssociatedRequest[], update: [] as unknown[], dialogs: [] as HostDialog[], reports: [] as Diagnostic[], opened: [] as string[] };
  const host: CardHost = {
    record: { objectTypeId: '0-1', objectId: '101' },
    crm: {
      record: async (_c, r) => {
        calls.record.push(r);
        return answers.record ? { data: answers.record(r) } : { error: 'no record' };
      },
      associated: async (_c, r) => {
        calls.associated.push(r);
        return answers.associated ? { data: answers.associated(r) } : { error: 'no associations' };
      },
      statistics: async (_c, r) => ({ data: { values: r.statistics.map((s, i) => ({ label: s.label, value: i + 1, display: `${i + 1}`, count: 3, error: null })) } }),
      update: async (_c, r) => {
        calls.update.push(r);
        return { data: { saved: true } };
      },
    },
    openDialog: (d) => calls.dialogs.push(d),
    openRecord: (type, id) => {
      calls.opened.push(`${type}/${id}`);
      return true;
    },
    report: (d) => calls.reports.push(d),
  };
  return { host, calls };
}

const recordAnswer = (r: CrmRecordRequest, values: Record<string, string | null>, stage: StageView | null = null): CrmRecordAnswer => ({
  objectTypeId: r.objectTypeId,
  objectId: r.objectId,
  title: 'Ada Lovelace',
  properties: r.properties.map((n) => (n === 'nope' ? cell(n, null, { known: false, label: n }) : cell(n, values[n] ?? null))),
  stage,
});

const associated = (rows: AssociatedRow[], over: Partial<CrmAssociatedAnswer> = {}): CrmAssociatedAnswer => ({
  total: rows.length,
  rows,
  columns: [cell('dealname', null, { label: 'Deal name' }), cell('dealstage', null, { label: 'Deal stage', options: [{ label: 'Qualified', value: 'b' }] })],
  labels: ['Decision maker', 'CEO'],
  singular: 'Deal',
  plural: 'Deals',
  ...over,
});

describe('record components', () => {
  it('CrmPropertyList shows labels and values of the displayed record, -- for empty ones', async () => {
    const { host, calls } = fakeHost({ record: (r) => recordAnswer(r, { email: 'ada@example.com' }) });
    const { container } = await renderCard(<CrmPropertyList properties={['email', 'phone', 'nope']} direction="row" />, { host });
    await screen.findByText('ada@example.com');
    expect(calls.record[0]).toEqual({ objectTypeId: '0-1', objectId: '101', properties: ['email', 'phone', 'nope'], stage: false });
    expect([...container.querySelectorAll('.hs-crm-property dt')].map((e) => e.textContent)).toEqual(['Email', 'Phone', 'nope']);
    expect([...container.querySelectorAll('.hs-crm-property dd')].map((e) => e.textContent)).toEqual(['ada@example.com✎', '--✎', '--']);
    expect(container.querySelector('.hs-crm-dir-row')).not.toBeNull();
  });

  it('CrmPropertyList saves an inline edit on Enter and reads the record again', async () => {
    const { host, calls } = fakeHost({ record: (r) => recordAnswer(r, { email: 'ada@example.com' }) });
    await renderCard(<CrmPropertyList properties={['email']} />, { host });
    fireEvent.click(await screen.findByRole('button', { name: /ada@example.com/ }));
    const input = screen.getByRole('textbox', { name: 'Email' });
    fireEvent.change(input, { target: { value: 'ada@lovelace.org' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(calls.update).toEqual([{ objectTypeId: '0-1', objectId: '101', properties: { email: 'ada@lovelace.org' } }]));
    await waitFor(() => expect(calls.record.length).toBe(2));
  });

  it('reads another record when objectTypeId and objectId are given', async () => {
    const { host, calls } = fakeHost({ record: (r) => recordAnswer(r, {}) });
    await renderCard(<CrmDataHighlight properties={['a', 'b', 'c', 'd', 'e']} objectTypeId="0-3" objectId={77} />, { host });
    await waitFor(() => expect(calls.record[0]).toEqual({ objectTypeId: '0-3', objectId: '77', properties: ['a', 'b', 'c', 'd'], stage: false }));
  });

  it('CrmStageTracker draws the pipeline with the current stage and hides properties when told', async () => {
    const { host } = fakeHost({ record: (r) => recordAnswer(r, { amount: '500' }, DEAL_STAGE) });
    const { container } = await renderCard(<CrmStageTracker properties={['amount']} showProperties={false} />, { host });
    await screen.findByText('Qualified (2 of 3)');
    expect(container.querySelector('[aria-current="step"]')?.textContent).toBe('Qualified');
    expect(container.querySelectorAll('.hs-stage-done')).toHaveLength(1);
    expect(container.querySelector('.hs-crm-property')).toBeNull();
  });

  it('says when the data cannot be read', async () => {
    const { host } = fakeHost();
    await renderCard(<CrmPropertyList properties={['email']} />, { host });
    expect((await screen.findByRole('alert')).textContent).toContain('CrmPropertyList could not load its data. no record');
  });

  it('CrmSimpleDeadline shows the days left to the end date', async () => {
    const day = 24 * 60 * 60 * 1000;
    const start = new Date(Date.now() - 10 * day).toISOString();
    const end = new Date(Date.now() + 5 * day - 1000).toISOString();
    const { host } = fakeHost({ record: (r) => recordAnswer(r, { createdate: start, closedate: end }) });
    await renderCard(<CrmSimpleDeadline startDatePropertyName="createdate" endDatePropertyName="closedate" properties={[]} />, { host });
    await screen.findByText('5 days left');
    expect(Number(screen.getByRole('progressbar', { name: 'Time to the deadline' }).getAttribute('aria-valuenow'))).toBe(67);
  });
});

describe('association components', () => {
  const rows = [row('1', 'Globex renewal', ['CEO'], [cell('dealname', 'Globex renewal'), cell('dealstage', 'b', { display: 'Qualified' })]), row('2', 'Initech pilot', [], [cell('dealname', 'Initech pilot'), cell('dealstage', 'a', { display: 'Appointment' })])];

  it('CrmAssociationTable asks for the columns, filters, sort and page size, and lists the rows', async () => {
    const { host, calls } = fakeHost({ associated: () => associated(rows) });
    const { container } = await renderCard(
      <CrmAssociationTable objectTypeId="0-3" propertyColumns={['dealname', 'dealstage']} pageSize={2} preFilters={[{ operator: 'GT', property: 'amount', value: 1000 }]} sort={[{ columnName: 'amount', direction: -1 }]} />,
      { host },
    );
    await screen.findByText('Globex renewal');
    expect(calls.associated[0]).toEqual({
      fromObjectTypeId: '0-1',
      fromObjectId: '101',
      toObjectTypeId: '0-3',
      properties: ['dealname', 'dealstage'],
      filters: [{ operator: 'GT', property: 'amount', value: 1000 }],
      sort: [{ columnName: 'amount', direction: -1 }],
      offset: 0,
      limit: 2,
    });
    expect([...container.querySelectorAll('thead th')].map((t) => t.textContent)).toEqual(['Deal name ⇅', 'Deal stage ⇅']);
    expect([...container.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual(['Globex renewalQualified✎', 'Initech pilotAppointment✎']);
    expect(screen.getByText('2 deals')).toBeTruthy();
  });

  it('CrmAssociationTable searches, sorts by a clicked column, filters by label and quick filter, and pages', async () => {
    const { host, calls } = fakeHost({ associated: (r) => associated(rows, { total: 7 - (r.offset ?? 0) > 0 ? 7 : 0 }) });
    await renderCard(<CrmAssociationTable objectTypeId="0-3" propertyColumns={['dealname', 'dealstage']} quickFilterProperties={['dealstage']} pageSize={2} />, { host });
    await screen.findByText('Globex renewal');
    fireEvent.click(screen.getByText('Deal name'));
    await waitFor(() => expect(calls.associated.at(-1)?.sort).toEqual([{ columnName: 'dealname', direction: 1 }]));
    fireEvent.click(screen.getByRole('button', { name: 'Next ›' }));
    await waitFor(() => expect(calls.associated.at(-1)?.offset).toBe(2));
    fireEvent.change(screen.getByRole('combobox', { name: 'Association label' }), { target: { value: 'CEO' } });
    await waitFor(() => expect(calls.associated.at(-1)).toMatchObject({ associationLabels: ['CEO'], offset: 0 }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Deal stage' }), { target: { value: 'b' } });
    await waitFor(() => expect(calls.associated.at(-1)?.filters).toEqual([{ operator: 'EQ', property: 'dealstage', value: 'b' }]));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search deals' }), { target: { value: 'glob' } });
    await waitFor(() => expect(calls.associated.at(-1)?.query).toBe('glob'), { timeout: 2000 });
  });

  it('CrmAssociationTable hides search and pages when told, and links rows to their records', async () => {
    const { host, calls } = fakeHost({ associated: () => associated(rows, { total: 30 }) });
    await renderCard(<CrmAssociationTable objectTypeId="0-3" propertyColumns={['dealname']} searchable={false} pagination={false} associationLabelFilter={false} />, { host });
    fireEvent.click(await screen.findByText('Globex renewal'));
    expect(calls.opened).toEqual(['0-3/1']);
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Association label' })).toBeNull();
  });

  it('CrmAssociationPivot groups by label and shows more on request', async () => {
    const many = [row('1', 'A', ['CEO']), row('2', 'B', ['CEO']), row('3', 'C', ['CEO']), row('4', 'D', [])];
    const { host, calls } = fakeHost({ associated: () => associated(many) });
    const { container } = await renderCard(<CrmAssociationPivot objectTypeId="0-1" maxAssociations={2} />, { host });
    await screen.findByText('A');
    expect(calls.associated[0]).toMatchObject({ toObjectTypeId: '0-1', properties: [] });
    expect([...container.querySelectorAll('.hs-pivot-group')].map((g) => g.getAttribute('data-label'))).toEqual(['CEO', 'Unlabeled']);
    expect(screen.queryByText('C')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show more (1)' }));
    expect(screen.getByText('C')).toBeTruthy();
  });

  it('CrmAssociationPropertyList shows the first associated record having all the labels', async () => {
    const { host, calls } = fakeHost({ associated: () => associated(rows) });
    await renderCard(<CrmAssociationPropertyList objectTypeId="0-3" properties={['dealname']} associationLabels={['CEO']} />, { host });
    await screen.findAllByText('Globex renewal');
    expect(calls.associated[0]).toMatchObject({ associationLabels: ['CEO'], labelMatch: 'all', limit: 1 });
  });

  it('CrmAssociationStageTracker tracks the chosen associated record', async () => {
    const withStages = [row('1', 'Globex renewal', [], [], DEAL_STAGE), row('2', 'Initech pilot', [], [], { ...DEAL_STAGE, currentId: 'c' })];
    const { host, calls } = fakeHost({ associated: () => associated(withStages) });
    await renderCard(<CrmAssociationStageTracker objectTypeId="0-3" properties={[]} />, { host });
    await screen.findByText('Qualified (2 of 3)');
    expect(calls.associated[0]).toMatchObject({ stage: true });
    fireEvent.change(screen.getByRole('combobox', { name: 'Associated deal' }), { target: { value: '2' } });
    expect(screen.getByText('Closed won (3 of 3)')).toBeTruthy();
  });
});

describe('statistics and reports', () => {
  it('CrmStatistics shows each statistic under its label', async () => {
    const { host } = fakeHost();
    await renderCard(
      <CrmStatistics
        objectTypeId="0-3"
        statistics={[
          { label: 'Average', statisticType: 'AVG', propertyName: 'amount' },
          { label: 'Median', statisticType: 'PERCENTILES', propertyName: 'amount', percentile: 50 },
        ]}
      />,
      { host },
    );
    await screen.findByText('Average');
    expect([...document.querySelectorAll('.hs-stat-item')].map((e) => e.textContent)).toEqual(['Average1', 'Median2']);
  });

  it('CrmReport is a marked stand-in saying what HubSpot would show', async () => {
    const { host, calls } = fakeHost();
    const { container } = await renderCard(<CrmReport reportId="1234" use="subject" />, { host });
    expect(container.querySelector('[data-sbx-stand-in="CrmReport"]')?.textContent).toContain('HubSpot draws its single-object report 1234 here, showing only the data of this record');
    expect(calls.reports).toEqual([{ kind: 'stand-in', component: 'CrmReport', detail: 'Report 1234' }]);
  });
});

describe('action components', () => {
  it('CrmActionButton opens the record preview HubSpot would open, as a stand-in dialog', async () => {
    const { host, calls } = fakeHost();
    const onClick = jest.fn();
    await renderCard(
      <CrmActionButton actionType="PREVIEW_OBJECT" actionContext={{ objectTypeId: '0-3', objectId: 42 }} onClick={onClick}>
        Preview
      </CrmActionButton>,
      { host },
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));
    expect(onClick).toHaveBeenCalled();
    expect(calls.dialogs.map((d) => [d.title, d.body])).toEqual([['Record preview', 'HubSpot opens the preview panel of deal 42 on the right of the page: its highlights, key properties and associations.']]);
  });

  it('reports missing context to onError and opens nothing', async () => {
    const { host, calls } = fakeHost();
    const onError = jest.fn();
    await renderCard(
      // A card that leaves out the required objectId.
      <CrmActionLink actionType="SEND_EMAIL" actionContext={{ objectTypeId: '0-1' } as never} onError={onError}>
        Email
      </CrmActionLink>,
      { host },
    );
    await act(async () => fireEvent.click(screen.getByText('Email')));
    await waitFor(() => expect(onError).toHaveBeenCalledWith(['actionContext.objectId is required for SEND_EMAIL']));
    expect(calls.dialogs).toEqual([]);
  });

  it('moves to a record page for RECORD_APP_LINK', async () => {
    const { host, calls } = fakeHost();
    await renderCard(
      <CrmActionButton actionType="RECORD_APP_LINK" actionContext={{ objectTypeId: '0-2', objectId: 9 }}>
        Open company
      </CrmActionButton>,
      { host },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open company' }));
    expect(calls.opened).toEqual(['0-2/9']);
  });

  it('CrmCardActions draws buttons and dropdowns whose options run their actions', async () => {
    const { host, calls } = fakeHost();
    await renderCard(
      <CrmCardActions
        actionConfigs={[
          { type: 'action-library-button', label: 'Create deal', actionType: 'OPEN_RECORD_ASSOCIATION_FORM', actionContext: { objectTypeId: '0-3', association: { objectTypeId: '0-1', objectId: 101 } } },
          { type: 'dropdown', label: 'More', options: [{ type: 'action-library-button', label: 'Add note', actionType: 'ADD_NOTE', actionContext: { objectTypeId: '0-1', objectId: 101 } }] },
        ]}
      />,
      { host },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create deal' }));
    fireEvent.click(screen.getByRole('button', { name: 'More ▾' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(calls.dialogs.map((d) => d.title)).toEqual(['Create associated record', 'Note editor']);
    expect(calls.dialogs[0]?.body).toBe('HubSpot opens its form to create a deal associated with contact 101.');
  });
});
