/**
 * The status area's pure core: configuration (`support`, `sync`), the property contract with sync tools, the
 * derivations behind `record_status` and `request_sync`, and the card's view. No I/O: the function reads HubSpot
 * (tickets search, pipelines, owners, the record with history, concurrently) and hands the answers in.
 */
export * from './config-schema';
export * from './connector-config';
export * from './error-hints';
export * from './properties';
export * from './records';
export * from './request-sync';
export * from './sla';
export * from './sync-status';
export * from './ticket-search';
export * from './tickets';
export * from './sync-plan';
