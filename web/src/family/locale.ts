// Locale switching for the family entry: the zh-CN texts ship with the page, others are fetched
// the first time they are picked.
import { i18n, setLocale, type Locale } from '@/i18n/core';
import zhCN from './messages';

i18n.global.setLocaleMessage('zh-CN', zhCN);

const loaders: Record<Exclude<Locale, 'zh-CN'>, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('./messages.en'),
};

export async function switchLocale(locale: Locale): Promise<void> {
  if (locale !== 'zh-CN' && !Object.keys(i18n.global.getLocaleMessage(locale)).length) {
    const mod = await loaders[locale]();
    i18n.global.setLocaleMessage(locale, mod.default);
  }
  setLocale(locale);
}
