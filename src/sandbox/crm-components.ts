/**
 * The data behind HubSpot's CRM data components (CrmPropertyList, CrmAssociationTable, CrmStageTracker,
 * CrmStatistics…), read from the emulator the way HubSpot's own page reads a portal: the record, its associations
 * (with labels), the associated records through the CRM search (filters, sort, free text, pages), property
 * definitions, pipelines and owners. In HubSpot these reads are the page's, not the app's: the activity log marks
 * them so they never count against the app functions' call budgets.
 */
import { z } from 'zod';
import { HUBSPOT_PATHS } from './hubspot-paths';
import { EmulatorCallError, ObjectBody, SearchBody, type HubSpotReader, type Pipeline, type PropertyDefinition } from './hubspot-reader';
import { displayValue, optionsFor, type DisplayContext } from './property-display';
import { objectTypeFromName, recordTitle, TITLE_PROPERTIES, type SandboxObjectType } from './shared/object-types';
import type {
  AssociatedRow,
  CrmAssociatedAnswer,
  CrmAssociatedRequest,
  CrmComponentFilter,
  CrmRecordAnswer,
  CrmRecordRequest,
  CrmStatisticsAnswer,
  CrmStatisticsRequest,
  CrmUpdateRequest,
  PropertyCell,
  StageView,
} from './shared/protocol';

const Filter = z.looseObject({
  operator: z.string().min(1),
  property: z.string().min(1),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  values: z.union([z.array(z.union([z.string(), z.number(), z.boolean()])), z.string(), z.number()]).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
});
const Sort = z.looseObject({ columnName: z.string().min(1), direction: z.number() });
const TypeId = z.string().min(1).max(100);
const Id = z.string().regex(/^\d{1,18}$/, 'expected a numeric record id');
const Names = z.array(z.string().min(1).max(200)).max(200);

/** Requests from the page (they carry what a card put in the component's props, so they are checked). */
export const CrmRecordRequestSchema = z.object({ objectTypeId: TypeId, objectId: Id, properties: Names, stage: z.boolean().optional() });
export const CrmAssociatedRequestSchema = z.object({
  fromObjectTypeId: TypeId,
  fromObjectId: Id,
  toObjectTypeId: TypeId,
  properties: Names,
  filters: z.array(Filter).max(18).optional(),
  sort: z.array(Sort).max(5).optional(),
  query: z.string().max(3000).optional(),
  associationLabels: z.array(z.string().max(200)).max(50).optional(),
  labelMatch: z.enum(['any', 'all']).optional(),
  offset: z.number().int().min(0).max(10_000).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  stage: z.boolean().optional(),
});
export const CrmStatisticsRequestSchema = z.object({
  fromObjectTypeId: TypeId,
  fromObjectId: Id,
  toObjectTypeId: TypeId,
  statistics: z
    .array(
      z.looseObject({
        label: z.string().max(500),
        statisticType: z.string().min(1),
        propertyName: z.string().min(1),
        percentile: z.number().min(0).max(100).optional(),
        filterGroups: z.array(z.looseObject({ filters: z.array(Filter).max(6) })).max(5).optional(),
      }),
    )
    .max(20),
});
export const CrmUpdateRequestSchema = z.object({ objectTypeId: TypeId, objectId: Id, properties: z.record(z.string().min(1).max(200), z.string().max(65_536)) });

/** The search API's own limits: 6 filters per group, 200 results per page, 10,000 results in all. */
const SEARCH_PAGE = 200;
const SEARCH_MAX_RESULTS = 10_000;
const MAX_FILTERS_PER_GROUP = 6;

interface StageSource {
  readonly stageProperty: string;
  readonly pipelineProperty: string | null;
}

/** Where an object type keeps its stage: a pipeline stage (deals, tickets) or the lifecycle stage. */
function stageSource(type: SandboxObjectType): StageSource {
  switch (type.name) {
    case 'deals':
      return { stageProperty: 'dealstage', pipelineProperty: 'pipeline' };
    case 'tickets':
      return { stageProperty: 'hs_pipeline_stage', pipelineProperty: 'hs_pipeline' };
    default:
      return { stageProperty: 'lifecyclestage', pipelineProperty: null };
  }
}

