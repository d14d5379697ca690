import { createI18n } from 'vue-i18n';
import zhCNBase from './zh-CN';
import enBase from './en';
// Each area of the daily loop keeps its texts in a file of its own, merged here.
import checksZh from './checks.zh-CN';
import checksEn from './checks.en';
import schoolOpsZh from './school-ops.zh-CN';
import schoolOpsEn from './school-ops.en';
import bureauZh from './bureau.zh-CN';
import bureauEn from './bureau.en';
import returnFamilyZh from './return-family.zh-CN';
import returnFamilyEn from './return-family.en';
import returnSchoolZh from './return-school.zh-CN';
import returnSchoolEn from './return-school.en';
import returnBureauZh from './return-bureau.zh-CN';
import returnBureauEn from './return-bureau.en';

const zhCN = {
  ...zhCNBase, ...checksZh, ...schoolOpsZh, ...bureauZh, ...returnFamilyZh, ...returnSchoolZh, ...returnBureauZh,
  menu: { ...zhCNBase.menu, ...checksZh.menu, ...schoolOpsZh.menu, ...bureauZh.menu, ...returnFamilyZh.menu, ...returnSchoolZh.menu, ...returnBureauZh.menu },
};
const en = {
  ...enBase, ...checksEn, ...schoolOpsEn, ...bureauEn, ...returnFamilyEn, ...returnSchoolEn, ...returnBureauEn,
  menu: { ...enBase.menu, ...checksEn.menu, ...schoolOpsEn.menu, ...bureauEn.menu, ...returnFamilyEn.menu, ...returnSchoolEn.menu, ...returnBureauEn.menu },
};

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'xiaoan.locale';

export const messages = { 'zh-CN': zhCN, en };

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
  messages,
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
