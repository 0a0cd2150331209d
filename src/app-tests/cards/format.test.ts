import { cleanMessage, displayText, safeUrl } from '../../app/cards/components/text';
import { formatAge, formatDate, formatWhen, timeAgo } from '../../app/cards/components/time';

describe('displayText', () => {
  test.each`
    value                        | max   | expected
    ${null}                      | ${10} | ${''}
    ${undefined}                 | ${10} | ${''}
    ${'Acme GmbH'}               | ${10} | ${'Acme GmbH'}
    ${'Acme Corporation'}        | ${10} | ${'Acme Corp…'}
    ${'<b>x</b>'}                | ${20} | ${'<b>x</b>'}
    ${'🔥🔥🔥🔥🔥'}              | ${3}  | ${'🔥🔥…'}
    ${'שלום עולם'}               | ${20} | ${'שלום עולם'}
    ${'a\u202Eb\u2066c\u0000d'}  | ${20} | ${'abcd'}
    ${'line 1\nline 2\tend'}     | ${40} | ${'line 1\nline 2\tend'}
  `('$value (max $max) → $expected', ({ value, max, expected }) => {
    expect(displayText(value, max)).toBe(expected);
  });

  it('clips a 64 KB string to the limit in code points', () => {
    const out = displayText('😀'.repeat(32 * 1024), 200);
    expect(Array.from(out)).toHaveLength(200);
    expect(out.endsWith('😀…')).toBe(true);
  });
});

describe('cleanMessage', () => {
  test.each`
    message                                                                                  | expected
    ${'Contact 101 does not exist.'}                                                         | ${'Contact 101 does not exist.'}
    ${'Error: boom\n    at f (/var/task/x.js:1:2)\n    at g (node:internal)'}                | ${'Error: boom'}
    ${'token pat-test-00000000-0000-0000-0000-000000000000 rejected'}                          | ${'token [redacted] rejected'}
    ${'Authorization: Bearer abc.def.ghi failed'}                                            | ${'Authorization: [redacted] failed'}
    ${'GET /crm/v3?hapikey=secret123&x=1'}                                                   | ${'GET /crm/v3?[redacted]&x=1'}
    ${'GET /crm/v3?access_token=secret123'}                                                  | ${'GET /crm/v3?[redacted]'}
  `('$message → $expected', ({ message, expected }) => {
    expect(cleanMessage(message)).toBe(expected);
  });

  it('bounds a huge message', () => {
    expect(Array.from(cleanMessage('x'.repeat(100_000)))).toHaveLength(400);
  });
});

describe('safeUrl', () => {
  test.each`
    value                                              | expected
    ${'https://acme.zendesk.com/agent/tickets/4411'}   | ${'https://acme.zendesk.com/agent/tickets/4411'}
    ${'http://sheets.example.com/d/1'}                 | ${'http://sheets.example.com/d/1'}
    ${'javascript:alert(1)'}                           | ${null}
    ${'JAVASCRIPT:alert(1)'}                           | ${null}
    ${'data:text/html,<script>alert(1)</script>'}      | ${null}
    ${'https://example.com/"><script>'}                | ${null}
    ${'//evil.example.com'}                            | ${null}
    ${''}                                              | ${null}
    ${null}                                            | ${null}
  `('$value → $expected', ({ value, expected }) => {
    expect(safeUrl(value)).toBe(expected);
  });
});

describe('time', () => {
  const now = '2026-11-25T10:00:00.000Z';
  test.each`
    at                            | expected
    ${'2026-11-25T09:59:30.000Z'} | ${'just now'}
    ${'2026-11-25T09:59:00.000Z'} | ${'1 minute ago'}
    ${'2026-11-25T09:15:00.000Z'} | ${'45 minutes ago'}
    ${'2026-11-25T09:00:00.000Z'} | ${'1 hour ago'}
    ${'2026-11-23T11:00:00.000Z'} | ${'47 hours ago'}
    ${'2026-11-22T10:00:00.000Z'} | ${'3 days ago'}
    ${'2026-11-25T10:05:00.000Z'} | ${'just now'}
    ${'not a date'}               | ${null}
    ${null}                       | ${null}
  `('timeAgo($at) → $expected', ({ at, expected }) => {
    expect(timeAgo(at, now)).toBe(expected);
  });

  test.each`
    hours      | expected
    ${0.5}     | ${'30 min'}
    ${6}       | ${'6 h'}
    ${47.9}    | ${'47 h'}
    ${216}     | ${'9 d'}
    ${-1}      | ${'–'}
    ${NaN}     | ${'–'}
  `('formatAge($hours) → $expected', ({ hours, expected }) => {
    expect(formatAge(hours)).toBe(expected);
  });

  it('formats dates in UTC and falls back to them when "now" is unknown', () => {
    expect(formatDate('2026-11-20T14:05:00.000Z')).toBe('20 Nov 2026, 14:05 UTC');
    expect(formatDate('garbage')).toBe('unknown date');
    expect(formatWhen('2026-11-20T14:05:00.000Z')).toBe('20 Nov 2026, 14:05 UTC');
    expect(formatWhen('2026-11-25T09:00:00.000Z', now)).toBe('1 hour ago');
  });
});
