import type { CrmError } from '../hubspot';

/**
 * What a workflow can fail with: HubSpot's answer, as the client layer classified it, or a problem of the workflow's
 * own (input it cannot act on, a configuration that does not fit the portal). Entry points turn it into their own
 * answer: the functions into the wire error (`views/wire-error.ts`), the CLI into a line.
 */
export type WorkflowError =
  | CrmError
  | {
      readonly code: 'INVALID_INPUT' | 'CONFIG';
      readonly message: string;
      readonly retryable: false;
      readonly issues?: readonly string[];
    };

export const invalidInput = (message: string): WorkflowError => ({ code: 'INVALID_INPUT', message, retryable: false });
export const configError = (message: string): WorkflowError => ({ code: 'CONFIG', message, retryable: false });

/** Errors that stop a whole run: a bad token, a missing scope, the daily allowance spent, a broken configuration. */
export const isFatal = (e: WorkflowError): boolean =>
  e.code === 'AUTH_REJECTED' || e.code === 'MISSING_SCOPES' || e.code === 'DAILY_LIMIT' || e.code === 'CONFIG' || e.code === 'NOT_CONFIGURED';
