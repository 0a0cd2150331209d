import type { Clock, HistoryEntry, PropertyDefinition, SearchSnapshot, StoredRecord } from '../types';
import { ApiError, conflict, propertyValuesError, validationError, type PropertyProblem } from '../http/errors';
import { OBJECT_TYPES, ObjectTypeRegistry, type ObjectType } from '../schema/object-types';
import { ValidationRuleStore } from '../schema/validation-rules';
import { CustomObjectStore } from '../schema/custom-objects';
import { PropertyRegistry } from '../schema/property-registry';
import { PipelineStore, PIPELINE_OBJECT_TYPES } from '../schema/pipelines';
import { OwnerStore } from '../schema/owners';
import { AssociationStore } from '../associations/association-store';
import { associationTypeById, typesBetween, type AssociationType } from '../associations/association-types';
import { normalizeValue } from './values';

/**
 * The emulated portal: records with property history, property definitions, pipelines, owners and associations,
 * and the write path that validates values and maintains HubSpot's system properties (`createdate`,
 * `lastmodifieddate` / `hs_lastmodifieddate`, `hs_object_id`, `associatedcompanyid` following the primary company,
 * ticket `closed_date` when a ticket enters a CLOSED stage, deal `hs_is_closed`, owner assigned dates).
 */

export interface PortalConfig {
  readonly portalId: number;
  readonly clock: Clock;
  searchLagMs: number;
  /**
   * Requested properties without a value: `null` (what the tickets guide documents and live responses show) or
   * omitted (the older "will not appear" wording). Default `null`.
   */
  readonly emptyProperties: 'null' | 'omit';
  /**
   * Whether a default contact→company association also makes the company primary when the contact has none.
   * Unverified; default false (the documented default association is the unlabeled type only).
   */
  readonly defaultAssociationSetsPrimary: boolean;
}

/** The v3 `associations` input on create: `[{to:{id}, types:[{associationCategory, associationTypeId}]}]`. */
export interface AssociationInput {
  toId: string;
  types: AssociationType[];
}

/** How a write is checked beyond the property definitions. */
export interface PrepareOptions {
  /**
   * Enforce the portal admin's property rules (format and required rules). HubSpot does so from the 2026-09 API
   * version on; writes through older versions ignore them.
   */
  readonly enforceRules?: boolean;
}

/** A validated write, ready to apply. */
export interface WritePlan {
  readonly values: Record<string, string>;
  readonly associations: readonly AssociationInput[];
}

interface TypeRecords {
  readonly byId: Map<string, StoredRecord>;
  /** Ascending id (ids are handed out in increasing order and never reused). */
  readonly order: StoredRecord[];
  nextId: number;
}

/** Where a write came from: `API` for requests, `CALCULATED` for what HubSpot derives. */
type SourceType = 'API' | 'CALCULATED' | string;

/** One applied write, as the webhook dispatcher sees it: the record, whether it was created, what changed. */
export interface WriteEvent {
  readonly typeId: string;
  readonly id: string;
  readonly isCreate: boolean;
  /** Changed properties with their new values ('' = cleared), user values and derived ones alike. */
  readonly changes: readonly (readonly [string, string])[];
  /** Emulator clock time of the write. */
  readonly at: number;
}

export class Portal {
  /** Standard and custom object types: resolve path segments and type ids here, custom objects included. */
  readonly types = new ObjectTypeRegistry();
  /** The portal admin's property rules (see schema/validation-rules.ts). */
  readonly rules = new ValidationRuleStore();
  /** Custom object schemas; each registers an object type here. */
  readonly customObjects: CustomObjectStore = new CustomObjectStore(this);
  readonly properties = new PropertyRegistry();
  readonly pipelines = new PipelineStore();
  readonly owners = new OwnerStore();
  readonly associations = new AssociationStore();
  private readonly records = new Map<string, TypeRecords>();
  /** typeId → property → lower-cased value → record id, for unique-value properties (email). */
  private readonly uniqueIndexes = new Map<string, Map<string, Map<string, string>>>();
  private readonly writeListeners: ((e: WriteEvent) => void)[] = [];

