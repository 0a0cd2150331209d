import type { PropertyDefinition } from '../types';
import type { PropertyProblem } from '../http/errors';

/**
 * Write-side validation and normalization of one property value against its definition (properties guide):
 * numbers must parse, enumerations take their option values (case-sensitive; `;` separates checkbox values and a
 * leading `;` appends), dates and datetimes take ISO strings or epoch milliseconds (a date must be midnight UTC),
 * booleans take true/false. Values are stored as HubSpot returns them: strings, datetimes as ISO with
 * milliseconds, dates as YYYY-MM-DD. Error codes not in the reference (INVALID_DATE, INVALID_BOOLEAN,
 * INVALID_EMAIL) are unverified choices.
 */

export type Normalized = { ok: true; value: string } | { ok: false; problem: PropertyProblem };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const EPOCH = /^-?\d{1,16}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_STRING_LENGTH = 65_536;

const fail = (name: string, code: string, message: string): Normalized => ({ ok: false, problem: { name, code, message } });

/** Parses a filter or write value as an instant: epoch ms (number or digits) or an ISO date/datetime. */
export function parseInstant(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const s = raw.trim();
  if (EPOCH.test(s)) return Number(s);
  if (ISO_DATE.test(s)) return Date.parse(`${s}T00:00:00.000Z`);
  if (ISO_DATETIME.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * Normalizes a raw JSON value for a property. `current` is the stored value (for `;`-append on multi-checkbox).
 * `externalCheck` validates externally-optioned enumerations (owners, pipelines, stages).
 */
export function normalizeValue(
  def: PropertyDefinition,
  raw: unknown,
  current: string | undefined,
  externalCheck: (def: PropertyDefinition, value: string) => PropertyProblem | undefined,
): Normalized {
  const name = def.name;
  if (raw === null || raw === undefined) return { ok: true, value: '' };
  if (typeof raw === 'object') return fail(name, 'INVALID_PROPERTY_VALUE', `${name} must be a string, number or boolean`);
  const text = String(raw);
  if (text === '') return { ok: true, value: '' };
  switch (def.type) {
    case 'number': {
      const t = text.trim();
      if (typeof raw === 'number' ? !Number.isFinite(raw) : !NUMBER.test(t)) {
        return fail(name, 'INVALID_INTEGER', `${name} was not a valid number`);
      }
      return { ok: true, value: typeof raw === 'number' ? String(raw) : t };
    }
    case 'bool': {
      const t = text.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') return fail(name, 'INVALID_BOOLEAN', `${text} is not a valid boolean for ${name}: use true or false`);
      return { ok: true, value: t };
    }
    case 'datetime': {
      const at = typeof raw === 'boolean' ? undefined : parseInstant(typeof raw === 'number' ? raw : text);
      if (at === undefined) return fail(name, 'INVALID_DATE', `${text} is not a valid datetime for ${name}: use ISO 8601 or epoch milliseconds`);
      return { ok: true, value: new Date(at).toISOString() };
    }
    case 'date': {
      const at = typeof raw === 'boolean' ? undefined : parseInstant(typeof raw === 'number' ? raw : text);
      if (at === undefined) return fail(name, 'INVALID_DATE', `${text} is not a valid date for ${name}: use YYYY-MM-DD or epoch milliseconds at midnight UTC`);
      if (at % 86_400_000 !== 0) return fail(name, 'INVALID_DATE', `${text} is not at midnight UTC; date properties such as ${name} must be`);
      return { ok: true, value: new Date(at).toISOString().slice(0, 10) };
    }
    case 'enumeration': {
      if (def.externalOptions) {
        const problem = externalCheck(def, text);
        return problem ? { ok: false, problem } : { ok: true, value: text };
      }
      const allowed = def.options.map((o) => o.value);
      const isMulti = def.fieldType === 'checkbox';
      let values = isMulti ? text.split(';') : [text];
      if (isMulti && text.startsWith(';')) values = [...(current ? current.split(';') : []), ...values.slice(1)];
      values = values.filter((v) => v !== '');
      const bad = values.filter((v) => !allowed.includes(v));
      if (bad.length > 0) {
        return fail(name, 'INVALID_OPTION', `${bad.join(';')} was not one of the allowed options: [${allowed.join(', ')}]`);
      }
      return { ok: true, value: [...new Set(values)].join(';') };
    }
    default: {
      if (text.length > MAX_STRING_LENGTH) return fail(name, 'INVALID_PROPERTY_VALUE', `${name} is longer than ${MAX_STRING_LENGTH} characters`);
      if (name === 'email' && def.hubspotDefined) {
        const t = text.trim().toLowerCase();
        if (!EMAIL.test(t)) return fail(name, 'INVALID_EMAIL', `Email address ${text} is invalid`);
        return { ok: true, value: t };
      }
      return { ok: true, value: text };
    }
  }
}
