import { readProperty } from '../criteria/evaluate';
import { err, ok, type Result } from '../result';
import { formatCount, readCompanySize, type SizeReading } from './company-size';
import type { RoutingConfig, RoutingPolicy, TeamRef } from './config-schema';
import type {
  ChoiceDetail,
  DecisionPolicy,
  EmployeesReading,
  FallbackCode,
  RouteError,
  RouteInput,
  RoutingDecision,
  SkippedOwner,
} from './decision';
import { compareIds, hashText, recordPoint } from './hash';
import {
  dailyCapOf,
  describeTeamRef,
  describeUnavailable,
  findOwner,
  isMemberOf,
  membersOf,
  ownerName,
  resolveTeam,
  summarizeOwner,
  unavailability,
  unknownOwner,
  weightOf,
  type OwnerSummary,
  type ResolvedTeam,
  type RoutingOwner,
} from './owners';
import { chooseByRotation, loadShares, pickByPoint, type Candidate, type Share } from './policies';
import { ROUTING_PROPERTY_NAMES } from './properties';
import { LoadCounter, recentAssignmentsQuery, type LoadCounts, type RecentAssignmentsQuery } from './recent-assignments';
import { truncate } from './text';
import { describeBounds, evaluateTierConditions, matchTier, type TierCondition, type TierMatch } from './tiers';

/** What the caller must fetch before `decideRoute`: at most one search, for one team. */
export interface RoutePlan {
  /** The record has an owner and `force` was not given: no search, no write. */
  readonly alreadyAssigned: boolean;
  readonly tier: { readonly id: string; readonly label: string } | null;
  readonly team: ResolvedTeam | null;
  /** The recent-assignments search to run, or null when the decision needs no counts (account match, fallback owner, …). */
  readonly search: RecentAssignmentsQuery | null;
}

const RAW_SHOWN = 40;
const quote = (raw: string): string => `"${truncate(raw, RAW_SHOWN)}"`;
const pct = (share: number): string => `${Math.round(share * 100)}%`;

interface Draft {
  readonly explanation: string[];
  readonly skipped: SkippedOwner[];
  fallback: { code: FallbackCode; reason: string } | null;
  ruleTail: string[];
}

const addFallback = (d: Draft, code: FallbackCode, reason: string): void => {
  if (d.fallback === null) d.fallback = { code, reason };
  else d.fallback = { code: d.fallback.code, reason: `${d.fallback.reason}; ${reason}` };
};

const skip = (d: Draft, owner: RoutingOwner, reason: SkippedOwner['reason'], detail: string): void => {
  const summary = summarizeOwner(owner);
  for (const s of d.skipped) if (s.owner.id === summary.id && s.reason === reason) return;
  d.skipped.push({ owner: summary, reason, detail });
  d.explanation.push(`Skipped ${summary.name}: ${detail}.`);
};

function sizeSentence(size: SizeReading, objectType: RouteInput['objectType'], hasCompany: boolean): string {
  const where =
    size.source === 'company'
      ? 'primary company'
      : size.source === 'record'
        ? 'the company record'
        : objectType === 'contacts' && !hasCompany
          ? "the contact's own; it has no primary company"
          : "the contact's own; its company has no size";
  const prop = size.property ?? 'size';
  const shown = size.raw === null ? `${prop} is empty` : `${prop} = ${size.count.kind === 'count' ? formatCount(size.count) : quote(size.raw)}`;
  return `Company size: ${shown} (${where}).`;
}

function employeesOf(size: SizeReading, match: TierMatch | null): EmployeesReading {
  const range = size.count.kind === 'range' ? { min: size.count.min, max: size.count.max } : null;
  let value: number | null = null;
  let readAs: EmployeesReading['readAs'] = null;
  if (match?.kind === 'tier') {
    value = match.value;
    readAs = match.by;
  } else if (match?.kind === 'no_tier') value = match.value;
  else if (size.count.kind === 'count') value = size.count.value;
  return { value, raw: size.raw === null ? null : truncate(size.raw, 200), source: size.source, property: size.property, range, readAs };
}

