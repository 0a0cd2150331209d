import { z } from 'zod';

// PLACEHOLDER (issue 6 replaces it): support (SLA) and sync destination settings.
export const SupportConfigSchema = z.looseObject({});
export type SupportConfig = z.infer<typeof SupportConfigSchema>;

export const SyncConfigSchema = z.looseObject({});
export type SyncConfig = z.infer<typeof SyncConfigSchema>;
