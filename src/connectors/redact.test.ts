import { Redactor } from './redact';

describe('Redactor', () => {
  it('removes registered secrets in plain, JSON-escaped and URL-encoded spellings', () => {
    const secret = 'tok/en+"with"\\odd=chars';
    const r = new Redactor().add(secret);
    const text = `a ${secret} b ${JSON.stringify(secret)} c ${encodeURIComponent(secret)}`;
    const out = r.redact(text);
    expect(out).not.toContain('odd=chars');
    expect(out).not.toContain('odd%3Dchars');
    expect(out.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it('removes the longest secret whole when one contains another', () => {
    const r = new Redactor().add('abcdef', 'abcdef-us21');
    expect(r.redact('key abcdef-us21')).toBe('key [redacted]');
  });

  test.each`
    text                                                                   | expected
    ${'Authorization: Bearer ya29.a0AfH6SMBx-long_token'}                  | ${'Authorization: Bearer [redacted]'}
    ${'got Basic bGVhZC1vcHM6c2VjcmV0LWtleQ=='}                            | ${'got Basic [redacted]'}
    ${'token ya29.c.Kp8B-xyz in body'}                                     | ${'token [redacted] in body'}
    ${'-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----\n!'} | ${'[redacted]\n!'}
    ${'nothing secret here, Basic plan'}                                   | ${'nothing secret here, Basic plan'}
  `('removes credential shapes it was not told about: $text', ({ text, expected }) => {
    expect(new Redactor().redact(text)).toBe(expected);
  });

  it('ignores values too short to be secrets', () => {
    expect(new Redactor().add('abc', '', null, undefined).redact('abc')).toBe('abc');
  });
});
