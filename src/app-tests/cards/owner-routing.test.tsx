import { Accordion, Alert, Button, LoadingButton, LoadingSpinner, StatusTag, Tag, Text, TextArea, Tile } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { OwnerRoutingCard, REASON_REQUIRED } from '../../app/cards/OwnerRoutingCard';
import type { ObjectTypeName, RoutingDecisionView } from '../../app/cards/shared/contracts';
import { failure, makeAssignedDecision, makeDecision, makeOwner, makeSkipped } from './fixtures';
import { allText, deferred, installServerless, settle, typeInto, uninstallServerless, type FakeServerless, type ServerlessCall } from './harness';

const answer = (decision: RoutingDecisionView) => ({ ok: true, decision });
const isWrite = (call: ServerlessCall) => call.parameters.dryRun === false;

async function renderReady(fake: FakeServerless, objectType: ObjectTypeName = 'contacts') {
  const r = createRenderer('crm.record.sidebar');
  r.render(<OwnerRoutingCard objectId="101" objectType={objectType} />);
  await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'routing-loading')).toBeNull());
  expect(fake.calls.length).toBeGreaterThan(0);
  return r;
}

afterEach(uninstallServerless);

describe('Owner Routing card: rendering (a dry run)', () => {
  it.each([
    ['contacts', ['hubspot_owner_id', 'associatedcompanyid', 'numemployees']],
    ['companies', ['hubspot_owner_id', 'numberofemployees']],
  ] as const)('renders %s with assign_owner dryRun: true and sends the owner and size properties', async (objectType, props) => {
    const pending = deferred();
    const fake = installServerless(() => pending.promise);
    const r = createRenderer('crm.record.sidebar');
    r.render(<OwnerRoutingCard objectId="101" objectType={objectType} />);
    expect(r.findByTestId(LoadingSpinner, 'routing-loading').props.label).toBe('Checking routing…');
    await settle();
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.uid).toBe('assign_owner');
    expect(fake.calls[0]?.parameters).toEqual({ objectType, objectId: '101', dryRun: true });
    expect(fake.calls[0]?.propertiesToSend).toEqual(expect.arrayContaining([...props]));
    if (objectType === 'companies') expect(fake.calls[0]?.propertiesToSend).not.toContain('numemployees');
    pending.resolve(answer(makeDecision({ objectType })));
    await r.waitFor(() => expect(r.findByTestId(Tag, 'routing-tier').text).toBe('Mid-Market'));
  });

  it('shows an unowned record: no owner, the tier and the exact rule and value that matched, and Assign owner', async () => {
    const fake = installServerless(() => answer(makeDecision()));
    const r = await renderReady(fake);
    expect(r.findByTestId(StatusTag, 'routing-unassigned').text).toBe('No owner');
    expect(r.findByTestId(Text, 'routing-current-owner').text).toBe('No owner yet');
    expect(r.findByTestId(Tag, 'routing-tier').text).toBe('Mid-Market');
    expect(r.findByTestId(Text, 'routing-rule').text).toBe('numberofemployees = 320 → Mid-Market');
    expect(r.findByTestId(Text, 'routing-size').text).toBe("Company size: 320, from the primary company's numberofemployees");
    expect(r.findByTestId(LoadingButton, 'routing-assign').text).toBe('Assign owner');
    expect(r.maybeFindByTestId(Button, 'routing-reassign')).toBeNull();
    expect(r.maybeFindByTestId(Alert, 'routing-fallback')).toBeNull();
    expect(r.maybeFindByTestId(Alert, 'routing-no-owner')).toBeNull();
  });

  it('shows an owned record: owner, team, when Lead Ops assigned it, the history newest first, and Reassign', async () => {
    const fake = installServerless(() => answer(makeAssignedDecision()));
    const r = await renderReady(fake);
    expect(r.findByTestId(StatusTag, 'routing-assigned').text).toBe('Assigned');
    expect(r.findByTestId(Text, 'routing-current-owner').text).toBe('Maya Patel');
    expect(r.findByTestId(Text, 'routing-current-team').text).toBe('Team: Mid-Market');
    expect(r.findByTestId(Text, 'routing-assigned-at').text).toBe('Assigned by Lead Ops on 20 Nov 2026, 14:05 UTC');
    expect(r.findByTestId(Accordion, 'routing-history').props.title).toBe('Routing history (2)');
    expect(r.findByTestId(Text, 'routing-history-0').text).toBe(
      '20 Nov 2026, 14:05 UTC · Maya Patel · Mid-Market · numberofemployees = 320 → Mid-Market · by Lead Ops',
    );
    expect(r.findByTestId(Text, 'routing-history-1').text).toContain('Sam Ortiz · Small Business');
    expect(r.findByTestId(Button, 'routing-reassign').text).toBe('Reassign');
    expect(r.maybeFindByTestId(LoadingButton, 'routing-assign')).toBeNull();
  });

  it('says when an owner was set outside Lead Ops and the team is unknown', async () => {
    const fake = installServerless(() =>
      answer(makeAssignedDecision({ routedAt: null, currentTeam: undefined, history: [], currentOwner: makeOwner({ name: 'Ann Lee' }) })),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'routing-current-owner').text).toBe('Ann Lee');
    expect(r.findByTestId(Text, 'routing-current-team').text).toBe('Team: not in a routing team');
    expect(r.findByTestId(Text, 'routing-assigned-at').text).toBe('Assigned outside Lead Ops (no routing record)');
    expect(allText(r.findByTestId(Accordion, 'routing-history'))).toBe('No routing recorded for this record yet.');
  });

  it('explains the fallback when the company size is missing', async () => {
    const fake = installServerless(() =>
      answer(
        makeDecision({
          tier: null,
          fallback: 'No company size on the contact or its company: fallback team Small Business.',
          employees: { value: null, raw: null, source: 'none', property: null },
          team: { id: '50', name: 'Small Business' },
          rule: 'no company size → fallback Small Business',
        }),
      ),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Tag, 'routing-tier').text).toBe('Fallback');
    expect(r.findByTestId(Text, 'routing-size').text).toBe('Company size: unknown (no employee count on the record or its company)');
    const fallback = r.findByTestId(Alert, 'routing-fallback');
    expect(fallback.props.title).toBe('Fallback used');
    expect(allText(fallback)).toContain('No company size on the contact or its company: fallback team Small Business.');
    expect(allText(fallback)).toContain('Without a company size no tier applies');
  });

  it("shows a range size as HubSpot gave it", async () => {
    const fake = installServerless(() =>
      answer(makeDecision({ employees: { value: 25, raw: '25-50', source: 'contact', property: 'numemployees' }, rule: 'numemployees = 25-50 (lower bound 25) → Small Business' })),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'routing-size').text).toBe('Company size: 25 (given as "25-50"), from the contact\'s own numemployees');
  });

  it('says when no owner is eligible and lists who was skipped and why', async () => {
    const fake = installServerless(() =>
      answer(
        makeDecision({
          owner: null,
          skipped: [makeSkipped(), makeSkipped({ owner: makeOwner({ id: '7003', name: 'Lia Chen' }), reason: 'capped', detail: '20 of 20 today' })],
        }),
      ),
    );
    const r = await renderReady(fake);
    expect(allText(r.findByTestId(Alert, 'routing-no-owner'))).toBe(
      'Nobody in Mid-Market can take this record now: every owner is archived, unavailable or at their cap.',
    );
    expect(r.findByTestId(Text, 'routing-skipped-0').text).toBe('Tom Becker: unavailable (member of team "Lead Ops – Away")');
    expect(r.findByTestId(Text, 'routing-skipped-1').text).toBe('Lia Chen: at their daily cap (20 of 20 today)');
  });

  it('shows the error when the dry run fails', async () => {
    const fake = installServerless(() => failure('MISSING_SCOPES', { requiredScopes: ['crm.objects.owners.read'] }));
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'routing-error-message').text).toBe(
      'The app lacks scope crm.objects.owners.read: a HubSpot super admin must reinstall the app so it is granted.',
    );
  });
});

