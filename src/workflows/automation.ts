import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import { routingPropertiesToRead } from '../core/routing';
import type { CompiledModel } from '../core/scoring';
import type { CrmPort } from '../hubspot';
import type { WorkflowError } from './errors';
import { routeRecords, RoutingRun, type RecordRouting, type RoutedType } from './route';
import { CompanyCache, contactPropertiesToRead, scoreContacts, type ContactScore } from './score';

/**
 * Scoring and routing together, for the automatic ways in (the sweep and the realtime endpoint): records of one
 * type are scored (contacts) and routed through the same routines as the cards, with one run's memory (owners,
 * team loads, companies) shared across pages.
 */

type Props = Readonly<Record<string, string | null>>;

export interface AutomationDeps {
  readonly crm: CrmPort;
  readonly config: LeadOpsConfig;
  readonly model: CompiledModel;
  readonly now: () => Date;
}

/** One run's memory: a value the caller owns (one sweep, one webhook delivery). */
export class AutomationRun {
  readonly routing: RoutingRun;
  readonly companies: CompanyCache;

  constructor(readonly deps: AutomationDeps) {
    this.routing = new RoutingRun(deps);
    this.companies = new CompanyCache(companyPropertiesToRead(deps.config, deps.model));
  }
}

/** What a record must carry to be scored and routed (search or batch read `properties`). */
export function recordPropertiesToRead(objectType: RoutedType, config: LeadOpsConfig, model: CompiledModel): string[] {
  const names = new Set<string>([...routingPropertiesToRead(objectType, config.routing).record, objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate', 'createdate']);
  if (objectType === 'contacts') contactPropertiesToRead(model).forEach((p) => names.add(p));
  return [...names].sort();
}

/** Properties of a contact's company that scoring and routing read. */
export function companyPropertiesToRead(config: LeadOpsConfig, model: CompiledModel): string[] {
  return [...new Set([...model.properties.company, ...routingPropertiesToRead('contacts', config.routing).company])].sort();
}

export interface RecordOutcome {
  readonly objectType: RoutedType;
  readonly id: string;
  readonly score: ContactScore | null;
  readonly route: RecordRouting | null;
  /** The first thing that failed for this record (its score write or its routing write). */
  readonly error: WorkflowError | null;
}

/**
 * Scores (contacts) and routes records of one type whose properties `recordPropertiesToRead` lists. Errors that stop
 * a run (auth, scopes, daily limit, configuration) and failures of a whole batch come back as `err`; a record that
 * could not be written is reported on its outcome.
 */
export async function processRecords(
  run: AutomationRun,
  objectType: RoutedType,
  records: readonly { readonly id: string; readonly properties: Props }[],
  options: { readonly score: boolean; readonly route: boolean; readonly dryRun: boolean },
): Promise<Result<RecordOutcome[], WorkflowError>> {
  if (records.length === 0) return ok([]);
  const { deps } = run;
  if (objectType === 'contacts') {
    const loaded = await run.companies.load(deps.crm, records);
    if (!loaded.ok) return loaded;
  }
  const scores = new Map<string, ContactScore>();
  if (options.score && objectType === 'contacts') {
    const scored = await scoreContacts(deps, records, run.companies, { write: !options.dryRun });
    if (!scored.ok) return scored;
    for (const s of scored.value) scores.set(s.contactId, s);
  }
  const routes = new Map<string, RecordRouting>();
  if (options.route) {
    const routed = await routeRecords(run.routing, deps, objectType, records, run.companies, { dryRun: options.dryRun });
    if (!routed.ok) return routed;
    for (const r of routed.value) routes.set(r.id, r);
  }
  return ok(
    records.map((r) => {
      const score = scores.get(r.id) ?? null;
      const route = routes.get(r.id) ?? null;
      return { objectType, id: r.id, score, route, error: score?.error ?? route?.error ?? null };
    }),
  );
}

/** Reads records by id with what `processRecords` needs (1 call per 100). Ids that no longer exist are left out. */
export async function readRecords(run: AutomationRun, objectType: RoutedType, ids: readonly string[]): Promise<Result<{ id: string; properties: Props }[], WorkflowError>> {
  if (ids.length === 0) return ok([]);
  const { deps } = run;
  const read = await deps.crm.batchRead(objectType, ids, { properties: recordPropertiesToRead(objectType, deps.config, deps.model) });
  if (!read.ok) return read;
  const failed = read.value.failures.find((f) => f.error.code !== 'NOT_FOUND');
  if (failed) return err(failed.error);
  return ok(read.value.records.map((r) => ({ id: r.id, properties: r.properties })));
}

/** Each company's contacts (v4 association batch read, outside the 10-second window), lowest ids first. */
export async function contactsOfCompanies(crm: CrmPort, companyIds: readonly string[]): Promise<Result<Map<string, string[]>, WorkflowError>> {
  const out = new Map<string, string[]>();
  if (companyIds.length === 0) return ok(out);
  const listed = await crm.batchAssociatedIds('companies', 'contacts', companyIds);
  if (!listed.ok) return listed;
  for (const id of companyIds) {
    const ids = [...new Set((listed.value.get(id) ?? []).map((a) => a.id))].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    out.set(id, ids);
  }
  return ok(out);
}
