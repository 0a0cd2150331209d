/**
 * The HubSpot client layer: the only code that talks to HubSpot. Everything outside it uses the port
 * (`createCrmPort`, `crmPortFor`), which answers `Result`s with the layer's own `CrmError` and never throws for
 * HTTP reasons.
 */
export { createHubSpotClient, toApiUsage, DEFAULT_BASE_URL } from './client';
export type { Clock, HubSpotClient, HubSpotClientOptions, Pacing, RequestEvent, Usage } from './client';
export { connectionFromEnv, type HubSpotConnection } from './config';
export { createCrmPort, crmPortFor, NOTE_ASSOCIATION_TYPE } from './crm-port';
export type { CreateInput, CrmPort, PropertyDefinition, PropertySpec, RecordReadOptions, RecordsOutcome, SearchAllPage, UpdateInput } from './crm-port';
export { CRM_ERROR_CODES, redact, type CrmError, type CrmErrorCode, type RuleRefusal } from './errors';
export type { AssociatedRef, CrmRecord, Owner, Pipeline, PipelineStage, PropertyChange, Team } from './records';
export type { BatchFailure } from './batch';
export { compareIds } from './search';
export type { FilterOperator, SearchFilter, SearchRequest, SearchSort } from './search';
export { PortalReadCache, withCachedReads } from './cached-reads';
