import { Alert, Button, ErrorState, Flex, Text } from '@hubspot/ui-extensions';
import type { WireError } from '../shared/contracts';
import { cleanMessage } from './text';

/** How a card shows one error: what to say, how loud, and whether a Retry button makes sense. */
export interface ErrorDescription {
  readonly title: string;
  /** The actionable sentence. */
  readonly message: string;
  /** The function's own message and other particulars, when they add something. */
  readonly details: readonly string[];
  readonly tone: 'danger' | 'warning';
  readonly image: 'error' | 'lock' | 'support';
  /** Retrying the same call may work (429, 5xx, 477, timeouts, conflicts). */
  readonly retry: boolean;
}

const waitText = (seconds: number | undefined): string => {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 'a few seconds';
  if (seconds <= 120) return `${Math.ceil(seconds)} s`;
  return `${Math.ceil(seconds / 60)} min`;
};

const BUSY_REASON = {
  RATE_LIMITED: 'the app reached its rate limit',
  HUBSPOT_UNAVAILABLE: 'HubSpot is temporarily unavailable',
  MIGRATION_IN_PROGRESS: "HubSpot is moving this account's data",
  TIMEOUT: 'HubSpot did not answer in time',
} as const;

const isBusy = (code: string): code is keyof typeof BUSY_REASON => code in BUSY_REASON;

const scopeList = (scopes: readonly string[] | undefined): string[] =>
  (scopes ?? []).map((s) => cleanMessage(s)).filter((s) => s.length > 0);

/**
 * Turns a function's `WireError` into what the card says. 401 and 403 are actionable and not retryable;
 * 429, 5xx, 477 and timeouts are "HubSpot is busy" with the wait HubSpot asked for and a Retry button; a write
 * the portal's property rules refused shows the function's own sentence (which rule, which value), without Retry.
 * Every string that came over the wire is cleaned (no stack trace, nothing token-like).
 */
export function describeError(error: WireError): ErrorDescription {
  const own = cleanMessage(error.message ?? '');
  const extra: string[] = [];
  if (error.code === 'INVALID_INPUT') extra.push(...(error.issues ?? []).slice(0, 5).map((i) => cleanMessage(i)));
  if (error.correlationId) extra.push(`Reference for support: ${cleanMessage(error.correlationId)}`);
  const withOwn = (message: string, ...more: string[]): string[] =>
    [own && own !== message ? own : '', ...more, ...extra].filter((d) => d.length > 0);

  const code: string = error.code;
  if (code === 'AUTH_REJECTED') {
    const message = "The app's access token was rejected: reinstall the app.";
    return {
      title: 'Access token rejected',
      message,
      details: withOwn(message, 'A HubSpot super admin reinstalls Lead Ops; retrying will not help until then.'),
      tone: 'danger',
      image: 'lock',
      retry: false,
    };
  }
  if (code === 'MISSING_SCOPES') {
    const scopes = scopeList(error.requiredScopes);
    const message =
      scopes.length === 0
        ? 'The app lacks a scope it needs: a HubSpot super admin must reinstall it with the scopes it asks for.'
        : `The app lacks scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ')}: a HubSpot super admin must reinstall the app so it is granted.`;
    return { title: 'Missing permission', message, details: withOwn(message), tone: 'danger', image: 'lock', retry: false };
  }
  if (isBusy(code)) {
    const message = `HubSpot is busy, try again in ${waitText(error.retryAfterSeconds)}.`;
    return {
      title: 'HubSpot is busy',
      message,
      details: withOwn(message, `Why: ${BUSY_REASON[code]}.`),
      tone: 'warning',
      image: 'support',
      retry: true,
    };
  }
  if (code === 'DAILY_LIMIT') {
    const message = "The app has used today's HubSpot API calls. The limit resets at midnight in the account's time zone: try again then.";
    return { title: 'Daily API limit reached', message, details: withOwn(message), tone: 'warning', image: 'support', retry: false };
  }
  if (code === 'CONFIG') {
    const message = 'Lead Ops is misconfigured: an admin must fix the configuration file and upload the project again.';
    return { title: 'Configuration problem', message, details: withOwn(message), tone: 'danger', image: 'error', retry: false };
  }
  if (code === 'INVALID_INPUT') {
    const message = "The function refused this card's request.";
    return {
      title: 'Request refused',
      message,
      details: withOwn(message, 'The card and the functions may be from different uploads: upload the project again.'),
      tone: 'danger',
      image: 'error',
      retry: false,
    };
  }
  if (code === 'NOT_FOUND') {
    const message = 'HubSpot has no such record any more (deleted or merged): reload the page.';
    return { title: 'Record not found', message, details: withOwn(message), tone: 'danger', image: 'error', retry: false };
  }
  if (code === 'VALIDATION_REFUSED') {
    // The function's sentence names the property, the rule and the value: it is the message itself.
    const message = own || "HubSpot refused the change: one of this account's property rules does not allow it.";
    return {
      title: 'Refused by a property rule',
      message,
      details: withOwn(message, "An admin of this HubSpot account set the rule. Retrying will not help: the record's value or the rule has to change first."),
      tone: 'warning',
      image: 'error',
      retry: false,
    };
  }
  if (code === 'CONFLICT') {
    const message = 'Someone changed this record at the same moment: try again.';
    return { title: 'Changed at the same time', message, details: withOwn(message), tone: 'warning', image: 'error', retry: true };
  }
  // INTERNAL and any code added after this card was built.
  const message = 'Lead Ops hit an unexpected problem. Try again; if it keeps failing, give your admin the reference below.';
  return {
    title: 'Something went wrong',
    message,
    details: withOwn(message),
    tone: 'danger',
    image: 'error',
    retry: error.retryable === true,
  };
}

export interface FunctionErrorProps {
  readonly error: WireError;
  /** What failed, e.g. "Could not score this lead". */
  readonly title?: string;
  /** Offered when the error is retryable. */
  readonly onRetry?: () => void;
  /** `state` fills the card (nothing else to show); `inline` is an Alert beside what did load. */
  readonly layout?: 'state' | 'inline';
  readonly testId?: string;
}

/** The one way every card shows a function's error. */
export function FunctionError({ error, title, onRetry, layout = 'state', testId = 'function-error' }: FunctionErrorProps) {
  const d = describeError(error);
  const retry =
    d.retry && onRetry ? (
      <Button testId={`${testId}-retry`} size="xs" variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    ) : null;
  const body = (
    <Flex direction="column" gap="xs">
      <Text testId={`${testId}-message`}>{d.message}</Text>
      {d.details.map((line, i) => (
        <Text key={i} variant="microcopy">
          {line}
        </Text>
      ))}
      {retry}
    </Flex>
  );
  if (layout === 'inline') {
    return (
      <Alert testId={testId} title={title ? `${title}: ${d.title}` : d.title} variant={d.tone}>
        {body}
      </Alert>
    );
  }
  return (
    <ErrorState testId={testId} title={title ? `${title}: ${d.title}` : d.title} type={d.image}>
      {body}
    </ErrorState>
  );
}