/** "numberofemployees = 320", `numemployees = "25-50" (read as 25, its lower bound)`. */
function sizeTerm(size: SizeReading, match: TierMatch | null): string {
  const prop = size.property ?? 'company size';
  if (size.count.kind === 'count') return `${prop} = ${size.count.value}`;
  if (size.raw === null) return `${prop} missing`;
  const base = `${prop} = ${quote(size.raw)}`;
  if (match?.kind === 'tier' && (match.by === 'lower_bound' || match.by === 'upper_bound')) {
    return `${base} (read as ${match.value}, its ${match.by === 'lower_bound' ? 'lower' : 'upper'} bound)`;
  }
  return base;
}

function tierRule(term: string, cond: TierCondition): string {
  return cond.detail ? `${term} and ${cond.detail} → ${cond.tier.label}` : `${term} → ${cond.tier.label}`;
}

/**
 * Step 1 in words (deciding only): the size sentence, the fallback when no tier takes the record, the tiers whose
 * conditions failed, and the tier sentence, in this order. Returns the rule ("numberofemployees = 320 → Mid-Market").
 * `match` is null exactly when the size is missing or malformed.
 */
function describeTier(
  d: Draft,
  objectType: RouteInput['objectType'],
  hasCompany: boolean,
  size: SizeReading,
  conditions: readonly TierCondition[],
  match: TierMatch | null,
  tier: TierCondition | null,
): string {
  d.explanation.push(sizeSentence(size, objectType, hasCompany));
  let rule: string;
  if (match === null) {
    if (size.count.kind === 'malformed') {
      addFallback(d, 'size_malformed', `${size.property} = ${quote(size.raw ?? '')} ${size.count.why}`);
      rule = `${size.property} = ${quote(size.raw ?? '')} ${size.count.why} → fallback`;
    } else {
      addFallback(d, 'size_missing', `${size.property ?? 'company size'} is missing`);
      rule = `${sizeTerm(size, null)} → fallback`;
    }
  } else {
    const term = sizeTerm(size, match);
    if (match.kind === 'tier') rule = tierRule(term, match.condition);
    else if (match.kind === 'no_tier') {
      addFallback(d, 'no_tier', `${term} matches no tier`);
      rule = `${term} matches no tier → fallback`;
    } else {
      addFallback(d, 'range_across_tiers', `${term} spans ${match.tiers.join(' and ')}`);
      rule = `${term} spans ${match.tiers.join(' and ')} → fallback`;
    }
  }
  const value = match?.kind === 'tier' ? match.value : size.count.kind === 'count' ? size.count.value : null;
  for (const c of conditions) {
    if (c.outcome === 'true' || c.tier.when === undefined || c === tier) continue;
    const inBounds = value === null || ((c.tier.minEmployees ?? 0) <= value && value <= (c.tier.maxEmployees ?? Infinity));
    if (!inBounds) continue;
    d.explanation.push(
      c.outcome === 'unknown'
        ? `Tier ${c.tier.label} not taken: ${c.detail} (data missing: ${c.missing.join(', ')}).`
        : `Tier ${c.tier.label} not taken: ${c.detail}.`,
    );
  }
  if (match?.kind === 'tier' && tier) {
    const how =
      match.by === 'range_inside'
        ? ' (the whole range is inside this tier)'
        : match.by === 'count'
          ? ''
          : ` (the range crosses a tier boundary; the configuration reads it by its ${match.by === 'lower_bound' ? 'lower' : 'upper'} bound)`;
    d.explanation.push(`${rule} (${describeBounds(tier.tier)})${how}.`);
  } else if (d.fallback) d.explanation.push(`Fallback: ${d.fallback.reason}.`);
  return rule;
}

interface TeamOutcome {
  owner: RoutingOwner | null;
  /** The owners the policy chose among. */
  pool: readonly RoutingOwner[];
  policy: RoutingPolicy;
  choice: ChoiceDetail | null;
  /** The team could not supply an owner and the fallback owner should be tried. */
  tryFallbackOwner: boolean;
}

const capDetail = (c: { today: number; cap: number }): string => `${c.today} of ${c.cap} assignments today (daily cap)`;

