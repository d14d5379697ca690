import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, errorFromResponse, networkError } from './errors';

export type ApiClient = Client<paths>;

export interface ApiHooks {
  /** CSRF token from the auth store; sent as X-CSRF-Token on unsafe methods. */
  getCsrfToken: () => string | null | undefined;
  /** Current UI locale, sent as Accept-Language so server messages come back localised. */
  getLocale: () => string;
  /** Called for every failed call before it is thrown (the app uses it for 401 and forced password change). */
  onError?: (error: ApiError, request: Request) => void;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function defaultBaseUrl(): string {
  // Absolute so Request() also works outside a browser (unit tests); same origin in the browser.
  if (typeof window !== 'undefined' && window.location && window.location.origin !== 'null') {
    return window.location.origin;
  }
  return 'http://localhost';
}

export function createApiClient(hooks: ApiHooks, options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? defaultBaseUrl(),
    credentials: 'include',
    // Resolve fetch at call time so tests (and polyfills) can replace globalThis.fetch.
    fetch: options.fetch ?? ((input: Request) => globalThis.fetch(input)),
  });
  const middleware: Middleware = {
    onRequest({ request }) {
      request.headers.set('Accept-Language', hooks.getLocale());
      if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
      if (UNSAFE_METHODS.has(request.method.toUpperCase())) {
        const token = hooks.getCsrfToken();
        if (token) request.headers.set('X-CSRF-Token', token);
      }
      return request;
    },
    async onResponse({ request, response }) {
      if (!response.ok) {
        const error = await errorFromResponse(response);
        hooks.onError?.(error, request);
        throw error;
      }
      return undefined;
    },
    onError({ request, error }) {
      if (error instanceof ApiError) return error;
      const wrapped = networkError(error);
      hooks.onError?.(wrapped, request);
      return wrapped;
    },
  };
  client.use(middleware);
  return client;
}

/**
 * openapi-fetch returns {data, error, response}; the middleware above already throws on failure,
 * so this only narrows the type (and guards against a middleware-less client).
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) {
    throw new ApiError(result.response.status, 'http_' + result.response.status, null, '');
  }
  return result.data as T;
}
