/**
 * A property value as HubSpot shows it on a record page and in its CRM data components: option labels instead of
 * enumeration values, owner names instead of owner ids, pipeline and stage labels instead of their ids, numbers
 * with thousands separators (and the currency symbol when the property asks for it), dates as MM/DD/YYYY and
 * date-times with the time, in the portal's time zone (the sandbox portal's is UTC), `Yes`/`No` for booleans.
 * An empty value shows as an empty string; the components draw their own placeholder for it.
 */
import type { PropertyDefinition, Pipeline } from './hubspot-reader';

export interface DisplayContext {
  readonly owners: ReadonlyMap<string, string>;
  /** The object type's pipelines (deals, tickets), for pipeline and stage properties. */
  readonly pipelines: readonly Pipeline[];
  /** ISO 4217 code of the portal's company currency. */
  readonly currency?: string;
}

/** Properties whose values are pipeline ids or stage ids, by name. */
const PIPELINE_PROPERTIES = new Set(['pipeline', 'hs_pipeline']);
const STAGE_PROPERTIES = new Set(['dealstage', 'hs_pipeline_stage']);

export const isOwnerProperty = (name: string): boolean => name === 'hubspot_owner_id' || name.endsWith('_owner_id');

const pad = (n: number) => String(n).padStart(2, '0');

function formatDate(value: string, withTime: boolean): string | null {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const date = `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
  if (!withTime) return date;
  const h = d.getUTCHours();
  return `${date} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

function formatNumber(value: string, def: PropertyDefinition, currency: string): string | null {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return null;
  if (def.showCurrencySymbol === true) return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(n);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 }).format(n);
}

/**
 * The values a user may pick for a property, with their labels: owners, pipelines, pipeline stages, or the
 * property's own options (hidden ones left out).
 */
export function optionsFor(def: PropertyDefinition, context: DisplayContext): { label: string; value: string }[] {
  if (isOwnerProperty(def.name)) return [...context.owners].map(([value, label]) => ({ label, value }));
  if (PIPELINE_PROPERTIES.has(def.name)) return context.pipelines.map((p) => ({ label: p.label, value: p.id }));
  if (STAGE_PROPERTIES.has(def.name)) return context.pipelines.flatMap((p) => [...p.stages].sort((a, b) => a.displayOrder - b.displayOrder).map((s) => ({ label: s.label, value: s.id })));
  return def.options.filter((o) => o.hidden !== true).map((o) => ({ label: o.label, value: o.value }));
}

/** The text HubSpot shows for `value` of the property `def` (the raw value when it cannot be read as its type). */
export function displayValue(def: PropertyDefinition | undefined, value: string | null, context: DisplayContext): string {
  if (value === null || value === '') return '';
  if (!def) return value;
  if (isOwnerProperty(def.name)) return context.owners.get(value) ?? value;
  if (PIPELINE_PROPERTIES.has(def.name)) return context.pipelines.find((p) => p.id === value)?.label ?? value;
  if (STAGE_PROPERTIES.has(def.name)) {
    for (const p of context.pipelines) {
      const stage = p.stages.find((s) => s.id === value);
      if (stage) return stage.label;
    }
    return value;
  }
  switch (def.type) {
    case 'enumeration':
      return value
        .split(';')
        .map((v) => def.options.find((o) => o.value === v)?.label ?? v)
        .join(', ');
    case 'bool':
      return value === 'true' ? 'Yes' : value === 'false' ? 'No' : value;
    case 'number':
      return formatNumber(value, def, context.currency ?? 'USD') ?? value;
    case 'date':
      return formatDate(value, false) ?? value;
    case 'datetime':
      // A date-time shown in a date field (a deal's close date) is shown as a date.
      return formatDate(value, def.fieldType !== 'date') ?? value;
    default:
      return value;
  }
}

/** The formatting options HubSpot's CRM hooks and `formatCrmProperties` take. */
export interface FormattingOptions {
  readonly date?: { readonly format?: string; readonly relative?: boolean };
  readonly dateTime?: { readonly format?: string; readonly relative?: boolean };
  readonly currency?: { readonly addSymbol?: boolean };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date in a moment-style pattern (YYYY, YY, MMMM, MMM, MM, M, DD, D, HH, H, hh, h, mm, ss, A, a), in UTC. */
export function formatPattern(ms: number, pattern: string): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const tokens: Record<string, string> = {
    YYYY: String(d.getUTCFullYear()),
    YY: String(d.getUTCFullYear()).slice(-2),
    MMMM: MONTHS[d.getUTCMonth()] ?? '',
    MMM: (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3),
    MM: pad(d.getUTCMonth() + 1),
    M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()),
    D: String(d.getUTCDate()),
    HH: pad(h),
    H: String(h),
    hh: pad(h % 12 === 0 ? 12 : h % 12),
    h: String(h % 12 === 0 ? 12 : h % 12),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
    A: h < 12 ? 'AM' : 'PM',
    a: h < 12 ? 'am' : 'pm',
  };
  return pattern.replace(/YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|hh|h|mm|ss|A|a/g, (t) => tokens[t] ?? t);
}

/** "3 days ago", "in 2 hours", "today" (dates count whole days). */
export function relativeTime(ms: number, now: number, dateOnly: boolean): string {
  const day = 24 * 60 * 60 * 1000;
  if (dateOnly) {
    const days = Math.round((Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), new Date(ms).getUTCDate()) - Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate())) / day);
    if (days === 0) return 'today';
    if (days === -1) return 'yesterday';
    if (days === 1) return 'tomorrow';
    return days < 0 ? `${-days} days ago` : `in ${days} days`;
  }
  const diff = ms - now;
  const abs = Math.abs(diff);
  const [n, unit] = abs < 60_000 ? [Math.round(abs / 1000), 'second'] : abs < 3_600_000 ? [Math.round(abs / 60_000), 'minute'] : abs < day ? [Math.round(abs / 3_600_000), 'hour'] : [Math.round(abs / day), 'day'];
  const words = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return diff < 0 ? `${words} ago` : `in ${words}`;
}

/**
 * A value formatted for a CRM hook's `propertiesToFormat` or `formatCrmProperties`: as HubSpot shows it
 * (`displayValue`), with the dates in the requested pattern or relative, and the currency symbol added or left off.
 */
export function formatForHook(def: PropertyDefinition | undefined, value: string | null, context: DisplayContext, options: FormattingOptions = {}, now = Date.now()): string | null {
  if (value === null || value === '') return value;
  if (!def) return value;
  // The options go by the property's type: `date` for dates, `dateTime` for date-times (whatever field shows them).
  const isDate = def.type === 'date';
  if (def.type === 'date' || def.type === 'datetime') {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    const o = isDate ? options.date : options.dateTime;
    if (Number.isFinite(ms) && o?.relative) return relativeTime(ms, now, isDate);
    if (Number.isFinite(ms) && o?.format) return formatPattern(ms, o.format);
  }
  // Currency properties are the ones shown with a symbol; `addSymbol: false` shows the bare amount.
  if (def.type === 'number' && def.showCurrencySymbol === true && options.currency?.addSymbol === false) {
    return displayValue({ ...def, showCurrencySymbol: false }, value, context);
  }
  return displayValue(def, value, context);
}
