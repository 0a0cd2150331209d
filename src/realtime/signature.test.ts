import { Signature } from '@hubspot/api-client';
import { normalizeSignedUri, safeEqual, signV2, signV3, v3Headers, verifyRequest, type SignedRequest } from './signature';

// Known answers published in HubSpot's own SDK test suites (v2: hubspot-api-nodejs test/unit/signature.spec;
// v3: hubspot-api-python tests/spec/utils/test_signature.py and hubspot-api-ruby spec/helpers/signature_spec.rb).
const SDK_SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const SDK_URL = 'https://www.example.com/webhook_uri';

describe('HubSpot signatures: known answers', () => {
  test.each`
    timestamp          | expected
    ${'1693657560000'} | ${'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y='}
    ${'1700000300000'} | ${'RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw='}
  `('v3 at $timestamp matches the SDK vector', ({ timestamp, expected }) => {
    expect(signV3({ secret: SDK_SECRET, method: 'POST', uri: SDK_URL, body: "{'example_field':'example_value'}", timestamp })).toBe(expected);
  });

  it('v2 matches the Node SDK vector', () => {
    expect(signV2({ secret: SDK_SECRET, method: 'POST', uri: SDK_URL, body: '{"example_field":"example_value"}' })).toBe(
      '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
    );
  });

  it('v3 agrees with the installed @hubspot/api-client for a real webhook body', () => {
    const body = '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"object.creation","attemptNumber":0,"objectId":123,"objectTypeId":"0-1","changeSource":"CRM","appId":54321}]';
    const ts = 1790000001000;
    expect(signV3({ secret: 's3cret', method: 'POST', uri: 'https://hooks.example.org/lead-ops/events', body, timestamp: String(ts) })).toBe(
      Signature.getSignature('POST', 'v3', { signature: '', clientSecret: 's3cret', requestBody: body, url: 'https://hooks.example.org/lead-ops/events', timestamp: ts }),
    );
  });

  test.each`
    raw                                                   | decoded
    ${'https://x.org/a%3Ab%2Fc?q=%28a%29%20b'}             | ${'https://x.org/a:b/c?q=(a)%20b'}
    ${'https://x.org/plain'}                              | ${'https://x.org/plain'}
    ${'https://x.org/%2a%2C%3b%40%21%24%27'}               | ${"https://x.org/*,;@!$'"}
  `('decodes only the characters HubSpot lists: $raw', ({ raw, decoded }) => {
    expect(normalizeSignedUri(raw)).toBe(decoded);
  });

  it('compares in constant time and refuses different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('verifyRequest as a table', () => {
  const secret = 'app-client-secret';
  const uri = 'https://hooks.example.org/lead-ops/events';
  const body = '[{"eventId":7,"subscriptionType":"object.creation","objectId":101,"objectTypeId":"0-1","occurredAt":1790000000000,"attemptNumber":0}]';
  const now = 1_790_000_000_000;
  const signed = (over: Partial<{ method: string; uri: string; body: string; secret: string; at: number }> = {}): SignedRequest => {
    const h = v3Headers({ secret: over.secret ?? secret, method: over.method ?? 'POST', uri: over.uri ?? uri, body: over.body ?? body, now: over.at ?? now });
    return { method: 'POST', uri, headers: h, body };
  };
  const v2 = (over: Partial<{ uri: string; secret: string }> = {}): SignedRequest => ({
    method: 'POST',
    uri,
    body,
    headers: { 'x-hubspot-signature': signV2({ secret: over.secret ?? secret, method: 'POST', uri: over.uri ?? uri, body }), 'x-hubspot-signature-version': 'v2' },
  });

  test.each`
    name                              | kind                 | request                                                   | at                 | ok       | reason
    ${'valid v3'}                     | ${'webhook'}         | ${signed()}                                               | ${now + 1_000}     | ${true}  | ${undefined}
    ${'tampered body'}                | ${'webhook'}         | ${{ ...signed(), body: body.replace('101', '102') }}      | ${now}             | ${false} | ${'mismatch'}
    ${'tampered URI'}                 | ${'webhook'}         | ${{ ...signed(), uri: `${uri}?x=1` }}                     | ${now}             | ${false} | ${'mismatch'}
    ${'http instead of https'}        | ${'webhook'}         | ${{ ...signed(), uri: uri.replace('https', 'http') }}     | ${now}             | ${false} | ${'mismatch'}
    ${'tampered method'}              | ${'webhook'}         | ${{ ...signed(), method: 'PUT' }}                         | ${now}             | ${false} | ${'mismatch'}
    ${'wrong secret'}                 | ${'webhook'}         | ${signed({ secret: 'not-the-secret' })}                   | ${now}             | ${false} | ${'mismatch'}
    ${'stale timestamp (5 min + 1 ms)'} | ${'webhook'}       | ${signed()}                                               | ${now + 300_001}   | ${false} | ${'stale'}
    ${'exactly 5 minutes old'}        | ${'webhook'}         | ${signed()}                                               | ${now + 300_000}   | ${true}  | ${undefined}
    ${'timestamp far in the future'}  | ${'webhook'}         | ${signed({ at: now + 600_000 })}                          | ${now}             | ${false} | ${'stale'}
    ${'missing headers'}              | ${'webhook'}         | ${{ method: 'POST', uri, body, headers: {} }}             | ${now}             | ${false} | ${'missing_headers'}
    ${'missing timestamp'}            | ${'webhook'}         | ${{ ...signed(), headers: { 'x-hubspot-signature-v3': signed().headers['x-hubspot-signature-v3'] ?? '' } }} | ${now} | ${false} | ${'missing_headers'}
    ${'non-numeric timestamp'}        | ${'webhook'}         | ${{ ...signed(), headers: { ...signed().headers, 'x-hubspot-request-timestamp': 'abc' } }} | ${now} | ${false} | ${'bad_timestamp'}
    ${'webhook with only v2'}         | ${'webhook'}         | ${v2()}                                                   | ${now}             | ${false} | ${'missing_headers'}
    ${'workflow action, valid v2'}    | ${'workflow_action'} | ${v2()}                                                   | ${now}             | ${true}  | ${undefined}
    ${'workflow action, v2 wrong URI'} | ${'workflow_action'} | ${v2({ uri: 'https://evil.example/x' })}                 | ${now}             | ${false} | ${'mismatch'}
    ${'workflow action, v2 wrong secret'} | ${'workflow_action'} | ${v2({ secret: 'nope' })}                             | ${now}             | ${false} | ${'mismatch'}
    ${'workflow action, stale v3 beside a valid v2'} | ${'workflow_action'} | ${{ ...v2(), headers: { ...v2().headers, ...signed().headers } }} | ${now + 400_000} | ${false} | ${'stale'}
    ${'workflow action, unsigned'}    | ${'workflow_action'} | ${{ method: 'POST', uri, body, headers: {} }}             | ${now}             | ${false} | ${'missing_headers'}
  `('$name', ({ kind, request, at, ok, reason }) => {
    const r = verifyRequest(kind, request, secret, at);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('refuses everything when no client secret is configured', () => {
    expect(verifyRequest('webhook', signed(), '', now)).toEqual({ ok: false, reason: 'no_secret' });
  });
});
