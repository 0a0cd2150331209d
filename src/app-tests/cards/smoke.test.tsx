import { ErrorState } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { LeadScoreCard } from '../../app/cards/LeadScoreCard';

type Serverless = (uid: string, opts: { parameters?: unknown; propertiesToSend?: string[] }) => Promise<unknown>;
const g = globalThis as unknown as { self?: unknown; serverless?: Serverless };

describe('card test harness', () => {
  beforeEach(() => {
    g.self = globalThis;
  });
  afterEach(() => {
    delete g.serverless;
  });

  it('renders a card that calls its function through hubspot.serverless', async () => {
    const calls: { uid: string; opts: unknown }[] = [];
    g.serverless = async (uid, opts) => {
      calls.push({ uid, opts });
      return { ok: false, error: { code: 'AUTH_REJECTED', message: 'The app token was rejected.', retryable: false } };
    };
    const { render, find, waitFor } = createRenderer('crm.record.sidebar');
    render(<LeadScoreCard objectId="42" />);
    await waitFor(() => expect(find(ErrorState)).toBeTruthy());
    expect(calls[0]?.uid).toBe('score_lead');
    expect(calls[0]?.opts).toMatchObject({ parameters: { objectType: 'contacts', objectId: '42' } });
  });
});
