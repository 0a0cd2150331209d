import type { Properties } from '../criteria/evaluate';
import { parseNumber, readProperty } from '../criteria/evaluate';
import type { RoutingConfig } from './config-schema';

/**
 * Company size, as HubSpot stores it: `numberofemployees` on companies is a number ("320", "1,200"), while the
 * contact property `numemployees` is an enumeration of ranges ("1-5", "25-50", "1000+"). Both are parsed into a
 * count or a range; anything else is malformed and sends the record to the fallback.
 */
export type EmployeeCount =
  | { readonly kind: 'missing' }
  | { readonly kind: 'malformed'; readonly why: string }
  | { readonly kind: 'count'; readonly value: number }
  /** Inclusive; `max` null = open ("1000+"). */
  | { readonly kind: 'range'; readonly min: number; readonly max: number | null };

/** Where the size was read: a contact's primary company, the contact itself, or the company record itself. */
export type SizeSource = 'company' | 'contact' | 'record' | 'none';

export interface SizeReading {
  readonly source: SizeSource;
  readonly property: string | null;
  /** The value as stored (trimmed), null when absent. */
  readonly raw: string | null;
  readonly count: EmployeeCount;
}

const MAX_RAW_LENGTH = 100;
const INT = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
const RANGE = new RegExp(String.raw`^${INT}\s*(?:-|–|—|to)\s*${INT}$`, 'i');
const OPEN = new RegExp(String.raw`^${INT}\s*\+$`);

const toInt = (digits: string): number => Number(digits.replace(/,/g, ''));

/** Parses one stored size value. Whole, non-negative numbers and ranges only; "49.5" or "-3" are malformed. */
export function parseEmployeeCount(raw: string | null | undefined): EmployeeCount {
  if (raw === null || raw === undefined) return { kind: 'missing' };
  const text = raw.trim();
  if (text === '') return { kind: 'missing' };
  if (text.length > MAX_RAW_LENGTH) return { kind: 'malformed', why: 'is far too long to be a company size' };
  const open = OPEN.exec(text);
  if (open?.[1] !== undefined) return { kind: 'range', min: toInt(open[1]), max: null };
  const range = RANGE.exec(text);
  if (range?.[1] !== undefined && range[2] !== undefined) {
    const min = toInt(range[1]);
    const max = toInt(range[2]);
    if (min > max) return { kind: 'malformed', why: 'is a range whose start is above its end' };
    return min === max ? { kind: 'count', value: min } : { kind: 'range', min, max };
  }
  const n = parseNumber(text);
  if (n === null) return { kind: 'malformed', why: 'is not a number or a range' };
  if (n < 0) return { kind: 'malformed', why: 'is negative' };
  if (!Number.isInteger(n)) return { kind: 'malformed', why: 'is not a whole number' };
  if (!Number.isSafeInteger(n)) return { kind: 'malformed', why: 'is too large' };
  return { kind: 'count', value: n };
}

/**
 * Reads the size a record routes by. A company record: its own company property. A contact: its primary
 * company's company property; the contact's own property when it has no company (or, if configured, when the
 * company has no size).
 */
export function readCompanySize(
  objectType: 'contacts' | 'companies',
  record: Properties,
  company: Properties | null,
  config: RoutingConfig['companySize'],
): SizeReading {
  if (objectType === 'companies') {
    const raw = readProperty(record, config.companyProperty);
    return { source: 'record', property: config.companyProperty, raw, count: parseEmployeeCount(raw) };
  }
  if (company !== null) {
    const raw = readProperty(company, config.companyProperty);
    if (raw !== null || config.useContactProperty === 'when_no_company') {
      return { source: 'company', property: config.companyProperty, raw, count: parseEmployeeCount(raw) };
    }
  }
  const raw = readProperty(record, config.contactProperty);
  return { source: 'contact', property: config.contactProperty, raw, count: parseEmployeeCount(raw) };
}

/** "1000+", "25-50" or "320": how a parsed size reads in explanations. */
export function formatCount(count: EmployeeCount): string {
  switch (count.kind) {
    case 'count':
      return String(count.value);
    case 'range':
      return count.max === null ? `${count.min}+` : `${count.min}-${count.max}`;
    default:
      return '?';
  }
}
