import { i18n } from '@/i18n/core';
import { isApiError } from '@/api/errors';

/** A user-facing message for any thrown value; prefers the server's localised message. */
export function errorMessage(e: unknown): string {
  const t = i18n.global.t;
  if (isApiError(e)) {
    if (e.message) return e.message;
    switch (e.code) {
      case 'network':
        return t('errors.network');
      case 'bad_credentials':
        return t('errors.badCredentials');
      case 'locked':
        return t('errors.locked');
      case 'rate_limited':
        return t('errors.rateLimited');
      case 'forbidden':
      case 'csrf':
        return t('errors.forbidden');
      case 'unauthenticated':
        return t('errors.sessionExpired');
      case 'not_found':
        return t('errors.notFound');
      case 'conflict':
        return t('errors.conflict');
    }
    if (e.status >= 500) return t('errors.server', { status: e.status });
    return t('errors.generic', { code: e.code });
  }
  if (e instanceof Error && e.message) return e.message;
  return t('errors.generic', { code: String(e) });
}