function typeOf(value: string): SandboxObjectType {
  const t = objectTypeFromName(value);
  if (!t) throw new EmulatorCallError(`the sandbox has no object type "${value}" (it shows contacts 0-1, companies 0-2, deals 0-3 and tickets 0-5)`, 400);
  return t;
}

/** A component filter as the search API takes it (values as strings). */
function searchFilter(f: CrmComponentFilter): Record<string, unknown> {
  const values = f.values === undefined ? undefined : (Array.isArray(f.values) ? f.values : [f.values]).map(String);
  return {
    propertyName: f.property,
    operator: f.operator,
    ...(f.value !== undefined ? { value: String(f.value) } : {}),
    ...(values !== undefined ? { values } : {}),
    ...(f.highValue !== undefined ? { highValue: String(f.highValue) } : {}),
  };
}

function cell(name: string, defs: ReadonlyMap<string, PropertyDefinition>, value: string | null, context: DisplayContext): PropertyCell {
  const def = defs.get(name);
  return {
    name,
    label: def?.label || name,
    type: def?.type ?? 'string',
    fieldType: def?.fieldType ?? 'text',
    value,
    display: displayValue(def, value, context),
    known: def !== undefined,
    editable: def !== undefined && def.modificationMetadata?.readOnlyValue !== true && def.fieldType !== 'calculation_equation',
    options: def ? optionsFor(def, context) : [],
  };
}

function stageOf(source: StageSource, values: Readonly<Record<string, string | null>>, defs: ReadonlyMap<string, PropertyDefinition>, pipelines: readonly Pipeline[]): StageView | null {
  const current = values[source.stageProperty] ?? null;
  if (source.pipelineProperty === null) {
    const def = defs.get(source.stageProperty);
    if (!def) return null;
    const options = [...def.options].filter((o) => o.hidden !== true).sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0));
    return { propertyName: source.stageProperty, pipelineLabel: def.label || 'Lifecycle stage', stages: options.map((o) => ({ id: o.value, label: o.label, closed: false })), currentId: current };
  }
  const pipelineId = values[source.pipelineProperty] ?? null;
  const pipeline = pipelines.find((p) => p.id === pipelineId) ?? pipelines.find((p) => p.stages.some((s) => s.id === current)) ?? pipelines[0];
  if (!pipeline) return null;
  const stages = [...pipeline.stages].sort((a, b) => a.displayOrder - b.displayOrder);
  return {
    propertyName: source.stageProperty,
    pipelineLabel: pipeline.label,
    stages: stages.map((s) => ({ id: s.id, label: s.label, closed: s.metadata.isClosed === 'true' || s.metadata.ticketState === 'CLOSED' })),
    currentId: current,
  };
}

/** Value of `statisticType` over `values` (numbers of the records that have one). */
export function statistic(statisticType: string, values: readonly number[], count: number, percentile?: number): number | null {
  if (statisticType === 'COUNT') return count;
  if (statisticType === 'DISTINCT_APPROX') return new Set(values).size;
  if (values.length === 0) return null;
  switch (statisticType) {
    case 'SUM':
      return values.reduce((a, b) => a + b, 0);
    case 'AVG':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'MIN':
      return Math.min(...values);
    case 'MAX':
      return Math.max(...values);
    case 'PERCENTILES': {
      // Nearest rank: the smallest value with at least p% of the values at or below it.
      const sorted = [...values].sort((a, b) => a - b);
      const p = Math.max(0, Math.min(100, percentile ?? 50));
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
      return sorted[rank - 1] ?? null;
    }
    default:
      throw new EmulatorCallError(`statisticType "${statisticType}" is not one of SUM, AVG, MIN, MAX, DISTINCT_APPROX, COUNT, PERCENTILES`, 400);
  }
}

