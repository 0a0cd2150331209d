import { resourceNotFound, validationError } from '../http/errors';
import { bodyObject, versioned, type HandlerResult, type RequestContext, type RouteSpec, type ScopeContext } from '../http/route';
import { validationReadScopes, validationWriteScopes } from '../http/scopes';
import type { ObjectType } from '../schema/object-types';
import { HUBSPOT_RULE_TYPES, parseRule, type PropertyRule, type PropertyRuleInput } from '../schema/validation-rules';
import type { Portal } from '../store/portal';
import type { PropertyDefinition } from '../types';
import { typeParam } from './objects';

/**
 * The portal admin's property rules, reachable two ways:
 * - HubSpot's property-validations API (v3 and 2026-09): read a type's, a property's or one rule; PUT one format
 *   rule (204). Format rules only: HubSpot has no API for required rules.
 * - The emulator's own admin endpoint, `/_emulator/property-rules` (no HubSpot API; the sandbox and tests use it):
 *   GET lists every rule, PUT `/{objectType}/{propertyName}` replaces a property's rules (format and REQUIRED),
 *   DELETE clears them all. It takes the emulator's token and no scope.
 */

const resultJson = (rule: PropertyRule) =>
  rule.ruleType === 'REQUIRED'
    ? { ruleType: rule.ruleType, ...(rule.when ? { when: rule.when } : {}) }
    : { ruleType: rule.ruleType, ruleArguments: rule.ruleArguments, ...(rule.shouldApplyNormalization !== undefined ? { shouldApplyNormalization: rule.shouldApplyNormalization } : {}) };

/** HubSpot's rules only: the `REQUIRED` pseudo rules are the emulator's and not part of that API. */
const formatRules = (rules: PropertyRule[]) => rules.filter((r) => r.ruleType !== 'REQUIRED').map(resultJson);

