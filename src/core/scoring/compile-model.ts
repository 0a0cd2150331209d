import { propertiesOf } from '../criteria/evaluate';
import { isLeaf } from '../criteria/schema';
import { compileCriterion, PropertyLayout, propertyName, type CompiledCriterion } from './compile-criterion';
import { decayFactor, describeDecay } from './decay';
import { signed } from './points';
import { BANDS, DIMENSIONS, type Band, type Decay, type DimensionName, type ScoringModel } from './model-schema';

/** A rule ready to evaluate: its criterion compiled, its decay described. */
export interface CompiledRule {
  /** Position in `CompiledModel.rules`. */
  readonly index: number;
  readonly id: string;
  readonly label: string;
  readonly points: number;
  readonly dimension: DimensionName;
  readonly groupId: string;
  readonly groupLabel: string;
  readonly when: CompiledCriterion;
  /** A missing property makes the rule `unknown` (default) or simply not matched. */
  readonly ifMissing: 'unknown' | 'not_matched';
  readonly decay: CompiledDecay | null;
  /** Reason endings, built once: ": not matched (+15)", ": unknown, not counted (+15)". */
  readonly notMatchedSuffix: string;
  readonly unknownSuffix: string;
}

export interface CompiledDecay {
  readonly spec: Decay;
  readonly source: 'record' | 'company';
  readonly property: string;
  /** The date's slot in the model's layout. */
  readonly slot: number;
  /** `company.x` or `x`, as in missing-property lists. */
  readonly qualified: string;
  /** Words for the date, e.g. "Last visit". */
  readonly name: string;
  /** "half-life 30 d". */
  readonly note: string;
  /**
   * True when the rule's criterion is a single day test on the same date (e.g. "within 90 days of the last visit"):
   * its detail already says "Last visit 12 days ago", so the reason does not repeat it.
   */
  readonly ageInDetail: boolean;
  readonly factor: (ageDays: number) => number;
}

export interface CompiledGroup {
  /** Position among all the model's groups (fit first). */
  readonly index: number;
  readonly id: string;
  readonly label: string;
  readonly cap: number | undefined;
  readonly floor: number | undefined;
  readonly rules: readonly CompiledRule[];
}

export interface CompiledModel {
  readonly [COMPILED]: true;
  readonly model: ScoringModel;
  readonly version: string;
  readonly dimensions: Readonly<Record<DimensionName, readonly CompiledGroup[]>>;
  /** Every rule in model order (fit first). */
  readonly rules: readonly CompiledRule[];
  readonly requires: CompiledCriterion;
  /** Slots of the properties the model reads (one read per property per contact). */
  readonly layout: PropertyLayout;
  readonly labelOfBand: Readonly<Record<Band, string>>;
  /** Label names best first, then the unscorable label: the options of `lead_ops_score_label`. */
  readonly labelNames: readonly string[];
  /** Every property the model reads, to request from HubSpot: contact and primary-company names, sorted. */
  readonly properties: { readonly contact: readonly string[]; readonly company: readonly string[] };
}

const COMPILED = Symbol('lead-ops.compiled-scoring-model');

/**
 * `decayFactor` for one decay, remembered for the first thousand whole-day ages (the ones events have): scoring
 * asks for it for every matched engagement rule of every contact, and it is a `Math.pow` each time.
 */
function decayFactors(spec: Decay): (ageDays: number) => number {
  const known = new Float64Array(1024).fill(Number.NaN);
  return (age) => {
    if (!(Number.isInteger(age) && age >= 0 && age < known.length)) return decayFactor(spec, age);
    let f = known[age] as number;
    if (Number.isNaN(f)) {
      f = decayFactor(spec, age);
      known[age] = f;
    }
    return f;
  };
}
const cache = new WeakMap<ScoringModel, CompiledModel>();

export const isCompiledModel = (m: ScoringModel | CompiledModel): m is CompiledModel => COMPILED in m;

/**
 * Compiles a validated model once: criteria become closures, labels a lookup table. Scoring then does no parsing or
 * lookups per contact. The same model object always gives the same compiled model (cached), so callers may pass
 * the plain model to `scoreLead` too.
 */
export function compileModel(model: ScoringModel | CompiledModel): CompiledModel {
  if (isCompiledModel(model)) return model;
  const hit = cache.get(model);
  if (hit) return hit;

  const contact = new Set<string>();
  const company = new Set<string>();
  const addProps = (p: { record: string[]; company: string[] }): void => {
    p.record.forEach((x) => contact.add(x));
    p.company.forEach((x) => company.add(x));
  };

  const layout = new PropertyLayout();
  let groupCount = 0;
  const rules: CompiledRule[] = [];
  const dimensions = {} as Record<DimensionName, CompiledGroup[]>;
  for (const dimension of DIMENSIONS) {
    dimensions[dimension] = model[dimension].groups.map((group) => {
      const groupRules = group.rules.map((rule): CompiledRule => {
        addProps(propertiesOf(rule.when));
        let decay: CompiledDecay | null = null;
        if (rule.decay) {
          const spec = rule.decay;
          (spec.source === 'company' ? company : contact).add(spec.property);
          decay = {
            spec,
            source: spec.source,
            property: spec.property,
            slot: layout.slot(spec.source, spec.property),
            qualified: spec.source === 'company' ? `company.${spec.property}` : spec.property,
            name: propertyName(spec.source, spec.property),
            note: describeDecay(spec),
            ageInDetail:
              isLeaf(rule.when) &&
              (rule.when.op === 'within_last_days' || rule.when.op === 'more_than_days_ago') &&
              rule.when.source === spec.source &&
              rule.when.property === spec.property &&
              rule.when.label === undefined,
            factor: decayFactors(spec),
          };
        }
        const compiled: CompiledRule = {
          index: rules.length,
          id: rule.id,
          label: rule.label,
          points: rule.points,
          dimension,
          groupId: group.id,
          groupLabel: group.label,
          when: compileCriterion(rule.when, layout),
          ifMissing: rule.ifMissing,
          decay,
          notMatchedSuffix: `: not matched (${signed(rule.points)})`,
          unknownSuffix: `: unknown, not counted (${signed(rule.points)})`,
        };
        rules.push(compiled);
        return compiled;
      });
      return { index: groupCount++, id: group.id, label: group.label, cap: group.cap, floor: group.floor, rules: groupRules };
    });
  }
  addProps(propertiesOf(model.scorable.requires));

  const labelOfBand = {} as Record<Band, string>;
  for (const label of model.labels) for (const band of label.bands) labelOfBand[band] = label.name;
  for (const band of BANDS) {
    // The schema's cross-check guarantees every band a label; a gap here means an unvalidated model (a bug).
    if (!labelOfBand[band]) throw new Error(`scoring model "${model.version}": band ${band} has no label (validate the model first)`);
  }

  const compiled: CompiledModel = {
    [COMPILED]: true,
    model,
    version: model.version,
    dimensions,
    rules,
    requires: compileCriterion(model.scorable.requires, layout),
    layout,
    labelOfBand,
    labelNames: [...model.labels.map((l) => l.name), model.scorable.label],
    properties: { contact: [...contact].sort(), company: [...company].sort() },
  };
  cache.set(model, compiled);
  return compiled;
}
