import configFile from '../../config/lead-ops.config.json';
import { parseEmployeeCount } from './company-size';
import { RoutingConfigSchema } from './config-schema';
import { evaluateTierConditions, matchTier, type TierMatch } from './tiers';
import { NOW } from './test-fixtures';

// The shipped configuration: the default rules are exactly 49 → Small Business, 50 → Mid-Market,
// 500 → Mid-Market, 501 → Enterprise.
const SHIPPED = RoutingConfigSchema.parse(configFile.routing);
const conditions = evaluateTierConditions(SHIPPED.tiers, { record: {}, company: null, now: NOW });

function tierFor(raw: string, mode = SHIPPED.companySize.rangeAcrossTiers): string {
  const count = parseEmployeeCount(raw);
  if (count.kind !== 'count' && count.kind !== 'range') return count.kind;
  const m: TierMatch = matchTier(count, conditions, mode);
  if (m.kind === 'tier') return `${m.condition.tier.label} by ${m.by} ${m.value}`;
  return m.kind;
}

describe('shipped tiers: every boundary', () => {
  test.each`
    employees  | expected
    ${'0'}     | ${'Small Business by count 0'}
    ${'1'}     | ${'Small Business by count 1'}
    ${'49'}    | ${'Small Business by count 49'}
    ${'50'}    | ${'Mid-Market by count 50'}
    ${'51'}    | ${'Mid-Market by count 51'}
    ${'499'}   | ${'Mid-Market by count 499'}
    ${'500'}   | ${'Mid-Market by count 500'}
    ${'501'}   | ${'Enterprise by count 501'}
    ${'10000'} | ${'Enterprise by count 10000'}
  `('$employees employees -> $expected', ({ employees, expected }) => {
    expect(tierFor(employees)).toBe(expected);
  });
});

describe('shipped tiers: HubSpot range values (DECISIONS 21)', () => {
  test.each`
    raw           | lower                                     | upper                                     | fallback
    ${'1-5'}      | ${'Small Business by range_inside 1'}     | ${'Small Business by range_inside 1'}     | ${'Small Business by range_inside 1'}
    ${'5-25'}     | ${'Small Business by range_inside 5'}     | ${'Small Business by range_inside 5'}     | ${'Small Business by range_inside 5'}
    ${'25-50'}    | ${'Small Business by lower_bound 25'}     | ${'Mid-Market by upper_bound 50'}         | ${'range_across_tiers'}
    ${'50-100'}   | ${'Mid-Market by range_inside 50'}        | ${'Mid-Market by range_inside 50'}        | ${'Mid-Market by range_inside 50'}
    ${'100-500'}  | ${'Mid-Market by range_inside 100'}       | ${'Mid-Market by range_inside 100'}       | ${'Mid-Market by range_inside 100'}
    ${'500-1000'} | ${'Mid-Market by lower_bound 500'}        | ${'Enterprise by upper_bound 1000'}       | ${'range_across_tiers'}
    ${'1000+'}    | ${'Enterprise by range_inside 1000'}      | ${'Enterprise by range_inside 1000'}      | ${'Enterprise by range_inside 1000'}
    ${'10,000+'}  | ${'Enterprise by range_inside 10000'}     | ${'Enterprise by range_inside 10000'}     | ${'Enterprise by range_inside 10000'}
    ${'40+'}      | ${'Small Business by lower_bound 40'}     | ${'Enterprise by upper_bound 501'}        | ${'range_across_tiers'}
    ${'junk'}     | ${'malformed'}                            | ${'malformed'}                            | ${'malformed'}
  `('"$raw": lower $lower, upper $upper, fallback $fallback', ({ raw, lower, upper, fallback }) => {
    expect(tierFor(raw, 'lower_bound')).toBe(lower);
    expect(tierFor(raw, 'upper_bound')).toBe(upper);
    expect(tierFor(raw, 'fallback')).toBe(fallback);
  });

  it('ships with the lower bound as the range rule', () => {
    expect(SHIPPED.companySize.rangeAcrossTiers).toBe('lower_bound');
  });
});

describe('tiers with gaps and extra criteria', () => {
  const config = RoutingConfigSchema.parse({
    tiers: [
      { id: 'emea_mm', label: 'EMEA Mid-Market', team: { name: 'EMEA' }, minEmployees: 50, maxEmployees: 500, when: { property: 'country', op: 'in', values: ['Germany', 'France'] } },
      { id: 'small', label: 'Small', team: { name: 'S' }, maxEmployees: 49 },
      { id: 'mid', label: 'Mid', team: { name: 'M' }, minEmployees: 50, maxEmployees: 500 },
      { id: 'big', label: 'Big', team: { name: 'B' }, minEmployees: 1000 },
    ],
    fallback: { team: { name: 'S' } },
  });
  const at = (raw: string, country: string | null) => {
    const c = evaluateTierConditions(config.tiers, { record: { country }, company: null, now: NOW });
    const count = parseEmployeeCount(raw);
    if (count.kind !== 'count' && count.kind !== 'range') throw new Error('bad fixture');
    const m = matchTier(count, c, 'lower_bound');
    return m.kind === 'tier' ? m.condition.tier.id : m.kind;
  };
  test.each`
    raw          | country      | expected
    ${'320'}     | ${'Germany'} | ${'emea_mm'}
    ${'320'}     | ${'Canada'}  | ${'mid'}
    ${'320'}     | ${null}      | ${'mid'}
    ${'700'}     | ${'Germany'} | ${'no_tier'}
    ${'50-100'}  | ${'France'}  | ${'emea_mm'}
    ${'500-1000'}| ${'Canada'}  | ${'mid'}
    ${'600-800'} | ${'Canada'}  | ${'no_tier'}
    ${'40-60'}   | ${'Germany'} | ${'small'}
  `('$raw employees in $country -> $expected', ({ raw, country, expected }) => {
    expect(at(raw, country)).toBe(expected);
  });
});
