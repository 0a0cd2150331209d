import type { z } from 'zod';

/** One problem in the configuration file, phrased for the admin who edits it. */
export interface ConfigIssue {
  /** JSON path in the file, e.g. `routing.tiers[1].when.value`. */
  readonly path: string;
  readonly message: string;
  /** What to change, when we can say it. */
  readonly fix?: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into admin-facing issues. For a union (the criteria language) zod reports every branch; the
 * branch with the fewest problems is the one the admin most likely meant, so only its issues are shown.
 */
export function toConfigIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => toConfigIssues(branch, path));
      const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
      if (best.length > 0) {
        out.push(...best);
        continue;
      }
    }
    out.push(describe(issue, path));
  }
  return dedupe(out);
}

function describe(issue: Issue, path: readonly PropertyKey[]): ConfigIssue {
  const where = formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path: where,
        message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
        fix: 'remove it or check its spelling against lead-ops.config.schema.json',
      };
    case 'invalid_value':
      return {
        path: where,
        message: issue.message,
        fix: `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'invalid_type':
      return {
        path: where,
        message: issue.message,
        fix: `set it to a ${issue.expected}`,
      };
    case 'too_small':
    case 'too_big':
      return { path: where, message: issue.message };
    case 'custom': {
      // Cross-checks (superRefine) pass their fix as `params.fix`.
      const fix: unknown = issue.params?.fix;
      return typeof fix === 'string' ? { path: where, message: issue.message, fix } : { path: where, message: issue.message };
    }
    default:
      return { path: where, message: issue.message };
  }
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One line per issue: `routing.tiers[1].when.value: expected number, received string (fix: set it to a number)`. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}${i.fix ? ` (fix: ${i.fix})` : ''}`).join('\n');
}
