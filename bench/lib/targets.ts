/**
 * Targets the benchmark enforces (issue 8, DECISIONS 2, 25, 26). Each check has a stable id, so results.json
 * compares across commits; `npm run bench` exits 1 when one fails and prints which.
 */

export interface TargetCheck {
  /** Stable id, e.g. `score_lead.write.writes`. */
  readonly id: string;
  /** What is measured and the limit, in words: "writes ≤ 1". */
  readonly description: string;
  readonly measured: number | string | boolean;
  /** The limit as written: "≤ 1", "≥ 0.85", "= 1". */
  readonly limit: string;
  readonly pass: boolean;
  /** Where the limit comes from ("DECISIONS 2", "issue 8"). */
  readonly source: string;
}

/**
 * Engine throughput on one core, with every reason and explanation built: ten times what HubSpot's limits let any
 * run consume (about 1,000 contacts a second), so an engine is never what a user waits for (docs/decisions.md).
 */
export const ENGINE_TARGETS = { scoringPerSecond: 10_000, routingPerSecond: 10_000 } as const;

export class Targets {
  readonly checks: TargetCheck[] = [];

  atMost(id: string, description: string, measured: number, max: number, source: string): void {
    this.checks.push({ id, description, measured, limit: `≤ ${max}`, pass: Number.isFinite(measured) && measured <= max, source });
  }

  atLeast(id: string, description: string, measured: number, min: number, source: string): void {
    this.checks.push({ id, description, measured, limit: `≥ ${min}`, pass: Number.isFinite(measured) && measured >= min, source });
  }

  below(id: string, description: string, measured: number, max: number, source: string): void {
    this.checks.push({ id, description, measured, limit: `< ${max}`, pass: Number.isFinite(measured) && measured < max, source });
  }

  equal(id: string, description: string, measured: number | string | boolean, expected: number | string | boolean, source: string): void {
    this.checks.push({ id, description, measured, limit: `= ${String(expected)}`, pass: measured === expected, source });
  }

  get failed(): TargetCheck[] {
    return this.checks.filter((c) => !c.pass);
  }
}
