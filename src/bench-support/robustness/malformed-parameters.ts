/**
 * Generated malformed `parameters` for the four app functions (issue 8's bad-input suite): wrong types, huge
 * strings, unknown object types, negative and non-numeric ids, prototype-pollution keys, nested junk. Shared by
 * the fast Jest suite (`src/app-tests/robustness/`) and the benchmark, which runs bigger counts.
 *
 * Every value generated is invalid by an oracle written here from the functions' documented inputs, independent
 * of their zod schemas: a value that happens to be valid is dropped, so "must answer INVALID_INPUT" always holds.
 * Values are JSON-shaped (own properties only), as HubSpot delivers parameters; `__proto__` arrives as an own key
 * the way `JSON.parse` makes it.
 */
import fc from 'fast-check';

export type FunctionUid = 'score_lead' | 'assign_owner' | 'record_status' | 'request_sync';

export const FUNCTION_UIDS: readonly FunctionUid[] = ['score_lead', 'assign_owner', 'record_status', 'request_sync'];

/** Keys that pollute prototypes when code merges objects carelessly. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf'] as const;

/** Destinations of the shipped configuration (`sync.destinations`); any other id is refused before any call. */
const KNOWN_DESTINATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['mailchimp', ['contacts']],
  ['google_sheets', ['contacts', 'companies']],
  ['zendesk', ['contacts', 'companies']],
]);

const MAX_ID_LENGTH = 30;
const ID_DIGITS = /^[1-9]\d{0,17}$/;

/** A HubSpot record id as the functions accept it: digits without a leading zero, as a string or a safe integer. */
export function isValidObjectId(v: unknown): boolean {
  if (typeof v === 'string') return v.length <= MAX_ID_LENGTH && ID_DIGITS.test(v.trim());
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 && ID_DIGITS.test(String(v));
  return false;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const optionalBoolean = (v: unknown): boolean => v === undefined || typeof v === 'boolean';

/**
 * The oracle: whether `value` is a valid `parameters` object for the function (the README's inputs). Only own
 * keys count, and an own `__proto__` key is an unknown key.
 */
export function isValidParameters(uid: FunctionUid, value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.getOwnPropertyNames(value);
  const get = (k: string): unknown => (Object.prototype.hasOwnProperty.call(value, k) ? Object.getOwnPropertyDescriptor(value, k)?.value : undefined);
  const objectType = get('objectType');
  const contactsOrCompanies = ['contacts', 'companies', '0-1', '0-2'];
  switch (uid) {
    case 'score_lead':
      return keys.every((k) => ['objectType', 'objectId', 'write'].includes(k)) && objectType === 'contacts' && isValidObjectId(get('objectId')) && optionalBoolean(get('write'));
    case 'record_status':
      return keys.every((k) => ['objectType', 'objectId'].includes(k)) && contactsOrCompanies.includes(objectType as string) && isValidObjectId(get('objectId'));
    case 'assign_owner': {
      if (!keys.every((k) => ['objectType', 'objectId', 'dryRun', 'force', 'reason'].includes(k))) return false;
      if (!contactsOrCompanies.includes(objectType as string) || !isValidObjectId(get('objectId'))) return false;
      if (!optionalBoolean(get('dryRun')) || !optionalBoolean(get('force'))) return false;
      const reason = get('reason');
      if (reason !== undefined && (typeof reason !== 'string' || reason.trim().length < 3 || reason.trim().length > 500)) return false;
      return get('force') !== true || reason !== undefined;
    }
    case 'request_sync': {
      if (!keys.every((k) => ['objectType', 'objectId', 'destination'].includes(k))) return false;
      if (!contactsOrCompanies.includes(objectType as string) || !isValidObjectId(get('objectId'))) return false;
      const destination = get('destination');
      const type = objectType === '0-1' ? 'contacts' : objectType === '0-2' ? 'companies' : (objectType as string);
      return typeof destination === 'string' && (KNOWN_DESTINATIONS.get(destination)?.includes(type) ?? false);
    }
  }
}

/** Valid parameters, the base that corruptions start from. */
export function validBase(uid: FunctionUid): fc.Arbitrary<Record<string, unknown>> {
  const id = fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }).map(String), fc.integer({ min: 1, max: 2 ** 40 }));
  const type = fc.constantFrom('contacts', 'companies', '0-1', '0-2');
  switch (uid) {
    case 'score_lead':
      return fc.record({ objectType: fc.constant('contacts'), objectId: id, write: fc.boolean() }, { requiredKeys: ['objectType', 'objectId'] });
    case 'record_status':
      return fc.record({ objectType: type, objectId: id });
    case 'assign_owner':
      return fc.record({ objectType: type, objectId: id, dryRun: fc.boolean() }, { requiredKeys: ['objectType', 'objectId'] });
    case 'request_sync':
      return fc.record({ objectType: fc.constant('contacts'), objectId: id, destination: fc.constantFrom('mailchimp', 'google_sheets', 'zendesk') });
  }
}