describe('Owner Routing card: Preview assignment', () => {
  it('runs another dry run and shows who would get the record and why, without writing', async () => {
    const preview = deferred();
    const fake = installServerless(() => (fake.calls.length === 1 ? answer(makeDecision()) : preview.promise));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'routing-preview').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'routing-preview').props.loading).toBe(true));
    preview.resolve(answer(makeDecision()));
    await r.waitFor(() => expect(r.findByTestId(Tile, 'routing-preview-result')).toBeTruthy());
    expect(r.findByTestId(Text, 'routing-preview-owner').text).toBe('Would assign to Maya Patel in Mid-Market.');
    expect(r.findByTestId(Text, 'routing-preview-step-2').text).toBe(
      '3. Balanced policy: Maya Patel has the fewest assignments in 7 days (4).',
    );
    expect(allText(r.findByTestId(Tile, 'routing-preview-result'))).toContain('Policy: balanced by recent assignments');
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls.every((c) => c.parameters.dryRun === true && c.parameters.force === undefined)).toBe(true);
    expect(r.mocks.actions.refreshObjectProperties.called).toBe(false);
  });

  it('says the record is already owned when previewing an owned record', async () => {
    const fake = installServerless(() => answer(makeAssignedDecision({ owner: makeOwner({ id: '7004', name: 'Noah Kim' }) })));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'routing-preview').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Text, 'routing-preview-owner')).toBeTruthy());
    expect(r.findByTestId(Text, 'routing-preview-owner').text).toBe(
      'Already owned by Maya Patel; routing would pick Noah Kim. Reassign to change it.',
    );
  });

  it('shows an inline error when the preview fails', async () => {
    const fake = installServerless(() => (fake.calls.length === 1 ? answer(makeDecision()) : failure('TIMEOUT')));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'routing-preview').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'routing-preview-error')).toBeTruthy());
    expect(r.findByTestId(Text, 'routing-preview-error-message').text).toBe('HubSpot is busy, try again in a few seconds.');
  });
});

