/**
 * Owner routing by company size: the pure core (issue 5). Callers (the `assign_owner` function, `lead-ops route`)
 * read the record, its primary company and the owners, call `planRoute`, run at most one search of recent
 * assignments, call `decideRoute`, and write `routingPropertiesToWrite` plus a note from `routingNoteBody`.
 */
export * from './config-schema';
export * from './company-size';
export * from './decision';
export * from './decide-route';
export * from './hash';
export * from './owners';
export * from './policies';
export * from './properties';
export * from './properties-to-read';
export * from './recent-assignments';
export * from './routing-note';
export * from './routing-state';
export * from './text';
export * from './tiers';
export * from './views';
