import { describe, expect, it } from 'vitest';
import zhBase from '@/i18n/zh-CN';
import zh from '@/i18n/school-ops.zh-CN';
import en from '@/i18n/school-ops.en';
import checksZh from '@/i18n/checks.zh-CN';
import bureauZh from '@/i18n/bureau.zh-CN';
import { i18n } from '@/i18n';

type Tree = { [k: string]: string | Tree };
function flatten(obj: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('school-ops messages', () => {
  const z = flatten(zh as Tree);
  const e = flatten(en as Tree);
  it('has the same keys and placeholders in both languages', () => {
    expect([...z.keys()].filter((k) => !e.has(k))).toEqual([]);
    expect([...e.keys()].filter((k) => !z.has(k))).toEqual([]);
    for (const [k, v] of z) {
      expect(v.trim(), k).not.toBe('');
      expect(placeholders(e.get(k)!), k).toEqual(placeholders(v));
      expect(/[@|]/.test(v) || /[@|]/.test(e.get(k)!), k).toBe(false);
    }
  });
  it('is Chinese in zh-CN and not in en', () => {
    for (const [k, v] of e) expect(/[\u4e00-\u9fff]/.test(v), `${k}: ${v}`).toBe(false);
    expect(z.get('gate.arrivalUnset')).toBe('错峰时段：未设置');
  });
  it('does not override the base messages nor another area', () => {
    const base = new Set([...Object.keys(zhBase), ...Object.keys(checksZh), ...Object.keys(bureauZh)].filter((k) => k !== 'menu'));
    const mine = Object.keys(zh).filter((k) => k !== 'menu');
    expect(mine.filter((k) => base.has(k))).toEqual([]);
  });
  it('is merged into the app messages', () => {
    expect(i18n.global.t('ops.result.released')).toBe('放行');
    expect(i18n.global.t('isolation.step.sent_to_clinic')).toBe('送发热门诊');
  });
});
