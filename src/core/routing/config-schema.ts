import { z } from 'zod';

// PLACEHOLDER (issue 5 replaces it): the routing rules' schema.
export const RoutingConfigSchema = z.looseObject({});
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;