/** The name of the owner of `id` in the pool, as `summarizeOwner` words it. */
function nameIn(pool: readonly RoutingOwner[], id: string): string {
  return ownerName(pool.find((o) => o.id === id) ?? { id });
}

/** Picks an owner inside a team: skip archived, unavailable and capped owners, then apply the policy. */
function chooseInTeam(input: RouteInput, config: RoutingConfig, d: Draft, team: ResolvedTeam, policy: RoutingPolicy, label: string): TeamOutcome {
  const members = membersOf(team.id, input.owners);
  const load = loadOf(input, config);
  const counts = load.counts(input.recordId, input.now);
  if (input.recent === undefined) d.explanation.push('Recent assignments were not provided, so every count is taken as 0.');
  if (counts.partial) {
    d.explanation.push(`Counts cover the newest ${load.searchedRows} of ${load.searchedTotal ?? 0} recent assignments (one search page).`);
  }
  const eligible: RoutingOwner[] = [];
  const capped: { owner: RoutingOwner; today: number; cap: number }[] = [];
  for (const m of members) {
    if (m.archived === true) {
      skip(d, m, 'archived', 'the owner is archived (deactivated) in HubSpot');
      continue;
    }
    const away = unavailability(m, config);
    if (away) {
      skip(d, m, 'unavailable', describeUnavailable(away));
      continue;
    }
    const cap = dailyCapOf(m, config);
    const today = counts.today.get(m.id) ?? 0;
    if (cap !== null && today >= cap) capped.push({ owner: m, today, cap });
    else eligible.push(m);
  }
  let pool = eligible;
  if (eligible.length === 0 && capped.length === 0) {
    addFallback(d, 'no_eligible_owner', `no eligible owner in the "${team.name}" team`);
    d.ruleTail.push(`no eligible owner in ${team.name}`);
    return { owner: null, pool: [], policy, choice: null, tryFallbackOwner: true };
  }
  if (eligible.length === 0) {
    if (config.caps.whenAllCapped === 'ignore_caps') {
      d.explanation.push(`Every eligible owner of "${team.name}" is at the daily cap; the configuration says to ignore caps then.`);
      pool = capped.map((c) => c.owner);
    } else {
      for (const c of capped) skip(d, c.owner, 'capped', capDetail(c));
      addFallback(d, 'all_capped', `every eligible owner in the "${team.name}" team is at the daily cap`);
      d.ruleTail.push(`all owners in ${team.name} capped`);
      if (config.caps.whenAllCapped === 'leave_unassigned') {
        d.explanation.push('The configuration leaves the record unassigned when everyone is capped.');
        return { owner: null, pool: [], policy, choice: null, tryFallbackOwner: false };
      }
      return { owner: null, pool: [], policy, choice: null, tryFallbackOwner: true };
    }
  } else for (const c of capped) skip(d, c.owner, 'capped', capDetail(c));

  const point = recordPoint(input.objectType, input.recordId);
  if (policy === 'rotation') {
    const loads = loadRows(members, pool, counts, () => 1);
    const order = members.map((m) => m.id);
    const after = counts.last?.ownerId ?? null;
    const id = chooseByRotation(order, new Set(pool.map((o) => o.id)), after);
    const owner = pool.find((o) => o.id === id) ?? null;
    const from = after === null ? 'no recent assignment, so the first in owner-id order' : `after ${summarizeOwner(input.owners.find((o) => o.id === after) ?? { id: after }).name} (most recent assignment)`;
    d.explanation.push(`${label}: strict rotation in owner-id order, ${from} → ${owner ? summarizeOwner(owner).name : 'nobody'}.`);
    return { owner, pool, policy, choice: { point, loads, shares: [], after, partialCounts: counts.partial }, tryFallbackOwner: owner === null };
  }

  const balance = balanceOf(config, members, pool, counts, policy);
  const pickedId = pickByPoint(balance.pick, point);
  const owner = pool.find((o) => o.id === pickedId) ?? null;
  d.explanation.push(`${label}${balance.loadSentence}`);
  d.explanation.push(`${balance.sharesSentence}${point.toFixed(3)} → ${nameIn(pool, pickedId)}.`);
  return {
    owner,
    pool,
    policy,
    choice: { point, loads: balance.loads, shares: balance.shares, after: null, partialCounts: counts.partial },
    tryFallbackOwner: owner === null,
  };
}

