import type { Capability } from '@/utils/permissions';

export interface GuardState {
  isAuthenticated: boolean;
  mustChangePassword: boolean;
  has: (cap: Capability) => boolean;
}

export interface GuardTarget {
  path: string;
  fullPath: string;
  query?: Record<string, unknown>;
  meta?: { public?: boolean; cap?: Capability };
}

export type GuardResult = true | { path: string; query?: Record<string, string> };

export const LOGIN_PATH = '/login';
export const PASSWORD_PATH = '/password';
export const HOME_PATH = '/';

/** Only same-app absolute paths may be redirect targets (no //host, no scheme, no loops to /login). */
export function safeRedirect(raw: unknown): string | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return null;
  if (v === LOGIN_PATH || v.startsWith(LOGIN_PATH + '?') || v.startsWith(LOGIN_PATH + '/')) return null;
  return v;
}

function withRedirect(path: string, target: string | null): GuardResult {
  return target && target !== HOME_PATH ? { path, query: { redirect: target } } : { path };
}

/**
 * Navigation decision, kept free of router and store so it can be unit-tested:
 * signed out → /login?redirect=…; must change password → /password; missing capability → home.
 */
export function decide(to: GuardTarget, s: GuardState): GuardResult {
  if (to.meta?.public) {
    if (!s.isAuthenticated) return true;
    const next = safeRedirect(to.query?.redirect);
    if (s.mustChangePassword) return withRedirect(PASSWORD_PATH, next);
    return { path: next ?? HOME_PATH };
  }
  if (!s.isAuthenticated) return withRedirect(LOGIN_PATH, safeRedirect(to.fullPath));
  if (s.mustChangePassword && to.path !== PASSWORD_PATH) {
    return withRedirect(PASSWORD_PATH, safeRedirect(to.fullPath));
  }
  if (to.meta?.cap && !s.has(to.meta.cap)) return { path: HOME_PATH };
  return true;
}
