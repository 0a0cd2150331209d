import { propertiesOf } from '../criteria/evaluate';
import { BANDS, DIMENSIONS, type Band, type ScoringModel } from './model-schema';

/**
 * A validated model prepared for scoring many contacts: the label of every band and the properties to read. A value
 * the caller owns and passes to `scoreLead` (and keeps as long as it likes); nothing is remembered elsewhere.
 */
export interface CompiledModel {
  readonly [PREPARED]: true;
  readonly model: ScoringModel;
  readonly version: string;
  readonly labelOfBand: Readonly<Record<Band, string>>;
  /** Label names best first, then the unscorable label: the options of `lead_ops_score_label`. */
  readonly labelNames: readonly string[];
  /** Every property the model reads, to request from HubSpot: contact and primary-company names, sorted. */
  readonly properties: { readonly contact: readonly string[]; readonly company: readonly string[] };
}

const PREPARED = Symbol('lead-ops.prepared-scoring-model');

export const isCompiledModel = (m: ScoringModel | CompiledModel): m is CompiledModel => PREPARED in m;

/** Prepares a validated model (a prepared one is returned as it is). Throws on a band without a label: a bug. */
export function compileModel(model: ScoringModel | CompiledModel): CompiledModel {
  if (isCompiledModel(model)) return model;
  const contact = new Set<string>();
  const company = new Set<string>();
  const add = (source: 'record' | 'company', property: string): void => {
    (source === 'company' ? company : contact).add(property);
  };
  const criteria = [model.scorable.requires];
  for (const dimension of DIMENSIONS) {
    for (const group of model[dimension].groups) {
      for (const rule of group.rules) {
        criteria.push(rule.when);
        if (rule.decay) add(rule.decay.source, rule.decay.property);
      }
    }
  }
  for (const criterion of criteria) {
    const read = propertiesOf(criterion);
    read.record.forEach((p) => add('record', p));
    read.company.forEach((p) => add('company', p));
  }

  const labelOfBand = {} as Record<Band, string>;
  for (const label of model.labels) for (const band of label.bands) labelOfBand[band] = label.name;
  for (const band of BANDS) {
    // The schema's cross-check guarantees every band a label; a gap here means an unvalidated model.
    if (!labelOfBand[band]) throw new Error(`scoring model "${model.version}": band ${band} has no label (validate the model first)`);
  }
  return {
    [PREPARED]: true,
    model,
    version: model.version,
    labelOfBand,
    labelNames: [...model.labels.map((l) => l.name), model.scorable.label],
    properties: { contact: [...contact].sort(), company: [...company].sort() },
  };
}