export function createCrmComponentData(reader: HubSpotReader) {
  const { ok } = reader;

  async function displayContext(type: SandboxObjectType): Promise<DisplayContext> {
    const [owners, pipelines] = await Promise.all([
      reader.owners().catch((): ReadonlyMap<string, string> => new Map()),
      type.name === 'deals' || type.name === 'tickets' ? reader.pipelines(type.name) : Promise.resolve([]),
    ]);
    return { owners, pipelines };
  }

  async function definitions(type: SandboxObjectType): Promise<Map<string, PropertyDefinition>> {
    return new Map((await reader.propertyDefinitions(type.name)).map((d) => [d.name, d]));
  }

  /** Searches `type` for the records of `ids` matching `filters`, `query` and `sort`, one page. */
  async function searchAmong(type: SandboxObjectType, ids: readonly string[], request: { filters: readonly CrmComponentFilter[]; query?: string; sort?: CrmAssociatedRequest['sort']; properties: readonly string[]; offset: number; limit: number }) {
    const filters = [{ propertyName: 'hs_object_id', operator: 'IN', values: [...ids] }, ...request.filters.map(searchFilter)];
    if (filters.length > MAX_FILTERS_PER_GROUP) {
      throw new EmulatorCallError(`too many filters for one search (${filters.length - 1}); HubSpot's search takes at most ${MAX_FILTERS_PER_GROUP} per group, one of them the association`, 400);
    }
    const sort = request.sort?.[0];
    return ok(SearchBody, 'POST', HUBSPOT_PATHS.search(type.name), {
      filterGroups: [{ filters }],
      ...(sort ? { sorts: [{ propertyName: sort.columnName, direction: sort.direction < 0 ? 'DESCENDING' : 'ASCENDING' }] } : {}),
      ...(request.query ? { query: request.query } : {}),
      properties: [...request.properties],
      limit: request.limit,
      ...(request.offset > 0 ? { after: String(request.offset) } : {}),
    });
  }

  return {
    /** One record's properties (CrmPropertyList, CrmDataHighlight, CrmStageTracker, CrmSimpleDeadline). */
    async record(request: CrmRecordRequest): Promise<CrmRecordAnswer> {
      const type = typeOf(request.objectTypeId);
      const source = stageSource(type);
      const wanted = [...new Set([...request.properties, ...TITLE_PROPERTIES[type.name], ...(request.stage ? [source.stageProperty, ...(source.pipelineProperty ? [source.pipelineProperty] : [])] : [])])];
      const [defs, context, rec] = await Promise.all([
        definitions(type),
        displayContext(type),
        ok(ObjectBody, 'GET', `${HUBSPOT_PATHS.object(type.name, request.objectId)}?properties=${wanted.map(encodeURIComponent).join(',')}`),
      ]);
      const values = rec.properties;
      return {
        objectTypeId: type.objectTypeId,
        objectId: rec.id,
        title: recordTitle(type.name, values, rec.id),
        properties: request.properties.map((n) => cell(n, defs, values[n] ?? null, context)),
        stage: request.stage ? stageOf(source, values, defs, context.pipelines) : null,
      };
    },

    /** Records associated with a record (CrmAssociationTable, Pivot, PropertyList, StageTracker). */
    async associated(request: CrmAssociatedRequest): Promise<CrmAssociatedAnswer> {
      const from = typeOf(request.fromObjectTypeId);
      const to = typeOf(request.toObjectTypeId);
      const source = stageSource(to);
      const [associations, allLabels, defs, context] = await Promise.all([
        reader.associationsOf(from.name, request.fromObjectId, to.name),
        reader.associationLabels(from.name, to.name).catch(() => []),
        definitions(to),
        displayContext(to),
      ]);
      const wantedLabels = request.associationLabels ?? [];
      const labelsOf = new Map(associations.map((a) => [a.id, a.labels]));
      const ids = associations
        .filter((a) => wantedLabels.length === 0 || (request.labelMatch === 'all' ? wantedLabels.every((l) => a.labels.includes(l)) : wantedLabels.some((l) => a.labels.includes(l))))
        .map((a) => a.id);
      const base = { total: 0, rows: [] as AssociatedRow[], columns: request.properties.map((n) => cell(n, defs, null, context)), labels: allLabels, singular: to.singular, plural: to.plural };
      if (ids.length === 0) return base;
      const properties = [...new Set([...request.properties, ...TITLE_PROPERTIES[to.name], ...(request.stage ? [source.stageProperty, ...(source.pipelineProperty ? [source.pipelineProperty] : [])] : [])])];
      const page = await searchAmong(to, ids, { filters: request.filters ?? [], ...(request.query ? { query: request.query } : {}), ...(request.sort ? { sort: request.sort } : {}), properties, offset: request.offset ?? 0, limit: request.limit ?? 10 });
      return {
        ...base,
        total: page.total,
        rows: page.results.map((r) => ({
          id: r.id,
          objectTypeId: to.objectTypeId,
          title: recordTitle(to.name, r.properties, r.id),
          labels: labelsOf.get(r.id) ?? [],
          properties: request.properties.map((n) => cell(n, defs, r.properties[n] ?? null, context)),
          stage: request.stage ? stageOf(source, r.properties, defs, context.pipelines) : null,
        })),
      };
    },

    /** Summaries over a record's associated records (CrmStatistics). */
    async statistics(request: CrmStatisticsRequest): Promise<CrmStatisticsAnswer> {
      const from = typeOf(request.fromObjectTypeId);
      const to = typeOf(request.toObjectTypeId);
      const [associations, defs, context] = await Promise.all([reader.associationsOf(from.name, request.fromObjectId, to.name), definitions(to), displayContext(to)]);
      const ids = associations.map((a) => a.id);
      const values = [];
      for (const s of request.statistics) {
        try {
          const groups = s.filterGroups && s.filterGroups.length > 0 ? s.filterGroups : [{ filters: [] }];
          const numbers: number[] = [];
          let count = 0;
          if (ids.length > 0) {
            // One search per filter group (HubSpot ORs groups); a record matching two groups counts once.
            const seen = new Set<string>();
            for (const g of groups) {
              for (let offset = 0; offset < SEARCH_MAX_RESULTS; offset += SEARCH_PAGE) {
                const page = await searchAmong(to, ids, { filters: g.filters, properties: [s.propertyName], offset, limit: SEARCH_PAGE });
                for (const r of page.results) {
                  if (seen.has(r.id)) continue;
                  seen.add(r.id);
                  const n = Number(r.properties[s.propertyName] ?? '');
                  if ((r.properties[s.propertyName] ?? '') !== '' && Number.isFinite(n)) numbers.push(n);
                }
                if (!page.paging?.next?.after) break;
              }
            }
            count = seen.size;
          }
          const value = statistic(s.statisticType, numbers, count, s.percentile);
          const def = defs.get(s.propertyName);
          const display = value === null ? '' : s.statisticType === 'COUNT' || s.statisticType === 'DISTINCT_APPROX' || !def ? new Intl.NumberFormat('en-US').format(value) : displayValue({ ...def, type: 'number' }, String(Math.round(value * 100) / 100), context);
          values.push({ label: s.label, value, display, count, error: null });
        } catch (e) {
          values.push({ label: s.label, value: null, display: '', count: 0, error: e instanceof Error ? e.message : String(e) });
        }
      }
      return { values };
    },

    /** Saves an inline edit, as HubSpot's property components do when a field is left or Enter is pressed. */
    async update(request: CrmUpdateRequest): Promise<void> {
      const type = typeOf(request.objectTypeId);
      await ok(ObjectBody, 'PATCH', HUBSPOT_PATHS.object(type.name, request.objectId), { properties: request.properties });
    },
  };
}

export type CrmComponentData = ReturnType<typeof createCrmComponentData>;