type LoadRow = ChoiceDetail['loads'][number];

/** The load of each pool member, in owner-id order. */
function loadRows(members: readonly RoutingOwner[], pool: readonly RoutingOwner[], counts: LoadCounts, weight: (owner: RoutingOwner) => number): LoadRow[] {
  return members
    .filter((m) => pool.includes(m))
    .map((m) => ({ ownerId: m.id, load: counts.recent.get(m.id) ?? 0, today: counts.today.get(m.id) ?? 0, weight: weight(m) }));
}

/** What a balanced or weighted choice settles before the record's own point: the loads, the shares and their words. */
interface Balance {
  readonly loads: readonly LoadRow[];
  readonly shares: ChoiceDetail['shares'];
  /** The same shares, as `pickByPoint` reads them. */
  readonly pick: readonly Share[];
  /** The load sentence after the team label: ": balanced by assignments in the last 7 days: Ana 3, Bo 5." */
  readonly loadSentence: string;
  /** The shares sentence up to the record's point. */
  readonly sharesSentence: string;
}

function balanceOf(config: RoutingConfig, members: readonly RoutingOwner[], pool: readonly RoutingOwner[], counts: LoadCounts, policy: RoutingPolicy): Balance {
  const weighted = policy === 'weighted';
  const loads = loadRows(members, pool, counts, (m) => (weighted ? weightOf(m, config) : 1));
  const candidates: Candidate[] = loads.map((l) => ({ id: l.ownerId, name: nameIn(pool, l.ownerId), load: l.load, weight: l.weight }));
  const loadText = candidates.map((c) => (weighted ? `${c.name} ${c.load} (weight ${c.weight})` : `${c.name} ${c.load}`)).join(', ');
  const pick = loadShares(candidates, config.balanced.spreadPerOwner * pool.length);
  const shareText = pick.map((s) => `${nameIn(pool, s.id)} ${pct(s.share)}`).join(', ');
  const window = `${config.balanced.windowDays} day${config.balanced.windowDays === 1 ? '' : 's'}`;
  return {
    loads,
    shares: pick.map((s) => ({ ownerId: s.id, share: s.share })),
    pick,
    loadSentence: `: ${weighted ? 'weighted by assignments per weight' : 'balanced by assignments'} in the last ${window}: ${loadText}.`,
    sharesSentence: `Shares of this record (owners furthest behind get more): ${shareText}; the record's hash point `,
  };
}

/** How the routing ended: by the step that decided it. */
interface Ending {
  readonly owner: OwnerSummary | null;
  /** The owners the record could validly go to (see `RoutingDecision.eligibleOwnerIds`). */
  readonly eligible: readonly string[];
  readonly team: ResolvedTeam | null;
  readonly policy: DecisionPolicy;
  readonly choice: ChoiceDetail | null;
  readonly alreadyAssigned: boolean;
}

/** What the steps before the ending established, handed to `finishRoute`. */
interface Facts {
  readonly input: RouteInput;
  readonly d: Draft;
  readonly planOnly: boolean;
  /** The record's `hubspot_owner_id`. */
  readonly ownerId: string | null;
  readonly currentOwner: OwnerSummary | null;
  readonly force: boolean;
  readonly reason: string | null;
  readonly size: SizeReading;
  readonly match: TierMatch | null;
  readonly rule: string;
  readonly tierView: RoutePlan['tier'];
  readonly tierValue: string;
  readonly targetTeam: ResolvedTeam | null;
}