  /** Calls `listener` after every applied create or update (webhooks); returns a function that removes it. */
  onWrite(listener: (e: WriteEvent) => void): () => void {
    this.writeListeners.push(listener);
    return () => {
      const i = this.writeListeners.indexOf(listener);
      if (i >= 0) this.writeListeners.splice(i, 1);
    };
  }

  constructor(readonly config: PortalConfig) {
    for (const t of OBJECT_TYPES) this.records.set(t.id, { byId: new Map(), order: [], nextId: t.firstId });
    this.pipelines.onStageCreated = (typeId, pipeline, stage) => this.defineStageProperties(typeId, pipeline.label, stage.id, stage.label);
    for (const typeId of PIPELINE_OBJECT_TYPES) {
      for (const p of this.pipelines.list(typeId)) for (const s of p.stages) this.defineStageProperties(typeId, p.label, s.id, s.label);
    }
    this.associations.onPrimaryChanged = (fromType, fromId, toType) => this.primaryChanged(fromType, fromId, toType);
  }

  now(): number {
    return this.config.clock.now();
  }

  /** Registers a custom object type: its records start empty and its properties with HubSpot's system ones. */
  addObjectType(t: ObjectType, groupLabel: string): void {
    this.types.add(t);
    this.records.set(t.id, { byId: new Map(), order: [], nextId: t.firstId });
    this.properties.addType(t.id, { name: `${t.singular.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_information`, label: groupLabel, displayOrder: 0, archived: false }, this.now());
  }

  private typeRecords(typeId: string): TypeRecords {
    const r = this.records.get(typeId);
    if (!r) throw new Error(`unknown object type ${typeId}`);
    return r;
  }

  // ---------------------------------------------------------------- reads

  /** A record by id, archived or not. */
  get(typeId: string, id: string): StoredRecord | undefined {
    return this.typeRecords(typeId).byId.get(id);
  }

  /** A live (non-archived) record by id. */
  live(typeId: string, id: string): StoredRecord | undefined {
    const r = this.get(typeId, id);
    return r && !r.archived ? r : undefined;
  }

  /** All records of a type in ascending id order, archived included. */
  ordered(typeId: string): readonly StoredRecord[] {
    return this.typeRecords(typeId).order;
  }

  count(typeId: string): number {
    return this.typeRecords(typeId).order.length;
  }

  /** Resolves `idProperty` lookups: the record id (`hs_object_id`) or a unique-value property such as `email`. */
  findBy(typeId: string, idProperty: string | undefined, value: string, archived = false): StoredRecord | undefined {
    if (!idProperty || idProperty === 'hs_object_id') {
      const r = this.get(typeId, value);
      return r && r.archived === archived ? r : undefined;
    }
    const def = this.properties.get(typeId, idProperty);
    if (!def || !def.hasUniqueValue) {
      throw validationError(`${idProperty} is not a unique identifier property of ${this.types.byId(typeId).name}`, [
        { message: `Property ${idProperty} is not a unique value property`, code: 'INVALID_ID_PROPERTY', context: { idProperty: [idProperty] } },
      ]);
    }
    if (archived) {
      const needle = value.toLowerCase();
      return this.ordered(typeId).find((r) => r.archived && r.properties[idProperty]?.toLowerCase() === needle);
    }
    const id = this.uniqueIndex(typeId, idProperty).get(value.trim().toLowerCase());
    return id ? this.live(typeId, id) : undefined;
  }

