import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import zhCN from '@/i18n/audit-policy.zh-CN';
import en from '@/i18n/audit-policy.en';
import { AUDIT_ACTIONS, AUDIT_DYNAMIC_PREFIXES, actionArea, actionGroups } from './auditActions';
import { chineseIn, messageParityProblems } from '@/i18n/testing';

const child = (node: unknown, k: string): unknown => (node && typeof node === 'object' ? Object.entries(node).find(([key]) => key === k)?.[1] : undefined);
const lookup = (tree: object, path: string): unknown => path.split('.').reduce<unknown>(child, tree);

function cppSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = `${dir}/${name}`;
    if (statSync(p).isDirectory()) return cppSources(p);
    return p.endsWith('.cpp') && !p.endsWith('_test.cpp') ? [p] : [];
  });
}

/**
 * The action codes of every audit row the server writes: the literals inside calls of audit(),
 * audit_write() and audit_school() (up to the end of the statement), literals assigned to a
 * variable named `action`, and "prefix." + value codes (reported by prefix).
 */
function serverActions(): { literals: Set<string>; prefixes: Set<string> } {
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of cppSources(`${process.cwd()}/../src`)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\b(?:auth::)?audit(?:_write|_school)?\(c,[^;]*;/g)) {
      const call = m[0];
      for (const l of call.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) literals.add(l[1]);
      for (const d of call.matchAll(/"([a-z_]+\.)"\s*\+/g)) prefixes.add(d[1]);
    }
    for (const a of src.matchAll(/\baction = "([a-z_]+\.[a-z_]+)"/g)) literals.add(a[1]);
  }
  return { literals, prefixes };
}

describe('audit action labels', () => {
  const server = serverActions();

  it('finds the codes the server writes', () => {
    expect(server.literals.size).toBeGreaterThan(60);
    expect(server.literals).toContain('policy.save');
    expect(server.literals).toContain('org.move');
    expect(server.prefixes).toContain('document.');
  });

  it('lists every code the server writes', () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    expect([...server.literals].filter((c) => !known.has(c)).sort()).toEqual([]);
    const dynamic = Object.keys(AUDIT_DYNAMIC_PREFIXES);
    expect([...server.prefixes].filter((p) => !dynamic.includes(p)).sort()).toEqual([]);
    for (const codes of Object.values(AUDIT_DYNAMIC_PREFIXES)) for (const c of codes) expect(known.has(c), c).toBe(true);
  });

  it('labels every code and every area in both languages', () => {
    for (const code of AUDIT_ACTIONS) {
      for (const [lang, tree] of [['zh-CN', zhCN], ['en', en]] as const) {
        expect(typeof lookup(tree, `auditActions.${code}`), `${lang} auditActions.${code}`).toBe('string');
        expect(typeof lookup(tree, `auditAreas.${actionArea(code)}`), `${lang} auditAreas.${actionArea(code)}`).toBe('string');
      }
      expect(/[\u4e00-\u9fff]/.test(lookup(en, `auditActions.${code}`) as string), code).toBe(false);
    }
  });

  it('groups codes by area', () => {
    const g = actionGroups();
    expect(g.find((x) => x.area === 'policy')?.codes).toEqual(['policy.save']);
    expect(g.flatMap((x) => x.codes).length).toBe(AUDIT_ACTIONS.length);
  });
});

describe('audit and policy-field messages', () => {
  it('have the same keys and placeholders in both languages, English without Chinese', () => {
    expect(messageParityProblems(zhCN, en)).toEqual([]);
    expect(chineseIn(en)).toEqual([]);
  });
});
