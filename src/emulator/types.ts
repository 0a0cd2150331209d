/**
 * Shared types of the local HubSpot emulator. The emulator imports nothing from the project (ESLint enforces it):
 * everything it knows about HubSpot is written here, from the reference and HubSpot's public specs.
 */

/** The emulator's clock: drives createdAt/updatedAt, history timestamps, rate-limit windows and search lag. */
export interface Clock {
  now(): number;
}

/** Which rate-limit bucket a request counts against (and is logged under). */
export type LimitClass = 'ten_secondly' | 'search' | 'association_batch' | 'unauthenticated';

/** One entry of the request log: tests and benchmarks count API calls per operation from it. */
export interface RequestLogEntry {
  readonly seq: number;
  readonly method: string;
  /** The path without the query string, e.g. `/crm/v3/objects/contacts/search`. */
  readonly path: string;
  /**
   * The API version the path names: `2026-09` (date-based), `v3`/`v4` (numbered, losing support in 2027), or
   * absent for paths that name none (the emulator's own admin endpoints).
   */
  readonly apiVersion?: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  /** HTTP status sent, or 0 when the connection was held (timeout fault) and never answered. */
  readonly status: number;
  /** Wall-clock time spent answering, in milliseconds (includes `latencyMs`). */
  readonly durationMs: number;
  /** Emulator-clock time the request arrived (epoch ms). */
  readonly at: number;
  readonly limitClass: LimitClass;
  /** The operation, e.g. `objects.search`, `associations.batchRead` (undefined for unknown routes). */
  readonly operation?: string;
  /** The injected fault, e.g. `502:after`, `timeout:before`, `drift`; absent when none. */
  readonly fault?: string;
  readonly correlationId: string;
}

/** One property history entry as HubSpot returns it in `propertiesWithHistory` (newest first). */
export interface HistoryEntry {
  readonly value: string;
  /** Epoch ms on the emulator clock. */
  readonly timestamp: number;
  readonly sourceType: string;
  readonly sourceId?: string;
  readonly sourceLabel?: string;
  readonly updatedByUserId?: number;
}

/** A CRM record as the emulator stores it. Property values are strings; an empty value is absent. */
export interface StoredRecord {
  readonly id: string;
  readonly objectTypeId: string;
  properties: Record<string, string>;
  /** Per property, newest first. A property without an entry here has one implicit entry: its seeded value. */
  history: Map<string, HistoryEntry[]>;
  /** sourceType of the implicit history entry of seeded values. */
  seedSourceType: string;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
  /**
   * Search lag (eventual consistency): what search sees. Absent = search sees the current state. `searchBase`
   * null means the record is not yet visible to search at all (created under lag).
   */
  searchBase?: SearchSnapshot | null;
  searchPending?: { visibleAt: number; snapshot: SearchSnapshot }[];
}

export interface SearchSnapshot {
  readonly properties: Readonly<Record<string, string>>;
  readonly updatedAt: number;
}

/** A property definition, shaped as the properties API returns it (minus timestamps, added on output). */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hubspotDefined: boolean;
  /** readOnlyValue: writes through the objects API are refused. */
  readOnlyValue: boolean;
  readOnlyDefinition: boolean;
  archivable: boolean;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  archivedAt?: number;
  calculationFormula?: string;
  referencedObjectType?: string;
  showCurrencySymbol?: boolean;
}

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface Owner {
  id: string;
  email: string;
  type: 'PERSON' | 'QUEUE';
  firstName: string;
  lastName: string;
  /** HubSpot's user id; null for archived (deactivated) owners, whose id stays in userIdIncludingInactive. */
  userId: number | null;
  userIdIncludingInactive: number;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  teams: { id: string; name: string; primary: boolean }[];
}

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
  writePermissions?: string;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}