  private uniqueIndex(typeId: string, property: string): Map<string, string> {
    let byProp = this.uniqueIndexes.get(typeId);
    if (!byProp) {
      byProp = new Map();
      this.uniqueIndexes.set(typeId, byProp);
    }
    let idx = byProp.get(property);
    if (!idx) {
      idx = new Map();
      for (const r of this.ordered(typeId)) {
        const v = r.properties[property];
        if (!r.archived && v) idx.set(v.toLowerCase(), r.id);
      }
      byProp.set(property, idx);
    }
    return idx;
  }

  /** History of one property, newest first; a seeded value without history has one implicit entry. */
  historyOf(rec: StoredRecord, name: string): HistoryEntry[] {
    const h = rec.history.get(name);
    if (h) return h;
    const v = rec.properties[name];
    return v === undefined ? [] : [{ value: v, timestamp: rec.createdAt, sourceType: rec.seedSourceType }];
  }

  /** What search sees of a record now: null while a create is still inside the search lag. */
  searchView(rec: StoredRecord, now: number): SearchSnapshot | null {
    if (rec.archived) return null;
    if (rec.searchPending === undefined) return { properties: rec.properties, updatedAt: rec.updatedAt };
    const pending = rec.searchPending;
    while (pending.length > 0 && (pending[0]?.visibleAt ?? Infinity) <= now) {
      const next = pending.shift();
      if (next) rec.searchBase = next.snapshot;
    }
    if (pending.length === 0) {
      delete rec.searchPending;
      delete rec.searchBase;
      return { properties: rec.properties, updatedAt: rec.updatedAt };
    }
    return rec.searchBase ?? null;
  }

  // ---------------------------------------------------------------- validation

