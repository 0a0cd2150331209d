/**
 * The HubSpot client layer: the only code that talks to HubSpot. Callers use the port (`createCrmPort`) or, for
 * tools, the typed operations in `crm-api`; both answer `Result`s and never throw for HTTP reasons.
 */
export { createHubSpotClient, toApiUsage, DEFAULT_BASE_URL } from './client';
export type { Clock, HubSpotClient, HubSpotClientOptions, Pacing, RequestEvent, Usage } from './client';
export { connectionFromEnv, type HubSpotConnection } from './config';
export { createCrmPort, crmPortFor, noteKeyMarker, NOTE_ASSOCIATION_TYPE } from './crm-port';
export type { CrmPort, NoteInput, RecordReadOptions, RecordsOutcome } from './crm-port';
export type { AssociatedRef, CrmRecord, Owner, Pipeline, PipelineStage, PropertyChange, Team } from './records';
export type { BatchFailure, BatchOutcome } from './batch';
export type { FilterOperator, SearchFilter, SearchRequest, SearchSort } from './search';
export { createOnce, type CreateOnceResult, type CreateOnceSpec } from './create-once';
export * as crmApi from './crm-api';
