import { z } from 'zod';

// PLACEHOLDER (issue 4 replaces it): the scoring model's schema.
export const ScoringModelSchema = z.looseObject({
  version: z.string().min(1).max(64),
});
export type ScoringModel = z.infer<typeof ScoringModelSchema>;