  /**
   * Validates a create or update: unknown properties (PROPERTY_DOESNT_EXIST), read-only values, type checks,
   * options, pipeline/stage consistency, required properties on create, unique values (409). Throws ApiError.
   */
  prepare(typeId: string, input: unknown, rec: StoredRecord | undefined, associations: unknown = undefined, opts: PrepareOptions = {}): WritePlan {
    const t = this.types.byId(typeId);
    if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
      throw validationError('Invalid input JSON: properties must be an object of property names to values');
    }
    const raw = (input ?? {}) as Record<string, unknown>;
    const problems: PropertyProblem[] = [];
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) {
      const def = this.properties.get(typeId, name);
      if (!def) {
        problems.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
        continue;
      }
      // createdate may be set (imports and integrations backdate records); the rest of the computed ones may not.
      if (def.readOnlyValue && !(rec === undefined && name === 'createdate')) {
        problems.push({ name, code: 'READ_ONLY_VALUE', message: `Property "${name}" is read-only: its value is set by HubSpot` });
        continue;
      }
      const n = normalizeValue(def, value, rec?.properties[name], (d, v) => this.checkExternal(typeId, d, v, raw, rec));
      if (n.ok) values[name] = n.value;
      else problems.push(n.problem);
    }
    if (problems.length === 0) problems.push(...this.checkCrossField(t, values, rec));
    if (problems.length === 0 && opts.enforceRules) {
      const labelOf = (name: string) => this.properties.getIncludingArchived(typeId, name)?.label ?? name;
      problems.push(...this.rules.problems(typeId, labelOf, values, rec?.properties ?? {}, rec === undefined));
    }
    if (problems.length > 0) throw propertyValuesError(problems, this.config.portalId);
    if (rec === undefined) this.checkRequired(t, values);
    this.checkUnique(t, values, rec);
    return { values, associations: this.parseAssociations(t, associations) };
  }

  private checkExternal(typeId: string, def: PropertyDefinition, value: string, raw: Record<string, unknown>, rec: StoredRecord | undefined): PropertyProblem | undefined {
    if (def.name === 'hubspot_owner_id' || def.referencedObjectType === 'OWNER') {
      return this.owners.isAssignable(value) ? undefined : { name: def.name, code: 'INVALID_OPTION', message: `${value} was not one of the allowed options: it is not an active owner id` };
    }
    if (def.name === 'hs_pipeline' || def.name === 'pipeline') {
      return this.pipelines.find(typeId, value) ? undefined : { name: def.name, code: 'INVALID_OPTION', message: `${value} was not one of the allowed options: it is not a pipeline of this object type` };
    }
    if (def.name === 'hs_pipeline_stage' || def.name === 'dealstage') {
      const pipelineProp = def.name === 'dealstage' ? 'pipeline' : 'hs_pipeline';
      const pipelineId = String(raw[pipelineProp] ?? rec?.properties[pipelineProp] ?? this.pipelines.defaultPipeline(typeId)?.id ?? '');
      return this.pipelines.findStage(typeId, pipelineId, value)
        ? undefined
        : { name: def.name, code: 'INVALID_OPTION', message: `${value} was not one of the allowed options: it is not a stage of pipeline ${pipelineId}` };
    }
    return undefined;
  }

  private checkCrossField(t: ObjectType, values: Record<string, string>, rec: StoredRecord | undefined): PropertyProblem[] {
    const problems: PropertyProblem[] = [];
    // Moving a record to another pipeline without naming a stage of it leaves it in a stage that does not exist.
    for (const [pipelineProp, stageProp] of [['hs_pipeline', 'hs_pipeline_stage'], ['pipeline', 'dealstage']] as const) {
      if (values[pipelineProp] !== undefined && values[stageProp] === undefined && rec) {
        const stage = rec.properties[stageProp];
        if (stage && !this.pipelines.findStage(t.id, values[pipelineProp], stage)) {
          problems.push({ name: stageProp, code: 'INVALID_OPTION', message: `${stage} is not a stage of pipeline ${values[pipelineProp]}; set ${stageProp} too` });
        }
      }
    }
    if (t.id === '0-1' && values.associatedcompanyid) {
      if (!this.live('0-2', values.associatedcompanyid)) {
        problems.push({ name: 'associatedcompanyid', code: 'INVALID_OBJECT_ID', message: `Company ${values.associatedcompanyid} does not exist` });
      }
    }
    return problems;
  }

  /** Required on create (docs: using-object-apis). Exact error unverified: VALIDATION_ERROR, code REQUIRED_PROPERTY. */
  private checkRequired(t: ObjectType, values: Record<string, string>): void {
    const missing = (names: string[]) => names.filter((n) => !values[n]);
    let absent: string[] = [];
    if (t.id === '0-2' && !values.name && !values.domain) absent = ['name'];
    if (t.id === '0-3') absent = missing(['dealname', 'dealstage']);
    if (t.id === '0-5') absent = missing(['subject', 'hs_pipeline_stage']);
    if (t.id === '0-46') absent = missing(['hs_timestamp']);
    if (t.requiredProperties) absent = missing([...t.requiredProperties]);
    if (absent.length > 0) {
      throw validationError(
        `Missing required properties: ${absent.join(', ')}`,
        absent.map((name) => ({ message: `Property "${name}" is required`, code: 'REQUIRED_PROPERTY', context: { propertyName: [name] } })),
      );
    }
  }

  /** Contacts are unique by email (409 with "Existing ID: N"); companies are not de-duplicated by domain. */
  private checkUnique(t: ObjectType, values: Record<string, string>, rec: StoredRecord | undefined): void {
    for (const def of this.properties.uniqueProperties(t.id)) {
      const v = values[def.name];
      if (!v) continue;
      const existing = this.uniqueIndex(t.id, def.name).get(v.toLowerCase());
      if (existing && existing !== rec?.id) {
        throw t.id === '0-1' && def.name === 'email'
          ? conflict(`Contact already exists. Existing ID: ${existing}`)
          : conflict(`A ${t.singular} with ${def.name} ${v} already exists. Existing ID: ${existing}`);
      }
    }
  }

  private parseAssociations(t: ObjectType, raw: unknown): AssociationInput[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) throw validationError('associations must be an array');
    return raw.map((a: unknown, i): AssociationInput => {
      const r = (a ?? {}) as { to?: { id?: unknown }; types?: unknown };
      const toId = r.to?.id === undefined ? '' : String(r.to.id);
      if (!toId || !Array.isArray(r.types) || r.types.length === 0) {
        throw validationError(`associations[${i}] needs to.id and at least one type`);
      }
      const types = (r.types as unknown[]).map((x) => {
        const spec = (x ?? {}) as { associationCategory?: unknown; associationTypeId?: unknown };
        const type = associationTypeById(Number(spec.associationTypeId));
        if (!type || type.from !== t.id || spec.associationCategory !== 'HUBSPOT_DEFINED') {
          throw validationError(`associations[${i}]: ${String(spec.associationCategory)} ${String(spec.associationTypeId)} is not a valid association type from ${t.name}`, [
            { message: 'invalid association type', code: 'INVALID_ASSOCIATION_TYPE' },
          ]);
        }
        return type;
      });
      const toType = types[0]?.to ?? '';
      if (types.some((x) => x.to !== toType)) throw validationError(`associations[${i}]: the types point at different object types`);
      if (!this.live(toType, toId)) {
        throw validationError(`associations[${i}]: ${this.types.byId(toType).singular} ${toId} does not exist`, [
          { message: `${toId} is not a valid object id`, code: 'INVALID_OBJECT_ID', context: { id: [toId] } },
        ]);
      }
      return { toId, types };
    });
  }

  // ---------------------------------------------------------------- writes

  create(typeId: string, plan: WritePlan): StoredRecord {
    const tr = this.typeRecords(typeId);
    const now = this.now();
    const id = String(tr.nextId++);
    const rec: StoredRecord = {
      id,
      objectTypeId: typeId,
      properties: {},
      history: new Map(),
      seedSourceType: 'API',
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    if (this.config.searchLagMs > 0) {
      rec.searchBase = null;
      rec.searchPending = [];
    }
    tr.byId.set(id, rec);
    tr.order.push(rec);
    const values = { ...plan.values };
    const createdAt = values.createdate ? Date.parse(values.createdate) : now;
    const system: Record<string, string> = { hs_object_id: id, hs_object_source: 'API' };
    const t = this.types.byId(typeId);
    if (t.createdProperty === 'hs_createdate') system.hs_createdate = new Date(now).toISOString();
    else if (!values.createdate) system.createdate = new Date(now).toISOString();
    if (Number.isFinite(createdAt)) rec.createdAt = createdAt;
    this.write(rec, values, system, true);
    for (const a of plan.associations) {
      // A labelled association brings the unlabeled (default) type with it, as in HubSpot.
      const toType = a.types[0]?.to ?? '';
      const d = typesBetween(typeId, toType).find((x) => x.isDefault);
      this.associate(typeId, id, toType, a.toId, d && !a.types.includes(d) ? [d, ...a.types] : a.types);
    }
    return rec;
  }

  update(rec: StoredRecord, plan: WritePlan): StoredRecord {
    this.write(rec, { ...plan.values }, {}, false);
    return rec;
  }

  archive(rec: StoredRecord): void {
    if (rec.archived) return;
    const now = this.now();
    rec.archived = true;
    rec.archivedAt = now;
    for (const def of this.properties.uniqueProperties(rec.objectTypeId)) {
      const v = rec.properties[def.name];
      const idx = this.uniqueIndexes.get(rec.objectTypeId)?.get(def.name);
      if (v && idx?.get(v.toLowerCase()) === rec.id) idx.delete(v.toLowerCase());
    }
  }

  /** Creates association types between two records (and the inverse), keeping the primary unique. */
  associate(fromType: string, fromId: string, toType: string, toId: string, types: readonly AssociationType[]): void {
    this.associations.add(fromType, fromId, toType, toId, types, this.now() + this.config.searchLagMs);
  }

  /** Moves every association of a merged record to the record it was merged into (primaries stay the target's). */
  mergeAssociations(typeId: string, fromId: string, intoId: string): void {
    for (const [toType, edge] of this.associations.allFrom(typeId, fromId)) {
      const types = [...edge.types].map((id) => associationTypeById(id)).filter((x): x is AssociationType => x !== undefined);
      this.associations.removePair(typeId, fromId, toType, edge.toId);
      const keep = types.filter((x) => !x.unique || this.associations.uniqueTarget(typeId, intoId, toType) === undefined);
      if (keep.length > 0 && !(toType === typeId && edge.toId === intoId)) this.associate(typeId, intoId, toType, edge.toId, keep);
    }
  }

  /**
   * Applies user values plus the system properties HubSpot derives from them; records history; keeps the search
   * snapshot and unique indexes in step.
   */
  private write(rec: StoredRecord, user: Record<string, string>, system: Record<string, string>, isCreate: boolean): void {
    const t = this.types.byId(rec.objectTypeId);
    const now = this.now();
    const nowIso = new Date(now).toISOString();
    const derived: Record<string, string> = { ...system };
    const before = (name: string) => rec.properties[name] ?? '';
    const after = (name: string) => user[name] ?? derived[name] ?? before(name);

    if (t.id === '0-1' && user.email !== undefined) derived.hs_email_domain = user.email.split('@')[1] ?? '';
    if (user.hubspot_owner_id !== undefined && user.hubspot_owner_id !== before('hubspot_owner_id') && user.hubspot_owner_id !== '') {
      derived.hubspot_owner_assigneddate = nowIso;
    }
    if (t.id === '0-5') {
      if (isCreate) derived.hs_ticket_id = rec.id;
      if (!after('hs_pipeline')) derived.hs_pipeline = this.pipelines.defaultPipeline('0-5')?.id ?? '0';
      this.deriveTicketStage(rec, user, derived, isCreate, now);
    }
    if (t.id === '0-3') {
      if (!after('pipeline')) derived.pipeline = this.pipelines.defaultPipeline('0-3')?.id ?? 'default';
      this.deriveDealStage(rec, user, derived, now);
    }

    const changes: [string, string, SourceType][] = [];
    for (const [name, value] of Object.entries(user)) if (value !== before(name)) changes.push([name, value, 'API']);
    for (const [name, value] of Object.entries(derived)) {
      if (user[name] === undefined && value !== before(name)) changes.push([name, value, name === 'hs_object_source' ? 'API' : 'CALCULATED']);
    }
    if (changes.length === 0 && !isCreate) return;

    const previous = rec.searchPending !== undefined || this.config.searchLagMs > 0 ? { properties: { ...rec.properties }, updatedAt: rec.updatedAt } : undefined;
    for (const [name, value, sourceType] of changes) this.setValue(rec, name, value, sourceType, now);
    rec.updatedAt = now;
    this.setValue(rec, t.lastModifiedProperty, nowIso, 'CALCULATED', now);
    if (this.writeListeners.length > 0) {
      const event: WriteEvent = { typeId: rec.objectTypeId, id: rec.id, isCreate, changes: changes.map(([n, v]) => [n, v] as const), at: now };
      for (const l of [...this.writeListeners]) {
        try {
          l(event);
        } catch {
          // A listener (the webhook dispatcher) must never break a write.
        }
      }
    }

    if (previous) {
      if (rec.searchPending === undefined) {
        rec.searchBase = previous;
        rec.searchPending = [];
      }
      rec.searchPending.push({ visibleAt: now + this.config.searchLagMs, snapshot: { properties: { ...rec.properties }, updatedAt: rec.updatedAt } });
    }

    // A contact's associatedcompanyid written by the caller moves the primary company association.
    if (t.id === '0-1' && user.associatedcompanyid !== undefined && user.associatedcompanyid !== '') {
      const unlabeled = typesBetween('0-1', '0-2');
      this.associate('0-1', rec.id, '0-2', user.associatedcompanyid, unlabeled.filter((x) => x.isDefault || x.unique));
    } else if (t.id === '0-1' && user.associatedcompanyid === '') {
      const current = this.associations.uniqueTarget('0-1', rec.id, '0-2');
      const primary = typesBetween('0-1', '0-2').filter((x) => x.unique);
      if (current) this.associations.removeTypes('0-1', rec.id, '0-2', current, primary);
    }
  }

  private setValue(rec: StoredRecord, name: string, value: string, sourceType: SourceType, now: number): void {
    const old = rec.properties[name];
    let h = rec.history.get(name);
    if (!h) {
      h = old === undefined ? [] : [{ value: old, timestamp: rec.createdAt, sourceType: rec.seedSourceType }];
      rec.history.set(name, h);
    }
    h.unshift({ value, timestamp: now, sourceType });
    if (value === '') delete rec.properties[name];
    else rec.properties[name] = value;
    const idx = this.uniqueIndexes.get(rec.objectTypeId)?.get(name);
    if (idx) {
      if (old) idx.delete(old.toLowerCase());
      if (value && !rec.archived) idx.set(value.toLowerCase(), rec.id);
    }
  }

  /** Ticket stage moves: stage entered/exited dates; entering a CLOSED stage sets closed_date and time_to_close. */
  private deriveTicketStage(rec: StoredRecord, user: Record<string, string>, derived: Record<string, string>, isCreate: boolean, now: number): void {
    const oldStage = isCreate ? '' : rec.properties.hs_pipeline_stage ?? '';
    const newStage = user.hs_pipeline_stage ?? oldStage;
    if (newStage === oldStage && !isCreate) return;
    const pipeline = user.hs_pipeline ?? derived.hs_pipeline ?? rec.properties.hs_pipeline ?? '0';
    const oldPipeline = rec.properties.hs_pipeline ?? pipeline;
    const nowIso = new Date(now).toISOString();
    const stateOf = (p: string, s: string) => this.pipelines.findStage('0-5', p, s)?.metadata.ticketState ?? 'OPEN';
    if (newStage) derived[`hs_date_entered_${newStage}`] = nowIso;
    if (oldStage) derived[`hs_date_exited_${oldStage}`] = nowIso;
    const wasClosed = oldStage !== '' && stateOf(oldPipeline, oldStage) === 'CLOSED';
    const isClosed = newStage !== '' && stateOf(pipeline, newStage) === 'CLOSED';
    if (isClosed && !wasClosed) {
      const closedAt = user.closed_date ? Date.parse(user.closed_date) : now;
      if (!user.closed_date) derived.closed_date = new Date(closedAt).toISOString();
      derived.hs_last_closed_date = nowIso;
      derived.time_to_close = String(Math.max(0, closedAt - rec.createdAt));
    } else if (wasClosed && !isClosed) {
      derived.closed_date = '';
      derived.time_to_close = '';
      derived.hs_ticket_reopened_at = nowIso;
    }
  }

  /** Deal stage moves: hs_is_closed / hs_is_closed_won / probability from the stage metadata; closedate on close. */
  private deriveDealStage(rec: StoredRecord, user: Record<string, string>, derived: Record<string, string>, now: number): void {
    if (user.dealstage === undefined && user.pipeline === undefined) return;
    const pipeline = user.pipeline ?? derived.pipeline ?? rec.properties.pipeline ?? 'default';
    const stageId = user.dealstage ?? rec.properties.dealstage ?? '';
    const stage = this.pipelines.findStage('0-3', pipeline, stageId);
    if (!stage) return;
    const isClosed = stage.metadata.isClosed === 'true';
    const probability = stage.metadata.probability ?? '';
    derived.hs_is_closed = String(isClosed);
    derived.hs_is_closed_won = String(isClosed && Number(probability) === 1);
    if (user.hs_deal_stage_probability === undefined && probability) derived.hs_deal_stage_probability = probability;
    if (isClosed && !user.closedate && !rec.properties.closedate) derived.closedate = new Date(now).toISOString();
    derived[`hs_v2_date_entered_${stageId}`] = new Date(now).toISOString();
  }

  /** HubSpot derives `associatedcompanyid` (contacts) and `hs_primary_company_id` (tickets) from the primary. */
  private primaryChanged(fromType: string, fromId: string, toType: string): void {
    if (toType !== '0-2') return;
    const prop = fromType === '0-1' ? 'associatedcompanyid' : fromType === '0-5' ? 'hs_primary_company_id' : undefined;
    const rec = this.get(fromType, fromId);
    if (!prop || !rec) return;
    const target = this.associations.uniqueTarget(fromType, fromId, toType) ?? '';
    if ((rec.properties[prop] ?? '') !== target) this.write(rec, {}, { [prop]: target }, false);
  }

  private defineStageProperties(typeId: string, pipelineLabel: string, stageId: string, stageLabel: string): void {
    const base = {
      type: 'datetime' as const,
      fieldType: 'date',
      groupName: typeId === '0-5' ? 'ticketinformation' : 'dealinformation',
      description: '',
      options: [],
      hasUniqueValue: false,
      hidden: false,
      formField: false,
      calculated: false,
      externalOptions: false,
      hubspotDefined: true,
      readOnlyValue: true,
      readOnlyDefinition: true,
      archivable: false,
      archived: false,
    };
    const prefix = typeId === '0-5' ? 'hs_date' : 'hs_v2_date';
    const now = this.config.clock.now();
    this.properties.ensureSystem(typeId, { ...base, name: `${prefix}_entered_${stageId}`, label: `Date entered '${stageLabel} (${pipelineLabel})'` }, now);
    this.properties.ensureSystem(typeId, { ...base, name: `${prefix}_exited_${stageId}`, label: `Date exited '${stageLabel} (${pipelineLabel})'` }, now);
  }

  // ---------------------------------------------------------------- seeding

  /**
   * Adds a record directly, without validation or history (the demo generator): values are taken as stored, so a
   * seed can hold what an old import left behind (e.g. a malformed `numberofemployees`). Seeded records are
   * visible to search at once.
   */
  seed(typeId: string, properties: Record<string, string>, opts: { createdAt: number; updatedAt?: number; sourceType?: string; history?: Record<string, HistoryEntry[]> }): StoredRecord {
    const tr = this.typeRecords(typeId);
    const t = this.types.byId(typeId);
    const id = String(tr.nextId++);
    const updatedAt = opts.updatedAt ?? opts.createdAt;
    const props: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties)) if (v !== '') props[k] = v;
    props.hs_object_id = id;
    props[t.createdProperty] ??= new Date(opts.createdAt).toISOString();
    props[t.lastModifiedProperty] = new Date(updatedAt).toISOString();
    if (typeId === '0-5') props.hs_ticket_id = id;
    const rec: StoredRecord = {
      id,
      objectTypeId: typeId,
      properties: props,
      history: new Map(Object.entries(opts.history ?? {})),
      seedSourceType: opts.sourceType ?? 'CRM_UI',
      createdAt: opts.createdAt,
      updatedAt,
      archived: false,
    };
    tr.byId.set(id, rec);
    tr.order.push(rec);
    for (const [name, idx] of this.uniqueIndexes.get(typeId) ?? []) {
      const v = props[name];
      if (v) idx.set(v.toLowerCase(), id);
    }
    return rec;
  }

  /** Throws if a seed value would break uniqueness; used by the generator's own checks. */
  assertNoDuplicate(typeId: string, property: string, value: string): void {
    if (this.uniqueIndex(typeId, property).has(value.toLowerCase())) throw new ApiError(409, { message: `duplicate ${property} ${value}` });
  }
}
