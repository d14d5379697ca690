import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import en from './en';
import { i18n, kindLabel, roleLabel, setLocale, getLocale, LOCALE_STORAGE_KEY } from './index';
import { KIND_ORDER } from '@/utils/orgTree';
import { CAPABILITY_ROLES } from '@/utils/permissions';
import { flattenMessages, messageParityProblems } from './testing';

const zh = flattenMessages(zhCN);
const enFlat = flattenMessages(en);

describe('i18n messages', () => {
  it('zh-CN and en have the same keys and {placeholders}, no empty message and no vue-i18n special character', () => {
    expect(messageParityProblems(zhCN, en)).toEqual([]);
    expect(zh.size).toBeGreaterThan(100);
  });

  it('zh-CN really is Chinese and en is not', () => {
    expect(zh.get('menu.users')).toBe('账号管理');
    expect(zh.get('errors.badCredentials')).toBe('用户名或密码错误');
    expect(/[\u4e00-\u9fff]/.test(enFlat.get('menu.users')!)).toBe(false);
  });

  it('labels every role of the contract and every org kind', () => {
    const roles = ['bureau_admin', 'bureau_viewer', 'inspector', 'school_admin', 'school_doctor', 'head_teacher', 'teacher', 'gate_guard', 'canteen_manager', 'family'];
    for (const r of [...roles, ...Object.values(CAPABILITY_ROLES).flat()]) expect(zh.has(`roles.${r}`), r).toBe(true);
    for (const k of KIND_ORDER) expect(zh.has(`kinds.${k}`), k).toBe(true);
  });

  it('switches locale, persists it and labels fall back to the code for unknown values', () => {
    setLocale('zh-CN');
    expect(roleLabel('bureau_admin')).toBe('教育局管理员');
    expect(kindLabel('county')).toBe('区县');
    setLocale('en');
    expect(getLocale()).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.global.t('menu.users')).toBe('Accounts');
    expect(roleLabel('bureau_admin')).toBe('Bureau administrator');
    expect(roleLabel('space_cadet')).toBe('space_cadet');
    expect(kindLabel('galaxy')).toBe('galaxy');
    setLocale('zh-CN');
  });
});