describe('Owner Routing card: Assign owner', () => {
  it('applies (dryRun: false), is disabled while running, then shows the result, alerts and refreshes', async () => {
    const write = deferred();
    const fake = installServerless((call) => (isWrite(call) ? write.promise : answer(makeDecision())));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'routing-assign').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'routing-assign').props.loading).toBe(true));
    expect(r.findByTestId(LoadingButton, 'routing-assign').props.disabled).toBe(true);
    expect(fake.calls[1]?.parameters).toEqual({ objectType: 'contacts', objectId: '101', dryRun: false });

    fake.respondWith((call) => (isWrite(call) ? write.promise : answer(makeAssignedDecision({ routedAt: '2026-11-25T10:00:00.000Z' }))));
    write.resolve(answer(makeDecision({ applied: true, routedAt: '2026-11-25T10:00:00.000Z' })));
    await r.waitFor(() => expect(r.findByTestId(Alert, 'routing-assign-result')).toBeTruthy());
    expect(allText(r.findByTestId(Alert, 'routing-assign-result'))).toBe(
      'Assigned to Maya Patel in Mid-Market: numberofemployees = 320 → Mid-Market.',
    );
    expect(r.mocks.actions.addAlert.calls).toEqual([
      [{ type: 'success', title: 'Owner assigned', message: 'Maya Patel (Mid-Market) now owns this record.' }],
    ]);
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
    // The card re-reads the record with a dry run and now shows the owner.
    await r.waitFor(() => expect(r.findByTestId(Text, 'routing-current-owner').text).toBe('Maya Patel'));
    expect(fake.calls[2]?.parameters).toEqual({ objectType: 'contacts', objectId: '101', dryRun: true });
    expect(fake.calls.filter(isWrite)).toHaveLength(1);
  });

  it('says nothing changed when someone else assigned the record first', async () => {
    const fake = installServerless((call) => (isWrite(call) ? answer(makeAssignedDecision()) : answer(makeDecision())));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'routing-assign').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'routing-assign-result')).toBeTruthy());
    expect(r.findByTestId(Alert, 'routing-assign-result').props).toMatchObject({ title: 'Nothing changed', variant: 'info' });
    expect(allText(r.findByTestId(Alert, 'routing-assign-result'))).toBe(
      'Already owned by Maya Patel: use Reassign with a reason to route it again.',
    );
    expect(r.mocks.actions.refreshObjectProperties.called).toBe(false);
  });

  it('shows the error and alerts when the assignment fails', async () => {
    const fake = installServerless((call) => (isWrite(call) ? failure('CONFLICT') : answer(makeDecision())));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'routing-assign').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'routing-assign-error')).toBeTruthy());
    expect(r.findByTestId(Text, 'routing-assign-error-message').text).toBe('Someone changed this record at the same moment: try again.');
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toMatchObject({ type: 'warning', title: 'Assignment failed' });
    expect(r.findByTestId(LoadingButton, 'routing-assign').props.disabled).toBe(false);
  });
});

describe('Owner Routing card: Reassign', () => {
  async function openForm() {
    const fake = installServerless((call) => (isWrite(call) ? answer(makeAssignedDecision({ applied: true, owner: makeOwner({ id: '7004', name: 'Noah Kim' }) })) : answer(makeAssignedDecision())));
    const r = await renderReady(fake);
    r.findByTestId(Button, 'routing-reassign').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Tile, 'routing-reassign-form')).toBeTruthy());
    return { r, fake };
  }

  it.each([[''], ['   ']])('refuses without a reason (%j): a validation message and no call', async (reason) => {
    const { r, fake } = await openForm();
    if (reason) typeInto(r.findByTestId(TextArea, 'routing-reason'), reason);
    r.findByTestId(LoadingButton, 'routing-reassign-submit').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(TextArea, 'routing-reason').props.error).toBe(true));
    expect(r.findByTestId(TextArea, 'routing-reason').props.validationMessage).toBe(REASON_REQUIRED);
    await settle();
    expect(fake.calls.filter(isWrite)).toHaveLength(0);
  });

  it('reassigns with force: true and the reason, then alerts, refreshes and closes the form', async () => {
    const { r, fake } = await openForm();
    typeInto(r.findByTestId(TextArea, 'routing-reason'), '  Territory moved to EMEA  ');
    r.findByTestId(LoadingButton, 'routing-reassign-submit').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'routing-assign-result')).toBeTruthy());
    expect(fake.calls.filter(isWrite)).toEqual([
      {
        uid: 'assign_owner',
        parameters: { objectType: 'contacts', objectId: '101', dryRun: false, force: true, reason: 'Territory moved to EMEA' },
        propertiesToSend: expect.arrayContaining(['hubspot_owner_id']),
      },
    ]);
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toEqual({
      type: 'success',
      title: 'Owner reassigned',
      message: 'Noah Kim (Mid-Market) now owns this record.',
    });
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
    expect(r.maybeFindByTestId(Tile, 'routing-reassign-form')).toBeNull();
  });

  it('closes the form on Cancel without calling anything', async () => {
    const { r, fake } = await openForm();
    r.findByTestId(Button, 'routing-reassign-cancel').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Tile, 'routing-reassign-form')).toBeNull());
    expect(fake.calls).toHaveLength(1);
  });
});
