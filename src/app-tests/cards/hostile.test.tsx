/**
 * Issue 8: a record's hostile values (HTML, script tags, 64 KB strings, emoji, right-to-left text) render as
 * text in every card: never as markup (the renderer refuses unknown components, so a `<script>` element would
 * throw), never as a link unless it is http(s), clipped where long, and without control characters that would
 * reorder what a rep reads.
 */
import { Link, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { createRenderer, type RenderedElementNode } from '@hubspot/ui-extensions/testing';
import { LeadScoreCard } from '../../app/cards/LeadScoreCard';
import { OwnerRoutingCard } from '../../app/cards/OwnerRoutingCard';
import { SupportSyncCard } from '../../app/cards/SupportSyncCard';
import {
  HOSTILE,
  makeAssignedDecision,
  makeDestination,
  makeFailedDestination,
  makeHistoryEntry,
  makeOwner,
  makeReason,
  makeRecordStatus,
  makeScoreView,
  makeSkipped,
  makeTicket,
  makeTicketSummary,
} from './fixtures';
import { installServerless, textsOf, uninstallServerless } from './harness';

afterEach(uninstallServerless);

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** Checks shared by every card: nothing huge, no broken emoji, no bidi override, the markup shown as typed. */
function expectInert(texts: string[]) {
  const joined = texts.join('\n');
  expect(joined).toContain(HOSTILE.script);
  expect(joined).toContain(HOSTILE.html);
  expect(joined).toContain(HOSTILE.emoji);
  expect(joined).toContain(HOSTILE.rtl);
  expect(joined).toContain('invoicegnp.exe');
  expect(joined).not.toContain('\u202E');
  for (const t of texts) {
    expect(t.length).toBeLessThanOrEqual(2100);
    expect(hasLoneSurrogate(t)).toBe(false);
  }
  expect(joined).toMatch(/A{100,}…/);
}

const huge = (prefix: string) => `${prefix}${HOSTILE.huge}`;

describe('hostile record values', () => {
  it('Lead Score renders reasons and labels as plain, clipped text', async () => {
    installServerless(() => ({
      ok: true,
      score: makeScoreView({
        label: HOSTILE.script,
        band: HOSTILE.emoji,
        modelVersion: huge('v'),
        reasons: [
          makeReason({ ruleId: 'a', points: 30, reason: `Job title is ${HOSTILE.script}` }),
          makeReason({ ruleId: 'b', points: 20, reason: `Company ${HOSTILE.html}` }),
          makeReason({ ruleId: 'c', points: 10, reason: `City ${HOSTILE.emoji} ${HOSTILE.rtl}` }),
          makeReason({ ruleId: 'd', points: -5, reason: huge('Note ') }),
          makeReason({ ruleId: 'e', points: -4, reason: `File ${HOSTILE.rtlOverride}`, missing: [HOSTILE.html] }),
        ],
      }),
    }));
    const r = createRenderer('crm.record.sidebar');
    r.render(<LeadScoreCard objectId="101" />);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'score-loading')).toBeNull());
    expectInert(textsOf(r.getRootNode()));
    expect(r.findByTestId(Text, 'reason-top-positive-0').text).toBe(`Job title is ${HOSTILE.script}`);
    const clipped = r.findByTestId(Text, 'reason-top-negative-0').text ?? '';
    expect(Array.from(clipped)).toHaveLength(160);
    expect(clipped.endsWith('…')).toBe(true);
  });

  it('Owner Routing renders owner names, rules, skips and history as plain, clipped text', async () => {
    installServerless(() => ({
      ok: true,
      decision: makeAssignedDecision({
        currentOwner: makeOwner({ name: HOSTILE.script, email: HOSTILE.html }),
        currentTeam: { id: '1', name: HOSTILE.emoji },
        rule: huge('numberofemployees = '),
        fallback: HOSTILE.rtl,
        skipped: [makeSkipped({ owner: makeOwner({ name: HOSTILE.rtlOverride }), detail: HOSTILE.html })],
        history: [makeHistoryEntry({ ownerName: HOSTILE.rtl, rule: HOSTILE.script })],
      }),
    }));
    const r = createRenderer('crm.record.sidebar');
    r.render(<OwnerRoutingCard objectId="101" objectType="contacts" />);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'routing-loading')).toBeNull());
    expectInert(textsOf(r.getRootNode()));
    expect(r.findByTestId(Text, 'routing-current-owner').text).toBe(HOSTILE.script);
  });

  it('Support & Sync renders subjects, stages, errors and links safely', async () => {
    installServerless(() => ({
      ok: true,
      status: makeRecordStatus({
        tickets: makeTicketSummary({
          items: [
            makeTicket({ subject: HOSTILE.script, stage: HOSTILE.emoji, priority: HOSTILE.html, externalUrl: HOSTILE.javascriptUrl, externalId: 'ZD-1' }),
            makeTicket({ id: '2', subject: huge('Subject '), externalId: HOSTILE.rtlOverride, externalUrl: null }),
            makeTicket({ id: '3', subject: HOSTILE.rtl, externalUrl: 'https://example.com/"><script>', externalId: 'ZD-3' }),
          ],
        }),
        sync: [
          makeDestination({ name: HOSTILE.html, link: HOSTILE.javascriptUrl, summary: HOSTILE.emoji }),
          makeFailedDestination({ error: { plain: HOSTILE.rtl, raw: huge(HOSTILE.script) } }),
        ],
      }),
    }));
    const r = createRenderer('crm.record.tab');
    r.render(<SupportSyncCard objectId="101" objectType="contacts" />);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'status-loading')).toBeNull());
    expectInert(textsOf(r.getRootNode()));

    expect(r.findByTestId(Text, 'ticket-subject-0').text).toBe(HOSTILE.script);
    // One line in the table; the full value, bounded, in the tooltip.
    const subject = r.findByTestId(Text, 'ticket-subject-1') as RenderedElementNode<{ truncate?: { tooltipText?: string } }>;
    expect(Array.from(subject.text ?? '')).toHaveLength(80);
    expect(Array.from(subject.props.truncate?.tooltipText ?? '')).toHaveLength(1000);
    // A javascript: or malformed URL never becomes a link.
    const links = r.findAll(Link).map((l) => (l.props.href as { url: string }).url);
    expect(links).not.toContain(HOSTILE.javascriptUrl);
    expect(links.some((u) => u.includes('<'))).toBe(false);
    expect(r.findByTestId(Text, 'ticket-external-0').text).toBe('ZD-1');
    expect(r.findByTestId(Text, 'sync-raw-text-1').text?.startsWith(HOSTILE.script)).toBe(true);
    expect(r.findByTestId(Text, 'sync-name-0').text).toBe(HOSTILE.html);
    expect(r.maybeFindByTestId(Link, 'sync-link-0')).toBeNull();
  });
});
