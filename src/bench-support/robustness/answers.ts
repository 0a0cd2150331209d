/**
 * What a clean refusal of bad input looks like (issue 8): the function resolves (never throws) with
 * `{ ok: false, error: { code: 'INVALID_INPUT', message, retryable: false, issues? } }`, short enough to show and
 * to log, plain JSON, and it writes exactly one structured log line that records no HubSpot call.
 */
import type { FunctionMain } from '../../functions/runtime/define-function';
import { main as assignOwner } from '../../functions/assign-owner';
import { main as recordStatus } from '../../functions/record-status';
import { main as requestSync } from '../../functions/request-sync';
import { main as scoreLead } from '../../functions/score-lead';
import type { FunctionUid } from './malformed-parameters';

export const FUNCTIONS: Readonly<Record<FunctionUid, FunctionMain<object>>> = {
  score_lead: scoreLead,
  assign_owner: assignOwner,
  record_status: recordStatus,
  request_sync: requestSync,
};

/** A message a card shows and a log keeps: a 64 KB input must not come back whole. */
export const MAX_MESSAGE_LENGTH = 2_000;
export const MAX_LOG_LINE_LENGTH = 2_000;
const ERROR_KEYS = new Set(['code', 'message', 'retryable', 'issues']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `answer` (and the call's log lines) is not a clean INVALID_INPUT refusal; empty when it is. */
export function invalidInputProblems(uid: FunctionUid, answer: unknown, logLines: readonly string[]): string[] {
  const problems: string[] = [];
  if (!isRecord(answer)) return [`answered ${typeof answer}, not an envelope`];
  const keys = Object.keys(answer).sort().join(',');
  if (keys !== 'error,ok') problems.push(`envelope keys ${keys}`);
  if (answer.ok !== false) problems.push('ok is not false');
  const error = answer.error;
  if (!isRecord(error)) return [...problems, 'no error object'];
  if (error.code !== 'INVALID_INPUT') problems.push(`code ${String(error.code)}`);
  if (error.retryable !== false) problems.push('retryable is not false');
  for (const k of Object.keys(error)) if (!ERROR_KEYS.has(k)) problems.push(`unexpected error key ${k}`);
  if (typeof error.message !== 'string' || error.message.length === 0) problems.push('no message');
  else if (error.message.length > MAX_MESSAGE_LENGTH) problems.push(`message of ${error.message.length} characters`);
  if (error.issues !== undefined) {
    if (!Array.isArray(error.issues) || !error.issues.every((i) => typeof i === 'string')) problems.push('issues are not strings');
    else if (error.issues.join('\n').length > MAX_MESSAGE_LENGTH) problems.push(`issues of ${error.issues.join('\n').length} characters`);
  }
  try {
    if (JSON.stringify(JSON.parse(JSON.stringify(answer))) !== JSON.stringify(answer)) problems.push('not plain JSON');
  } catch {
    problems.push('not serializable');
  }
  if (logLines.length !== 1) problems.push(`${logLines.length} log lines`);
  for (const line of logLines) {
    if (line.length > MAX_LOG_LINE_LENGTH) problems.push(`log line of ${line.length} characters`);
    try {
      const parsed = JSON.parse(line) as { fn?: string; code?: string; api?: { calls?: number } };
      if (parsed.fn !== uid || parsed.code !== 'INVALID_INPUT' || parsed.api?.calls !== 0) problems.push(`log line ${line.slice(0, 200)}`);
    } catch {
      problems.push('log line is not JSON');
    }
  }
  return problems;
}

/** Own keys `Object.prototype` has now, to compare before and after (prototype pollution). */
export const prototypeKeys = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Calls a function with a raw context (parameters included) and captures its log lines; never throws itself. */
export async function callWithContext(
  uid: FunctionUid,
  context: unknown,
  env: NodeJS.ProcessEnv,
): Promise<{ answer: unknown; thrown: unknown; logs: string[] }> {
  const logs: string[] = [];
  try {
    const answer = await FUNCTIONS[uid].withOverrides({ env, log: (l) => logs.push(l) })(context);
    return { answer, thrown: undefined, logs };
  } catch (e) {
    return { answer: undefined, thrown: e ?? new Error('threw a falsy value'), logs };
  }
}