/** The plan, and unless planning, the decision with its last sentence and its routing key. */
function finishRoute(f: Facts, parts: Ending): Routed {
  const { input, d } = f;
  // Every ending but "choose in the team" needs no search (that one returns its plan early, see `route`).
  const plan: RoutePlan = { alreadyAssigned: parts.alreadyAssigned, tier: f.tierView, team: f.targetTeam, search: null };
  if (f.planOnly) return { plan, decision: null };
  // What the record stores, read here rather than by `route`: a plan needs none of it (as `readRoutingState` reads it).
  const episode = readProperty(input.record, ROUTING_PROPERTY_NAMES.key) ?? 'none';
  const fullRule = d.ruleTail.length === 0 ? f.rule : `${f.rule}; ${d.ruleTail.join('; ')}`;
  const changes =
    !parts.alreadyAssigned &&
    parts.owner !== null &&
    (parts.owner.id !== f.ownerId ||
      f.tierValue !== readProperty(input.record, ROUTING_PROPERTY_NAMES.tier) ||
      truncate(fullRule, 1000) !== readProperty(input.record, ROUTING_PROPERTY_NAMES.rule));
  const routingKey = changes && parts.owner
    ? `${input.recordId}-${hashText(JSON.stringify(['v1', input.objectType, input.recordId, episode, f.tierValue, parts.team?.id ?? null, parts.owner.id, parts.policy, d.fallback?.code ?? null, fullRule]))}`
    : null;
  if (parts.owner && !parts.alreadyAssigned) {
    d.explanation.push(
      changes
        ? `Owner: ${parts.owner.name}.`
        : `Owner: ${parts.owner.name}, as already recorded with the same tier and rule: nothing to write.`,
    );
  } else if (!parts.owner) d.explanation.push('No eligible owner: the record stays unassigned.');
  return {
    plan,
    decision: {
      objectType: input.objectType,
      recordId: input.recordId,
      decidedAt: new Date(input.now).toISOString(),
      tier: f.tierView,
      fallback: d.fallback,
      employees: employeesOf(f.size, f.match),
      team: parts.team,
      owner: parts.owner,
      policy: parts.policy,
      rule: fullRule,
      explanation: d.explanation,
      skipped: d.skipped,
      choice: parts.choice,
      currentOwner: f.currentOwner,
      alreadyAssigned: parts.alreadyAssigned,
      force: f.force,
      reason: f.reason,
      changes,
      episode,
      routingKey,
      tierValue: f.tierValue,
      eligibleOwnerIds: parts.alreadyAssigned || parts.owner === null ? [] : parts.eligible,
    },
  };
}

interface Routed {
  readonly plan: RoutePlan;
  /** Null when only planning (`planRoute`). */
  readonly decision: RoutingDecision | null;
}

/** The recent load a decision counts: a `LoadCounter` the caller keeps across decisions (bulk runs), or the rows given. */
function loadOf(input: RouteInput, config: RoutingConfig): LoadCounter {
  const recent = input.recent;
  if (!(recent instanceof LoadCounter)) return new LoadCounter(recent ?? { searched: [] }, config);
  if (!recent.countsFor(config)) throw new Error('decideRoute: the LoadCounter was built for another window or caps time zone');
  return recent;
}

/**
 * Routes one record. `planOnly` stops as soon as the plan is known (before counting load and choosing an owner):
 * `planRoute` needs no explanation and no owner, and runs for every decision of a bulk run, so it must not pay for
 * them. Both modes share this one code path, so the plan is always the one the decision follows.
 */
