import type { ErrorCode, WireError } from '../../app/cards/shared/contracts';
import type { WorkflowError } from '../errors';

/** The wire code of each workflow error code: the client layer's words become the cards' vocabulary. */
const WIRE_CODE = {
  BAD_REQUEST: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  AUTH_REJECTED: 'AUTH_REJECTED',
  MISSING_SCOPES: 'MISSING_SCOPES',
  RATE_LIMITED: 'RATE_LIMITED',
  DAILY_LIMIT: 'DAILY_LIMIT',
  HUBSPOT_UNAVAILABLE: 'HUBSPOT_UNAVAILABLE',
  MIGRATION_IN_PROGRESS: 'MIGRATION_IN_PROGRESS',
  TIMEOUT: 'TIMEOUT',
  CONFLICT: 'CONFLICT',
  NOT_CONFIGURED: 'CONFIG',
  INVALID_INPUT: 'INVALID_INPUT',
  CONFIG: 'CONFIG',
  VALIDATION_RULE: 'VALIDATION_REFUSED',
} as const satisfies Record<WorkflowError['code'], ErrorCode>;

/**
 * The error as the cards read it: the same sentence and retry facts, in the wire vocabulary. Only the wire's fields
 * are copied: what the client layer keeps for itself (the rules of a refusal) stays out of the contract.
 */
export function toWireError(e: WorkflowError): WireError {
  return {
    code: WIRE_CODE[e.code],
    message: e.message,
    retryable: e.retryable,
    ...('retryAfterSeconds' in e && e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
    ...('requiredScopes' in e && e.requiredScopes !== undefined ? { requiredScopes: e.requiredScopes } : {}),
    ...('correlationId' in e && e.correlationId !== undefined ? { correlationId: e.correlationId } : {}),
    ...(e.issues !== undefined ? { issues: e.issues } : {}),
  };
}
