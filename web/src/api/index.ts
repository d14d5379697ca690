import { createApiClient, type ApiHooks } from './client';
import { getLocale } from '@/i18n/core';

/** Hooks the app fills in at start-up (auth store, router); defaults keep the client usable alone. */
export const apiHooks: ApiHooks = {
  getCsrfToken: () => null,
  getLocale: () => getLocale(),
  onError: undefined,
};

/** The app's single typed API client. */
export const api = createApiClient({
  getCsrfToken: () => apiHooks.getCsrfToken(),
  getLocale: () => apiHooks.getLocale(),
  onError: (e, r) => apiHooks.onError?.(e, r),
});

export { unwrap } from './client';
export { ApiError, isApiError } from './errors';
export type * from './types';
