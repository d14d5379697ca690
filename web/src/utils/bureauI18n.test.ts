import { describe, expect, it } from 'vitest';
import zh from '@/i18n/bureau.zh-CN';
import en from '@/i18n/bureau.en';
import policyZh from '@/i18n/audit-policy.zh-CN';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SYMPTOM_CODES, figureGroups } from './bureau';
import { chineseIn, flattenMessages, messageParityProblems } from '@/i18n/testing';

// The server's policy defaults document: every key and section it defines needs a label.
const defaults = JSON.parse(
  readFileSync(resolve(process.cwd(), '../src/policy/defaults.json'), 'utf8'),
) as Record<string, { section: string }>;

const zhFlat = flattenMessages(zh);
/** Policy keys and sections are named once, in audit-policy.*.ts (policyFields). */
const policyFlat = flattenMessages(policyZh);

describe('bureau messages', () => {
  it('have the same keys and placeholders in both languages, never empty', () => {
    expect(messageParityProblems(zh, en, /[@|$]/)).toEqual([]);
  });

  it('zh-CN is Chinese and en is not', () => {
    expect(chineseIn(en)).toEqual([]);
    expect(zhFlat.get('dashboard.remind')).toBe('一键提醒');
    expect(zhFlat.get('dailyPrint.title')).toBe('学校传染病防控日报告');
  });

  it('label every policy key, section, symptom, figure and alert rule', () => {
    for (const [k, spec] of Object.entries(defaults)) {
      expect(policyFlat.has(`policyFields.keys.${k}.label`), k).toBe(true);
      expect(policyFlat.has(`policyFields.sections.${spec.section}`), spec.section).toBe(true);
    }
    for (const c of SYMPTOM_CODES) expect(zhFlat.has(`bureau.symptoms.${c}`), c).toBe(true);
    for (const g of figureGroups(null)) {
      expect(zhFlat.has(`bureau.groups.${g.key}`), g.key).toBe(true);
      for (const r of g.rows) {
        const key = r.key.startsWith('symptoms.') ? `bureau.${r.key}` : `bureau.figures.${r.key}`;
        expect(zhFlat.has(key), key).toBe(true);
      }
    }
    for (const r of ['class_fever', 'class_symptom', 'school_symptom', 'class_sick_absence', 'school_sick_absence'])
      expect(zhFlat.has(`alertsPage.rules.${r}`), r).toBe(true);
    for (const s of ['none', 'draft', 'compiled', 'submitted', 'reopened']) expect(zhFlat.has(`bureau.reportStatus.${s}`), s).toBe(true);
    expect(policyFlat.get('policyFields.keys.fever_threshold.label')).toBe('发热阈值（腋温）');
  });
});
