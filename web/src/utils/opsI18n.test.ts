import { describe, expect, it } from 'vitest';
import zhBase from '@/i18n/zh-CN';
import zh from '@/i18n/school-ops.zh-CN';
import en from '@/i18n/school-ops.en';
import checksZh from '@/i18n/checks.zh-CN';
import bureauZh from '@/i18n/bureau.zh-CN';
import { i18n } from '@/i18n';
import { chineseIn, flattenMessages, messageParityProblems } from '@/i18n/testing';

describe('school-ops messages', () => {
  it('has the same keys and placeholders in both languages', () => {
    expect(messageParityProblems(zh, en)).toEqual([]);
  });
  it('is Chinese in zh-CN and not in en', () => {
    expect(chineseIn(en)).toEqual([]);
    expect(flattenMessages(zh).get('gate.arrivalUnset')).toBe('错峰时段：未设置');
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
