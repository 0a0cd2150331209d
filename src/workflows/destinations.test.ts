import { GOOGLE_SERVICE_ACCOUNT_SECRET } from '../connectors/google-sheets';
import { MAILCHIMP_API_KEY_SECRET } from '../connectors/mailchimp';
import { ZENDESK_API_TOKEN_SECRET, ZENDESK_EMAIL_SECRET } from '../connectors/zendesk';
import { TEST_CONFIG } from '../testing/portal';
import { DESTINATION_SECRET_NAMES, createConnector, destinationAccessFrom, requiredSecretNames } from './destinations';

describe('destination access', () => {
  it('names the secrets exactly as the connectors do', () => {
    expect([...DESTINATION_SECRET_NAMES].sort()).toEqual([MAILCHIMP_API_KEY_SECRET, GOOGLE_SERVICE_ACCOUNT_SECRET, ZENDESK_EMAIL_SECRET, ZENDESK_API_TOKEN_SECRET].sort());
  });

  it('reads a secret from the context first, else the environment; blank counts as absent', () => {
    const a = destinationAccessFrom({ MAILCHIMP_API_KEY: 'env-key-us1', ZENDESK_EMAIL: '  ', ZENDESK_API_TOKEN: 'env-token' }, { MAILCHIMP_API_KEY: 'ctx-key-us1', GOOGLE_SERVICE_ACCOUNT_JSON: 42 });
    expect(a.secrets).toEqual({ MAILCHIMP_API_KEY: 'ctx-key-us1', ZENDESK_API_TOKEN: 'env-token' });
  });

  test.each`
    url                                  | accepted
    ${'https://us21.api.mailchimp.com/'} | ${true}
    ${'http://127.0.0.1:4010'}           | ${true}
    ${'http://localhost:4010'}           | ${true}
    ${'http://mailchimp.example.com'}    | ${false}
    ${'ftp://127.0.0.1'}                 | ${false}
    ${'not a url'}                       | ${false}
  `('a base URL $url is accepted: $accepted (credentials go wherever it points)', ({ url, accepted }) => {
    const a = destinationAccessFrom({ MAILCHIMP_API_URL: url });
    expect(a.urls.mailchimp !== undefined).toBe(accepted);
    expect(a.ignored.includes('MAILCHIMP_API_URL')).toBe(!accepted);
  });

  it('the default configuration needs all four secrets', () => {
    expect(requiredSecretNames(TEST_CONFIG.sync.destinations)).toEqual(['MAILCHIMP_API_KEY', 'GOOGLE_SERVICE_ACCOUNT_JSON', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN']);
  });

  it('a missing secret is the destination\'s failure, naming how to set it', () => {
    const zendesk = TEST_CONFIG.sync.destinations.find((d) => d.id === 'zendesk');
    if (!zendesk) throw new Error('no zendesk');
    const r = createConnector(zendesk, destinationAccessFrom({ ZENDESK_EMAIL: 'agent@acme.test' }), { pacing: 'bulk' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIG', secretNames: ['ZENDESK_EMAIL', 'ZENDESK_API_TOKEN'] } });
    if (!r.ok) expect(r.error.message).toBe('Zendesk needs the secret ZENDESK_API_TOKEN: add it with `hs secret add ZENDESK_API_TOKEN` for the app functions, or set it in the environment (.env) for the CLI.');
  });
});
