import type { PropertyDefinition } from '../types';
import type { PropertyProblem } from '../http/errors';
import { validationError } from '../http/errors';

/**
 * The portal admin's property rules, which HubSpot enforces on every CRM write from the 2026-09 API version on
 * (older versions ignore them). Two kinds:
 * - format rules, in HubSpot's property-validations vocabulary (`ruleType` + `ruleArguments`, set through
 *   `PUT /crm/property-validations/2026-09/{objectTypeId}/{propertyName}/rule-type/{ruleType}`);
 * - required rules: a property required on create, or required whenever another property holds one of some
 *   values ("close date is required when the deal stage is Closed won"). HubSpot configures these in its UI only;
 *   the emulator takes them in its start options and on its admin endpoint, under the pseudo rule type `REQUIRED`.
 * Of HubSpot's rule types the emulator enforces those below; setting another one is refused rather than stored
 * unenforced, so a test never passes against a rule nobody checks.
 */

export const FORMAT_RULE_TYPES = ['MIN_LENGTH', 'MAX_LENGTH', 'ALPHANUMERIC', 'REGEX', 'MIN_NUMBER', 'MAX_NUMBER', 'DECIMAL'] as const;
export type FormatRuleType = (typeof FORMAT_RULE_TYPES)[number];

/** HubSpot's rule types the property-validations API accepts (its 2026-09 spec's enumeration). */
export const HUBSPOT_RULE_TYPES: readonly string[] = [
  'AFTER_DATETIME_DURATION', 'AFTER_DURATION', 'ALPHANUMERIC', 'BEFORE_DATETIME_DURATION', 'BEFORE_DURATION', 'DAYS_OF_WEEK',
  'DECIMAL', 'DOMAIN', 'EMAIL', 'EMAIL_ALLOWED_DOMAINS', 'EMAIL_BLOCKED_DOMAINS', 'END_DATE', 'END_DATETIME', 'FORMAT',
  'MAX_LENGTH', 'MAX_NUMBER', 'MIN_LENGTH', 'MIN_NUMBER', 'PHONE_NUMBER_WITH_EXPLICIT_COUNTRY_CODE', 'REGEX',
  'SPECIAL_CHARACTERS', 'START_DATE', 'START_DATETIME', 'URL', 'URL_ALLOWED_DOMAINS', 'URL_BLOCKED_DOMAINS', 'WHITESPACE',
];

export interface FormatRule {
  readonly ruleType: FormatRuleType;
  readonly ruleArguments: readonly string[];
  readonly shouldApplyNormalization?: boolean;
}

export interface RequiredRule {
  readonly ruleType: 'REQUIRED';
  /** Required only while this other property holds one of these values; absent = required on create. */
  readonly when?: { readonly propertyName: string; readonly values: readonly string[] };
}

export type PropertyRule = FormatRule | RequiredRule;

/** A rule as the start options and the admin endpoint take it. */
export type PropertyRuleInput = { readonly objectType: string; readonly propertyName: string } & PropertyRule;

const ALPHANUMERIC_KINDS: Readonly<Record<string, { pattern: RegExp; text: string }>> = {
  ALPHANUMERIC: { pattern: /^[\p{L}\p{N}]*$/u, text: 'letters and digits only' },
  ALPHA_ONLY: { pattern: /^\p{L}*$/u, text: 'letters only' },
  NUMERIC_ONLY: { pattern: /^\p{N}*$/u, text: 'digits only' },
};

const NUMERIC_RULES: readonly string[] = ['MIN_NUMBER', 'MAX_NUMBER', 'DECIMAL'];

/** What a rule asks for, in words a person can act on ("at most 20 characters"). */
export function describeRule(rule: PropertyRule): string {
  const arg = rule.ruleType === 'REQUIRED' ? '' : (rule.ruleArguments[0] ?? '');
  switch (rule.ruleType) {
    case 'REQUIRED':
      return rule.when ? `required when ${rule.when.propertyName} is ${rule.when.values.join(' or ')}` : 'required';
    case 'MIN_LENGTH':
      return `at least ${arg} characters`;
    case 'MAX_LENGTH':
      return `at most ${arg} characters`;
    case 'ALPHANUMERIC':
      return ALPHANUMERIC_KINDS[arg]?.text ?? arg;
    case 'REGEX':
      return `matching the pattern ${arg}`;
    case 'MIN_NUMBER':
      return `at least ${arg}`;
    case 'MAX_NUMBER':
      return `at most ${arg}`;
    case 'DECIMAL':
      return `at most ${arg} decimal places`;
  }
}