function propertyOf(portal: Portal, t: ObjectType, name: string): PropertyDefinition {
  const def = portal.properties.get(t.id, name);
  // HubSpot's answer for an unknown property here is undocumented; a 400 naming it is the emulator's choice.
  if (!def) throw validationError(`Property ${name} does not exist on ${t.name}`, [{ message: `Property "${name}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: [name] } }]);
  return def;
}

const objectTypeOf = (ctx: ScopeContext) => typeParam(ctx, 'objectTypeId');

function listForType(ctx: RequestContext): HandlerResult {
  const t = objectTypeOf(ctx);
  const results = ctx.portal.rules
    .forType(t.id)
    .map(([propertyName, rules]) => ({ propertyName, propertyValidationRules: formatRules(rules) }))
    .filter((r) => r.propertyValidationRules.length > 0);
  return { status: 200, body: { results } };
}

function listForProperty(ctx: RequestContext): HandlerResult {
  const t = objectTypeOf(ctx);
  const def = propertyOf(ctx.portal, t, ctx.params.propertyName ?? '');
  return { status: 200, body: { results: formatRules(ctx.portal.rules.forProperty(t.id, def.name)) } };
}

function ruleTypeParam(ctx: RequestContext): string {
  const ruleType = ctx.params.ruleType ?? '';
  if (!HUBSPOT_RULE_TYPES.includes(ruleType)) throw validationError(`Unknown ruleType ${ruleType}: one of ${HUBSPOT_RULE_TYPES.join(', ')}`);
  return ruleType;
}

function getRule(ctx: RequestContext): HandlerResult {
  const t = objectTypeOf(ctx);
  const def = propertyOf(ctx.portal, t, ctx.params.propertyName ?? '');
  const ruleType = ruleTypeParam(ctx);
  const rule = ctx.portal.rules.forProperty(t.id, def.name).find((r) => r.ruleType === ruleType);
  if (!rule) throw resourceNotFound(`Property ${def.name} has no ${ruleType} rule`);
  return { status: 200, body: resultJson(rule) };
}

function putRule(ctx: RequestContext): HandlerResult {
  const t = objectTypeOf(ctx);
  const def = propertyOf(ctx.portal, t, ctx.params.propertyName ?? '');
  ctx.portal.rules.set(t.id, def, parseRule(ruleTypeParam(ctx), bodyObject(ctx.body)));
  return { status: 204 };
}

/** Applies rules given as start options or on the admin endpoint; throws a 400 ApiError for a bad one. */
export function applyPropertyRule(portal: Portal, input: PropertyRuleInput): void {
  const t = portal.types.of(input.objectType);
  if (!t) throw validationError(`Unknown object type ${input.objectType}`);
  const { objectType: _objectType, propertyName, ...rule } = input;
  portal.rules.set(t.id, propertyOf(portal, t, propertyName), parseRule(rule.ruleType, rule as Record<string, unknown>));
}

function adminList(ctx: RequestContext): HandlerResult {
  const results = [...ctx.portal.types.customTypes(), ...['0-1', '0-2', '0-3', '0-5', '0-46'].map((id) => ctx.portal.types.byId(id))].flatMap((t) =>
    ctx.portal.rules.forType(t.id).flatMap(([propertyName, rules]) => rules.map((r) => ({ objectType: t.name, propertyName, ...resultJson(r) }))),
  );
  return { status: 200, body: { results } };
}

function adminPut(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const def = propertyOf(ctx.portal, t, ctx.params.propertyName ?? '');
  const b = bodyObject(ctx.body);
  if (!Array.isArray(b.rules)) throw validationError('rules must be an array of {ruleType, ruleArguments} or {ruleType: "REQUIRED", when?}');
  const rules = b.rules.map((r: unknown, n) => {
    if (typeof r !== 'object' || r === null) throw validationError(`rules[${n}] must be an object`);
    const raw = r as Record<string, unknown>;
    return parseRule(String(raw.ruleType ?? ''), raw);
  });
  ctx.portal.rules.clear(t.id, def.name);
  for (const rule of rules) ctx.portal.rules.set(t.id, def, rule);
  return { status: 200, body: { results: ctx.portal.rules.forProperty(t.id, def.name).map(resultJson) } };
}

function adminClear(ctx: RequestContext): HandlerResult {
  ctx.portal.rules.clear();
  return { status: 204 };
}

const at = (suffix = '') => versioned({ v3: '/crm/v3/property-validations/:objectTypeId', '2026-09': '/crm/property-validations/2026-09/:objectTypeId' }, suffix);
const read = (ctx: ScopeContext) => [validationReadScopes(objectTypeOf(ctx))];
const write = (ctx: ScopeContext) => [validationWriteScopes(objectTypeOf(ctx))];

export const PROPERTY_RULE_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', paths: at(), operation: 'propertyValidations.list', scopes: read, body: 'none', isWrite: false, handler: listForType },
  { method: 'GET', paths: at('/:propertyName'), operation: 'propertyValidations.get', scopes: read, body: 'none', isWrite: false, handler: listForProperty },
  { method: 'GET', paths: at('/:propertyName/rule-type/:ruleType'), operation: 'propertyValidations.getRule', scopes: read, body: 'none', isWrite: false, handler: getRule },
  { method: 'PUT', paths: at('/:propertyName/rule-type/:ruleType'), operation: 'propertyValidations.putRule', scopes: write, body: 'required', isWrite: true, handler: putRule },
  { method: 'GET', paths: { emulator: '/_emulator/property-rules' }, operation: 'emulator.propertyRules.list', scopes: () => [], body: 'none', isWrite: false, handler: adminList },
  { method: 'PUT', paths: { emulator: '/_emulator/property-rules/:objectType/:propertyName' }, operation: 'emulator.propertyRules.put', scopes: () => [], body: 'required', isWrite: false, handler: adminPut },
  { method: 'DELETE', paths: { emulator: '/_emulator/property-rules' }, operation: 'emulator.propertyRules.clear', scopes: () => [], body: 'none', isWrite: false, handler: adminClear },
];
