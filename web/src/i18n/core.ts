// The i18n instance and the locale helpers, without any messages: each entry installs the
// messages it needs (index.ts: the whole staff app; family/messages: the light family pages), so
// code shared by both (labels, error messages, the API client) does not pull the staff texts
// into the family pages.
import { createI18n } from 'vue-i18n';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'xiaoan.locale';

type Tree = { [key: string]: unknown };

/** One locale's messages from its area files; the `menu` groups of all areas are merged too. */
export function mergeMessages(...parts: Tree[]): Tree {
  const out: Tree = {};
  const menu: Tree = {};
  for (const p of parts) {
    Object.assign(out, p);
    if (p.menu) Object.assign(menu, p.menu);
  }
  if (Object.keys(menu).length) out.menu = menu;
  return out;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

function storedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(v)) return v;
  } catch {
    /* storage unavailable */
  }
  return DEFAULT_LOCALE;
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: {},
});

export function getLocale(): Locale {
  const v = i18n.global.locale.value;
  return isLocale(v) ? v : DEFAULT_LOCALE;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    /* storage unavailable */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Label for a role; unknown roles (added by the server later) show their code. */
export function roleLabel(role: string): string {
  const key = `roles.${role}`;
  return i18n.global.te(key) ? i18n.global.t(key) : role;
}

/** Label for an org node kind; unknown kinds show their code. */
export function kindLabel(kind: string): string {
  const key = `kinds.${kind}`;
  return i18n.global.te(key) ? i18n.global.t(key) : kind;
}