/** Strings that are long (up to 64 KB), full of markup, control characters or emoji. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '"; DROP TABLE contacts; --', '${process.env.PRIVATE_APP_ACCESS_TOKEN}', '\u0000\u202E\uFEFF', '🔥'.repeat(50), '../../etc/passwd', 'javascript:alert(1)'),
  fc.integer({ min: 1_000, max: 64 * 1024 }).map((n) => 'A'.repeat(n)),
);

/** Any JSON-ish junk, nested, including objects with pollution keys. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, NaN, Infinity, -Infinity, 1e308, -0, ''),
    fc.double(),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...POLLUTION_KEYS)), tie('value'), { maxKeys: 4 }).map(ownKeys),
  ),
})).value;

/**
 * Rebuilds an object so that every key is an own, enumerable data property, `__proto__` included (what
 * `JSON.parse` produces; an object literal would set the prototype instead).
 */
export function ownKeys(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) Object.defineProperty(out, k, { value: source[k], enumerable: true, writable: true, configurable: true });
  return out;
}

/** Values no id field accepts: negative, zero, fractional, huge, non-numeric, padded with zeros, of the wrong type. */
export const badObjectId: fc.Arbitrary<unknown> = fc
  .oneof(
    fc.integer({ max: 0 }),
    fc.integer({ max: 0 }).map(String),
    fc.double({ noInteger: true }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, 1e21, -1, '-1', '0', '007', '1e3', '12.0', '0x1F', '１２３', '1 2', '+5', NaN, Infinity),
    fc.stringMatching(/^[1-9]\d{30,60}$/),
    hostileString,
    junk,
  )
  .filter((v) => !isValidObjectId(v));

/** Object types no card sits on (or spelled the wrong way), and values of the wrong type. */
export const badObjectType: fc.Arbitrary<unknown> = fc
  .oneof(
    fc.constantFrom('contact', 'Contacts', 'COMPANIES', 'deals', 'tickets', '0-3', '0-5', 'notes', ' contacts', '__proto__', 'constructor', ''),
    hostileString,
    junk,
  )
  .filter((v) => !['contacts', 'companies', '0-1', '0-2'].includes(v as string));

const notBoolean: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom('true', 'false', 1, 0, null, 'yes'), junk).filter((v) => typeof v !== 'boolean' && v !== undefined);

/** One field of the base replaced by a value that field never accepts. */
function corruptField(uid: FunctionUid): fc.Arbitrary<[string, unknown]> {
  const fields: fc.Arbitrary<[string, unknown]>[] = [
    badObjectId.map((v): [string, unknown] => ['objectId', v]),
    badObjectType.map((v): [string, unknown] => ['objectType', v]),
  ];
  if (uid === 'score_lead') fields.push(notBoolean.map((v): [string, unknown] => ['write', v]), fc.constantFrom('companies', '0-2').map((v): [string, unknown] => ['objectType', v]));
  if (uid === 'assign_owner') {
    fields.push(notBoolean.map((v): [string, unknown] => ['dryRun', v]), notBoolean.map((v): [string, unknown] => ['force', v]));
    fields.push(fc.oneof(fc.constantFrom('', ' ', 'ok', '  a  '), fc.integer({ min: 501, max: 70_000 }).map((n) => 'r'.repeat(n)), junk.filter((v) => typeof v !== 'string' && v !== undefined)).map((v): [string, unknown] => ['reason', v]));
  }
  if (uid === 'request_sync') {
    fields.push(
      fc.oneof(fc.constantFrom('salesforce', 'Mailchimp', 'mail chimp', 'zendesk!', '', 'a'.repeat(41), '__proto__', 'constructor'), hostileString, junk).map((v): [string, unknown] => ['destination', v]),
    );
  }
  return fc.oneof(...fields);
}

/**
 * Malformed parameters for one function: junk instead of an object, a valid object with fields corrupted, with
 * unknown or pollution keys added, or with a required field missing; `force` without a reason for assign_owner.
 */
export function malformedParameters(uid: FunctionUid): fc.Arbitrary<unknown> {
  const base = validBase(uid);
  const withCorruptions = fc.tuple(base, fc.array(corruptField(uid), { minLength: 1, maxLength: 3 })).map(([b, fields]) => ownKeys({ ...b, ...Object.fromEntries(fields) }));
  const withExtraKeys = fc
    .tuple(base, fc.array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ minLength: 1, maxLength: 12 }), fc.constant('k'.repeat(64 * 1024))), junk), { minLength: 1, maxLength: 3 }))
    .map(([b, extra]) => ownKeys({ ...b, ...ownKeys(Object.fromEntries(extra)) }));
  const withMissing = fc.tuple(base, fc.constantFrom('objectType', 'objectId', 'destination')).map(([b, k]) => {
    const copy = { ...b };
    delete copy[k];
    return copy;
  });
  const arbs: fc.Arbitrary<unknown>[] = [junk, withCorruptions, withExtraKeys, withMissing];
  if (uid === 'assign_owner') arbs.push(base.map((b) => ({ ...b, force: true })));
  return fc.oneof(...arbs).filter((v) => !isValidParameters(uid, v));
}

/** Whole junk contexts (not even `{ parameters }`), as a misbehaving caller might send. */
export const malformedContext: fc.Arbitrary<unknown> = fc.oneof(
  junk,
  junk.map((parameters) => ({ parameters, propertiesToSend: 'not an object', secrets: ['x'] })),
  fc.tuple(junk, junk).map(([parameters, propertiesToSend]) => ({ parameters, propertiesToSend })),
);