/** Whether a written, non-empty value meets a format rule. */
function meets(rule: FormatRule, value: string): boolean {
  const v = rule.shouldApplyNormalization ? value.trim() : value;
  const arg = rule.ruleArguments[0] ?? '';
  switch (rule.ruleType) {
    case 'MIN_LENGTH':
      return [...v].length >= Number(arg);
    case 'MAX_LENGTH':
      return [...v].length <= Number(arg);
    case 'ALPHANUMERIC':
      return ALPHANUMERIC_KINDS[arg]?.pattern.test(v) ?? false;
    case 'REGEX':
      // The whole value must match (the pattern is anchored): the reading a person setting "digits only" expects.
      return new RegExp(`^(?:${arg})$`, 'u').test(v);
    case 'MIN_NUMBER':
      return Number(v) >= Number(arg);
    case 'MAX_NUMBER':
      return Number(v) <= Number(arg);
    case 'DECIMAL':
      return (v.split('.')[1] ?? '').replace(/0+$/, '').length <= Number(arg);
  }
}

/** Checks a rule's arguments against the property it is set on; throws a 400 when they cannot be enforced. */
function checkRule(def: PropertyDefinition, rule: PropertyRule): void {
  if (rule.ruleType === 'REQUIRED') {
    if (rule.when && (typeof rule.when.propertyName !== 'string' || !Array.isArray(rule.when.values) || rule.when.values.length === 0)) {
      throw validationError('REQUIRED: when needs propertyName and a non-empty values array');
    }
    return;
  }
  const arg = rule.ruleArguments[0];
  if (arg === undefined) throw validationError(`${rule.ruleType}: ruleArguments needs one argument`);
  const isNumeric = NUMERIC_RULES.includes(rule.ruleType);
  if (isNumeric !== (def.type === 'number')) {
    throw validationError(`${rule.ruleType} cannot be set on ${def.name}: it applies to ${isNumeric ? 'number' : 'string'} properties, ${def.name} is ${def.type}`);
  }
  if (rule.ruleType === 'ALPHANUMERIC' && !(arg in ALPHANUMERIC_KINDS)) {
    throw validationError(`ALPHANUMERIC takes one of ${Object.keys(ALPHANUMERIC_KINDS).join(', ')}, got ${arg}`);
  }
  if (rule.ruleType === 'REGEX') {
    try {
      new RegExp(arg, 'u');
    } catch {
      throw validationError(`REGEX: ${arg} is not a valid regular expression`);
    }
  } else if (rule.ruleType !== 'ALPHANUMERIC' && !Number.isFinite(Number(arg))) {
    throw validationError(`${rule.ruleType} takes a number, got ${arg}`);
  }
}

/** Parses an untrusted rule (admin endpoint, property-validations PUT) into a rule the store can enforce. */
export function parseRule(ruleType: string, raw: Record<string, unknown>): PropertyRule {
  if (ruleType === 'REQUIRED') {
    const when = raw.when as { propertyName?: unknown; values?: unknown } | undefined;
    if (when === undefined || when === null) return { ruleType: 'REQUIRED' };
    const values = Array.isArray(when.values) ? when.values.map(String) : [];
    return { ruleType: 'REQUIRED', when: { propertyName: String(when.propertyName ?? ''), values } };
  }
  if (!(FORMAT_RULE_TYPES as readonly string[]).includes(ruleType)) {
    const known = HUBSPOT_RULE_TYPES.includes(ruleType);
    throw validationError(
      known
        ? `The emulator does not enforce ${ruleType} rules (it enforces ${FORMAT_RULE_TYPES.join(', ')} and REQUIRED); refusing to store a rule it would not check`
        : `Unknown ruleType ${ruleType}`,
    );
  }
  if (!Array.isArray(raw.ruleArguments)) throw validationError('ruleArguments must be an array of strings');
  return {
    ruleType: ruleType as FormatRuleType,
    ruleArguments: raw.ruleArguments.map(String),
    ...(typeof raw.shouldApplyNormalization === 'boolean' ? { shouldApplyNormalization: raw.shouldApplyNormalization } : {}),
  };
}

