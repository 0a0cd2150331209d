/**
 * Lead scoring, pure: the model schema, the engine, change detection, the score properties, the card's view and
 * the what-if comparison. Functions and the CLI import from here.
 *
 *   const model = compileModel(config.scoring);                        // once, kept by the caller
 *   const result = scoreLead({ contact, company, now }, model);        // per contact
 *   const plan = planScoreWrite(result, readStoredScore(contact), now);  // write plan.properties when plan.changed
 *   const view = toScoreView({ objectId, result, stored, trend, changed: plan.changed, written });
 */
export * from './model-schema';
export { compileModel, isCompiledModel, type CompiledModel } from './compile-model';
export { scoreLead, type LeadInput, type RuleOutcome, type RuleResult, type GroupResult, type ScoreResult } from './score-lead';
export {
  scoreSnapshot,
  hasScoreChanged,
  scorePropertiesToWrite,
  planScoreWrite,
  readStoredScore,
  topReasonsText,
  REASONS_TEXT_MAX,
  type ScoreSnapshot,
  type StoredScore,
} from './change';
export {
  SCORE_PROPERTY,
  SCORE_PROPERTY_NAMES,
  SCORE_STATUS_OPTIONS,
  scoringProperties,
  scoringReadPlan,
  type ScorePropertyName,
  type ScoringReadPlan,
} from './properties';
export {
  compareModels,
  createModelComparison,
  explainDifference,
  type ComparedLead,
  type ModelComparison,
  type ModelComparisonBuilder,
  type ComparisonSample,
  type ScoreSummary,
} from './compare';
export { decayFactor, describeDecay } from './decay';
export { CONTACT_PROPERTIES, COMPANY_PROPERTIES, knownProperty } from './hubspot-properties';
