/**
 * Time as a rep reads it. Cards take "now" from the function's answer (`computedAt`, `generatedAt`), not from
 * the browser clock, so what a card says matches what the function decided (and tests are deterministic).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const parse = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago"; null when either time is missing or invalid. */
export function timeAgo(iso: string | null | undefined, nowIso: string | null | undefined): string | null {
  const then = parse(iso);
  const now = parse(nowIso);
  if (then === null || now === null) return null;
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

/** "20 Nov 2026, 14:05 UTC"; "unknown date" for a missing or invalid time. */
export function formatDate(iso: string | null | undefined): string {
  const t = parse(iso);
  if (t === null) return 'unknown date';
  const d = new Date(t);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** Relative to `nowIso` when it is known ("3 hours ago"), the date otherwise. */
export function formatWhen(iso: string | null | undefined, nowIso?: string | null): string {
  return timeAgo(iso, nowIso) ?? formatDate(iso);
}

/** A ticket's age: "40 min", "5 h", "3 d". */
export function formatAge(hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) return '–';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.floor(hours)} h`;
  return `${Math.floor(hours / 24)} d`;
}