/** The rules of one portal: object type id → property → rule type → rule. */
export class ValidationRuleStore {
  private readonly byType = new Map<string, Map<string, Map<string, PropertyRule>>>();

  /** Sets (or replaces) the rule of its type on a property; throws a 400 when it cannot be enforced there. */
  set(typeId: string, def: PropertyDefinition, rule: PropertyRule): void {
    checkRule(def, rule);
    let props = this.byType.get(typeId);
    if (!props) {
      props = new Map();
      this.byType.set(typeId, props);
    }
    let rules = props.get(def.name);
    if (!rules) {
      rules = new Map();
      props.set(def.name, rules);
    }
    rules.set(rule.ruleType, rule);
  }

  forProperty(typeId: string, name: string): PropertyRule[] {
    return [...(this.byType.get(typeId)?.get(name)?.values() ?? [])];
  }

  /** Properties of a type that carry rules, each with its rules. */
  forType(typeId: string): [string, PropertyRule[]][] {
    return [...(this.byType.get(typeId) ?? new Map<string, Map<string, PropertyRule>>())].map(([name, rules]) => [name, [...rules.values()]]);
  }

  /** Removes every rule of a property (or of the whole portal). */
  clear(typeId?: string, name?: string): void {
    if (typeId === undefined) this.byType.clear();
    else if (name === undefined) this.byType.delete(typeId);
    else this.byType.get(typeId)?.delete(name);
  }

  /**
   * The rules a write breaks. `written` holds the normalized values the write sets ('' = cleared); `before` the
   * record's values before it (empty on create). Format rules check every non-empty written value; a required rule
   * checks the state after the write: on create, or when the write clears the property, or (conditional) whenever
   * the condition holds after the write.
   */
  problems(typeId: string, labelOf: (name: string) => string, written: Readonly<Record<string, string>>, before: Readonly<Record<string, string>>, isCreate: boolean): PropertyProblem[] {
    const out: PropertyProblem[] = [];
    const after = (name: string) => written[name] ?? before[name] ?? '';
    for (const [name, rules] of this.byType.get(typeId) ?? []) {
      for (const rule of rules.values()) {
        const broken =
          rule.ruleType === 'REQUIRED'
            ? after(name) === '' && (rule.when ? rule.when.values.includes(after(rule.when.propertyName)) : isCreate || written[name] === '')
            : (written[name] ?? '') !== '' && !meets(rule, written[name] ?? '');
        if (broken) out.push(ruleProblem(name, labelOf(name), rule, written[name]));
      }
    }
    return out;
  }
}

/**
 * One broken rule as a property problem. HubSpot documents the envelope of such a 400 (category VALIDATION_ERROR,
 * a message, `errors[]`) but not the entries: the codes (`PROPERTY_VALIDATION_RULE_VIOLATION`, `REQUIRED_PROPERTY`),
 * the message wording and the `context` keys (propertyName, propertyLabel, ruleType, ruleArguments, rule, and
 * whenPropertyName/whenValues for conditional rules) are the emulator's choice, made so a client can say "the
 * portal's rule on Job title: at most 20 characters".
 */
function ruleProblem(name: string, label: string, rule: PropertyRule, value: string | undefined): PropertyProblem {
  const text = describeRule(rule);
  const context: Record<string, string[]> = { propertyName: [name], propertyLabel: [label], ruleType: [rule.ruleType], rule: [text] };
  if (rule.ruleType === 'REQUIRED') {
    if (rule.when) {
      context.whenPropertyName = [rule.when.propertyName];
      context.whenValues = [...rule.when.values];
    }
    return { name, code: 'REQUIRED_PROPERTY', message: `${label} (${name}) is ${text} by the portal's validation rules`, context };
  }
  context.ruleArguments = [...rule.ruleArguments];
  return {
    name,
    code: 'PROPERTY_VALIDATION_RULE_VIOLATION',
    message: `${label} (${name}) must be ${text} by the portal's validation rule ${rule.ruleType}; "${value ?? ''}" is not`,
    context,
  };
}
