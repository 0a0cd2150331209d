/**
 * Turning values from records and functions into safe display text. Cards render strings only as React text
 * children (never markup), so HTML and `<script>` stay inert; what is left to do here is length, invisible
 * control characters and links.
 */

/** Bidi embedding/override/isolate controls and C0/C1 controls other than tab and newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Display form of a record's string: control characters removed (a right-to-left override cannot reorder the
 * text around it; plain right-to-left text is untouched) and clipped to `max` characters (code points, so an
 * emoji is never cut in half) with an ellipsis.
 */
export function displayText(value: string | null | undefined, max = 200): string {
  if (value === null || value === undefined) return '';
  const cleaned = value.replace(INVISIBLE_CONTROLS, '');
  // Counting code points of a 64 KB string is cheap; cut first so a huge value costs little.
  const head = cleaned.length > max * 2 + 2 ? cleaned.slice(0, max * 2 + 2) : cleaned;
  const points = Array.from(head);
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : head;
}

const STACK_FRAME = /\n\s+at\s[\s\S]*$/;
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bpat-[a-z0-9]+-[0-9a-f-]{16,}/gi, // HubSpot private app / personal access tokens
  /\bBearer\s+[^\s"',;]+/gi,
  /\b(access[_-]?token|hapikey|api[_-]?key)=[^\s&"']+/gi,
];

/**
 * A function's error message as a card may show it: no stack trace, nothing that looks like a token, bounded.
 * The functions already promise this; the card does not rely on it.
 */
export function cleanMessage(message: string): string {
  let m = message.replace(STACK_FRAME, '');
  for (const pattern of TOKEN_PATTERNS) m = m.replace(pattern, '[redacted]');
  return displayText(m.trim(), 400);
}

/** An `http(s)` URL to put in a Link, or null: a record's `javascript:` or malformed URL never becomes a link. */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  return /^https?:\/\/[^\s<>"]+$/i.test(value) ? value : null;
}
