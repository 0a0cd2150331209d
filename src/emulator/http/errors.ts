/**
 * HubSpot's error envelope (reference §5): `{status:"error", message, correlationId, category, subCategory?,
 * errors?, context?, links?}`. Handlers throw `ApiError`; the pipeline fills in the correlation id. Wording that the
 * reference marks unverified is chosen here once and noted beside it.
 */
export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface ErrorBody {
  message: string;
  category?: string;
  subCategory?: string;
  errors?: ErrorDetail[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  /** Extra top-level fields (429 bodies use `errorType`, `policyName`, `groupName`, `requestId`). */
  extra?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** Serializes an error body in HubSpot's field order. Rate-limit bodies carry no `category`. */
export function errorJson(body: ErrorBody, correlationId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { status: 'error', message: body.message, correlationId };
  if (body.errors) out.errors = body.errors;
  if (body.context) out.context = body.context;
  if (body.links) out.links = body.links;
  if (body.category) out.category = body.category;
  if (body.subCategory) out.subCategory = body.subCategory;
  if (body.extra) Object.assign(out, body.extra);
  return out;
}

export const validationError = (message: string, errors?: ErrorDetail[], subCategory?: string): ApiError =>
  new ApiError(400, { message, category: 'VALIDATION_ERROR', ...(errors ? { errors } : {}), ...(subCategory ? { subCategory } : {}) });

/** hubspot-api-nodejs#669: "Object not found.  objectId are usually numeric." (two spaces), context.id. */
export const objectNotFound = (id: string): ApiError =>
  new ApiError(404, { message: 'Object not found.  objectId are usually numeric.', category: 'OBJECT_NOT_FOUND', context: { id: [id] } });

/** Not-found for non-record resources (owners, pipelines, properties); exact wording unverified. */
export const resourceNotFound = (message: string): ApiError => new ApiError(404, { message, category: 'OBJECT_NOT_FOUND' });

export const conflict = (message: string): ApiError => new ApiError(409, { message, category: 'CONFLICT' });

/** "Unable to infer object type from: foo" is HubSpot's answer to an unknown object type in a path. */
export const unknownObjectType = (segment: string): ApiError => validationError(`Unable to infer object type from: ${segment}`);

export const AUTH_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export const unauthorized = (): ApiError =>
  new ApiError(401, { message: AUTH_MESSAGE, category: 'INVALID_AUTHENTICATION' }, { 'x-hubspot-auth-failure': '401 Unauthorized' });

/** 403 naming the scopes, any one of which would do (docs: using-object-apis 2026-03). */
export const missingScopes = (anyOf: readonly string[]): ApiError =>
  new ApiError(403, {
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    category: 'MISSING_SCOPES',
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [...anyOf] } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });

/** One invalid property value, as HubSpot lists them in the embedded-JSON message and in `errors[]`. */
export interface PropertyProblem {
  name: string;
  code: string;
  message: string;
  /** More `errors[].context` keys besides `propertyName` (the broken rule of a portal validation rule). */
  context?: Record<string, string[]>;
}

/**
 * The 400 for invalid property values (docs: using-object-apis 2026-03): `message` embeds a JSON array of
 * per-property validation results; `errors[]` repeats them with `code` and `context.propertyName`.
 */
export function propertyValuesError(problems: readonly PropertyProblem[], portalId: number): ApiError {
  const embedded = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.code,
    name: p.name,
    localizedErrorMessage: p.message,
    portalId,
  }));
  return validationError(
    `Property values were not valid: ${JSON.stringify(embedded)}`,
    problems.map((p) => ({ message: p.message, code: p.code, context: { propertyName: [p.name], ...p.context } })),
  );
}

/** Builds a per-row error of a 207 batch response (spec `StandardError`). */
export function standardError(
  category: string,
  message: string,
  context: Record<string, string[]> = {},
  extra: { subCategory?: string; id?: string; errors?: ErrorDetail[] } = {},
): Record<string, unknown> {
  return {
    status: 'error',
    category,
    ...(extra.subCategory ? { subCategory: extra.subCategory } : {}),
    message,
    context,
    errors: extra.errors ?? [],
    links: {},
    ...(extra.id ? { id: extra.id } : {}),
  };
}