function route(input: RouteInput, config: RoutingConfig, planOnly: boolean): Result<Routed, RouteError> {
  const force = input.force === true;
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (input.recordId.trim() === '') return err({ code: 'INVALID_INPUT', message: 'The record id is empty.' });
  if (force && reason === null) {
    return err({ code: 'REASON_REQUIRED', message: 'Reassigning needs a reason: say why the owner should change.' });
  }
  const d: Draft = { explanation: [], skipped: [], fallback: null, ruleTail: [] };
  const ownerId = readProperty(input.record, 'hubspot_owner_id');
  // The last owner of a repeated id wins.
  const byId = new Map(input.owners.map((o) => [o.id, o]));
  const stateOwner = ownerId === null ? undefined : byId.get(ownerId);
  const currentOwner = ownerId === null ? null : stateOwner ? summarizeOwner(stateOwner) : unknownOwner(ownerId);
  const company = input.objectType === 'contacts' ? input.company : null;

  // 1. Company size → tier.
  const size = readCompanySize(input.objectType, input.record, company, config.companySize);
  // Tier criteria with `source: "company"` read the company itself when the record is one.
  const criteriaCompany = input.objectType === 'companies' ? input.record : company;
  const conditions = evaluateTierConditions(config.tiers, { record: input.record, company: criteriaCompany, now: input.now });
  const match = size.count.kind === 'missing' || size.count.kind === 'malformed' ? null : matchTier(size.count, conditions, config.companySize.rangeAcrossTiers);
  const tier = match?.kind === 'tier' ? match.condition : null;
  // The words of this step are for the decision only: a plan needs the tier, not how it reads.
  const rule = planOnly ? '' : describeTier(d, input.objectType, company !== null, size, conditions, match, tier);
  const tierView = tier ? { id: tier.tier.id, label: tier.tier.label } : null;
  const tierValue = tier ? tier.tier.id : 'fallback';

  // The team the record would go to: its tier's, or the fallback team.
  const teamRef: TeamRef | null = tier ? tier.tier.team : (config.fallback.team ?? null);
  const teamPolicy: RoutingPolicy = tier?.tier.policy ?? config.policy;
  const targetTeam = teamRef ? resolveTeam(teamRef, input.owners) : null;
  const facts: Facts = { input, d, planOnly, ownerId, currentOwner, force, reason, size, match, rule, tierView, tierValue, targetTeam };
  // 2. An owned record is not reassigned without force and a reason.
  if (ownerId !== null && !force) {
    d.explanation.push(
      `The record already has an owner, ${currentOwner?.name ?? ownerId}; routing reassigns only with "force" and a reason.`,
    );
    return ok(finishRoute(facts, { owner: currentOwner, eligible: [], team: targetTeam, policy: 'keep_existing', choice: null, alreadyAssigned: true }));
  }
  if (force) d.explanation.push(`Reassignment requested${currentOwner ? ` (current owner ${currentOwner.name})` : ''}: ${truncate(reason ?? '', 500)}.`);

  // 3. Account matching: a contact whose company has an active owner goes to that owner.
  if (input.objectType === 'contacts' && config.accountMatching.enabled && company !== null) {
    const companyOwnerId = readProperty(company, 'hubspot_owner_id');
    if (companyOwnerId === null) d.explanation.push('The primary company has no owner, so no account match.');
    else {
      const co = byId.get(companyOwnerId);
      if (!co) d.explanation.push(`The company's owner (id ${companyOwnerId}) is not an active owner, so no account match.`);
      else if (co.archived === true) skip(d, co, 'archived', "the company's owner is archived (deactivated) in HubSpot; routing normally");
      else {
        const away = unavailability(co, config);
        if (away) skip(d, co, 'unavailable', `the company's owner is ${describeUnavailable(away)}; routing normally`);
        else if (config.accountMatching.sameTeamOnly && (targetTeam === null || !isMemberOf(co, targetTeam.id))) {
          skip(d, co, 'not_in_team', `the company's owner is not in the ${targetTeam ? `"${targetTeam.name}"` : 'target'} team; routing normally`);
        } else {
          const owner = summarizeOwner(co);
          const team =
            targetTeam && isMemberOf(co, targetTeam.id)
              ? targetTeam
              : (() => {
                  const teams = [...(co.teams ?? [])].sort((a, b) => Number(b.primary === true) - Number(a.primary === true) || compareIds(a.id, b.id));
                  const t = teams[0];
                  return t ? { id: t.id, name: t.name } : null;
                })();
          d.explanation.push(`Account match: the primary company is owned by ${owner.name}, so the contact goes to them (daily caps do not apply).`);
          d.ruleTail.push(`company owner → ${owner.name}`);
          return ok(finishRoute(facts, { owner, eligible: [owner.id], team, policy: 'account_match', choice: null, alreadyAssigned: false }));
        }
      }
    }
  }

  // 4. The team, then an owner in it.
  let owner: RoutingOwner | null = null;
  let pool: readonly RoutingOwner[] = [];
  let policy: DecisionPolicy = teamPolicy;
  let choice: ChoiceDetail | null = null;
  let tryFallbackOwner = true;
  if (teamRef !== null) {
    if (targetTeam === null) {
      addFallback(d, 'team_not_found', `${describeTeamRef(teamRef)} has no owners in HubSpot`);
      d.ruleTail.push(`${describeTeamRef(teamRef)} not found`);
      d.explanation.push(`${tier ? `Tier ${tier.tier.label}` : 'The fallback'} names ${describeTeamRef(teamRef)}, but no owner belongs to it.`);
    } else {
      // The plan is complete here: the team and its search do not depend on the counts. (Deciding, the search is
      // not built: the caller already ran it.)
      if (planOnly) {
        const active = membersOf(targetTeam.id, input.owners).filter((m) => m.archived !== true);
        const search = recentAssignmentsQuery(input.objectType, active.map((m) => m.id), input.now, config);
        return ok({ plan: { alreadyAssigned: false, tier: tierView, team: targetTeam, search }, decision: null });
      }
      const label = tier ? tier.tier.label : 'Fallback team';
      d.explanation.push(`${label} goes to the HubSpot team "${targetTeam.name}".`);
      if (!tier) d.ruleTail.push(`fallback team ${targetTeam.name}`);
      const outcome = chooseInTeam(input, config, d, targetTeam, teamPolicy, label);
      owner = outcome.owner;
      pool = outcome.pool;
      policy = outcome.policy;
      choice = outcome.choice;
      tryFallbackOwner = outcome.tryFallbackOwner;
    }
  }
  let team: ResolvedTeam | null = owner ? targetTeam : null;

  // 5. The fallback owner, the last resort.
  if (owner === null && tryFallbackOwner) {
    const ref = config.fallback.owner;
    if (ref === undefined) d.explanation.push('No fallback owner is configured.');
    else {
      const fb = findOwner(ref, input.owners);
      const refText = 'id' in ref ? `id ${ref.id}` : ref.email;
      if (!fb) d.explanation.push(`The fallback owner (${refText}) is not among the active owners.`);
      else if (fb.archived === true) skip(d, fb, 'archived', 'the fallback owner is archived (deactivated) in HubSpot');
      else {
        const away = unavailability(fb, config);
        if (away) skip(d, fb, 'unavailable', `the fallback owner is ${describeUnavailable(away)}`);
        else {
          owner = fb;
          pool = [fb];
          policy = 'fallback_owner';
          team = null;
          const name = ownerName(fb);
          d.ruleTail.push(`fallback owner ${name}`);
          d.explanation.push(`Fallback owner: ${name} (daily caps do not apply to the fallback owner).`);
        }
      }
    }
  }
  return ok(finishRoute(facts, { owner: owner ? summarizeOwner(owner) : null, eligible: owner ? pool.map((o) => o.id) : [], team, policy, choice, alreadyAssigned: false }));
}

