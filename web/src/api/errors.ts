/** Error codes the server may return in {"error": {"code", "field", "message"}}. */
export const KNOWN_ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'bad_credentials',
  'locked',
  'forbidden',
  'csrf',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'password_change_required',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/** Default code for a status when the body is not the standard error envelope. */
const STATUS_CODES: Record<number, KnownErrorCode> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  423: 'locked',
  429: 'rate_limited',
};

/** Every failed API call throws one of these. status 0 means the request never got a response. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;

  constructor(status: number, code: string, field: string | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** True when the server did not send its own (localised) message. */
  get generic(): boolean {
    return this.message === '';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Maps an HTTP status and a (parsed or raw) body to an ApiError.
 * The standard body is {"error": {"code", "field", "message"}}; anything else (a proxy's HTML page,
 * an empty body) still yields a usable error with a code derived from the status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  const fallbackCode = STATUS_CODES[status] ?? (status >= 500 ? 'server' : 'http_' + status);
  if (isRecord(parsed) && isRecord(parsed.error)) {
    const e = parsed.error;
    const code = typeof e.code === 'string' && e.code !== '' ? e.code : fallbackCode;
    const field = typeof e.field === 'string' && e.field !== '' ? e.field : null;
    const message = typeof e.message === 'string' ? e.message : '';
    return new ApiError(status, code, field, message);
  }
  return new ApiError(status, fallbackCode, null, '');
}

/** Reads a failed Response into an ApiError without consuming the caller's body. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await response.clone().text();
  } catch {
    text = '';
  }
  return toApiError(response.status, text);
}

/** A request that failed before any HTTP response (offline, DNS, aborted). */
export function networkError(cause: unknown): ApiError {
  const err = new ApiError(0, 'network', null, '');
  (err as Error & { cause?: unknown }).cause = cause;
  return err;
}
