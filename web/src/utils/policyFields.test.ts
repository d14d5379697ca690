import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import zhCN from '@/i18n/audit-policy.zh-CN';
import en from '@/i18n/audit-policy.en';
import { POLICY_FIELDS, POLICY_FIELD_SECTIONS, checkPolicyValue, editorOf, normaliseBatch } from './policyFields';

type Tree = { [k: string]: string | Tree };
const lookup = (tree: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Tree)[k] : undefined), tree);

// The server's defaults document, embedded into the binary at build time (src/policy/defaults.json).
const defaults = JSON.parse(readFileSync(`${process.cwd()}/../src/policy/defaults.json`, 'utf8')) as Record<
  string,
  { type: string; section: string; min?: number; max?: number; value: unknown }
>;

describe('policy fields follow the server defaults', () => {
  const keys = Object.keys(defaults);

  it('reads the server key list', () => {
    expect(keys.length).toBeGreaterThanOrEqual(42);
    expect(keys).toContain('return_health_code');
  });

  it('describes every server key, in its section, with an editor fitting its type', () => {
    expect(keys.filter((k) => !POLICY_FIELDS[k]).sort()).toEqual([]);
    for (const k of keys) {
      const f = POLICY_FIELDS[k];
      expect(f.section, k).toBe(defaults[k].section);
      const t = defaults[k].type;
      const fits =
        (t === 'bool' && f.editor === 'switch') ||
        ((t === 'int' || t === 'number') && f.editor === 'number') ||
        (t === 'time' && f.editor === 'time') ||
        (t === 'string' && ['choices', 'batches', 'text'].includes(f.editor));
      expect(fits, `${k}: ${t} → ${f.editor}`).toBe(true);
      // The default passes the client's own check.
      expect(checkPolicyValue(k, defaults[k], defaults[k].value as never), k).toBeNull();
    }
  });

  it('labels and explains every key and section in both languages', () => {
    for (const [lang, tree] of [['zh-CN', zhCN], ['en', en]] as const) {
      for (const k of keys) {
        expect(typeof lookup(tree, `policyFields.keys.${k}.label`), `${lang} ${k} label`).toBe('string');
        expect(typeof lookup(tree, `policyFields.keys.${k}.hint`), `${lang} ${k} hint`).toBe('string');
        const unit = POLICY_FIELDS[k]?.unit;
        if (unit) expect(typeof lookup(tree, `policyFields.units.${unit}`), `${lang} unit ${unit}`).toBe('string');
        for (const o of POLICY_FIELDS[k]?.options ?? [])
          expect(typeof lookup(tree, `policyFields.options.${o}`), `${lang} option ${o}`).toBe('string');
      }
      for (const s of new Set(keys.map((k) => defaults[k].section)))
        expect(typeof lookup(tree, `policyFields.sections.${s}`), `${lang} section ${s}`).toBe('string');
    }
    for (const k of keys) expect(/[\u4e00-\u9fff]/.test(lookup(en, `policyFields.keys.${k}.label`) as string), k).toBe(false);
    for (const s of POLICY_FIELD_SECTIONS) expect(lookup(zhCN, `policyFields.sections.${s}`), s).toBeTruthy();
  });
});

describe('policy value checks', () => {
  const spec = (type: string, min?: number, max?: number) => ({ type, min, max });
  it('checks types, bounds, lists and batches', () => {
    expect(checkPolicyValue('fever_threshold', spec('number', 36.5, 38.5), 39)).toEqual({ kind: 'range', min: 36.5, max: 38.5 });
    expect(checkPolicyValue('dropout_days', spec('int', 1, 30), 2.5)).toEqual({ kind: 'integer' });
    expect(checkPolicyValue('return_health_code', spec('bool'), false)).toBeNull();
    expect(checkPolicyValue('return_health_code', spec('bool'), 1)).toEqual({ kind: 'type', type: 'bool' });
    expect(checkPolicyValue('compile_at', spec('time'), '25:00')).toEqual({ kind: 'time' });
    expect(checkPolicyValue('reopen_chain', spec('string'), 'county,moon')).toEqual({ kind: 'option', value: 'moon' });
    expect(checkPolicyValue('return_risk_levels', spec('string'), 'high')).toBeNull();
    expect(checkPolicyValue('return_batch_order', spec('string'), '12,9;x')).toEqual({ kind: 'batch', value: 'x' });
    expect(checkPolicyValue('fever_threshold', spec('number', 36.5, 38.5), null)).toBeNull();
  });
  it('normalises typed batches and picks editors for unknown keys', () => {
    expect(normaliseBatch('12， 9')).toBe('12,9');
    expect(normaliseBatch('13')).toBeNull();
    expect(editorOf('some_new_switch', 'bool')).toBe('switch');
    expect(editorOf('some_new_number', 'int')).toBe('number');
  });
});