/**
 * Decides, without counts, what the caller must fetch: whether the record is already assigned (no search, no
 * write), and which team's recent assignments to search (one search, one page). Pure; same rules as
 * `decideRoute`, which the caller calls next with the search result.
 */
export function planRoute(input: Omit<RouteInput, 'recent'>, config: RoutingConfig): Result<RoutePlan, RouteError> {
  const routed = route(input, config, true);
  return routed.ok ? ok(routed.value.plan) : routed;
}

/**
 * Routes one record: company size → tier → team → owner, with the reason for every step. Pure and deterministic:
 * the same input gives the same decision and the same routing key, so concurrent calls for one record agree.
 *
 * The caller must NOT count the record's own earlier assignment in its load; `decideRoute` drops search rows
 * whose `recordId` is the routed record, so pass record ids with the rows (or exclude the record in the search).
 *
 * Errors: `REASON_REQUIRED` when `force` comes without a reason; `INVALID_INPUT` for an empty record id.
 */
export function decideRoute(input: RouteInput, config: RoutingConfig): Result<RoutingDecision, RouteError> {
  const routed = route(input, config, false);
  if (!routed.ok) return routed;
  const { decision } = routed.value;
  if (decision === null) throw new Error('decideRoute: route() gave no decision outside planning (a bug)');
  return ok(decision);
}
