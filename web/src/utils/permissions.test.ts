import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, MENU_ITEMS, can, menuFor, menuItemOf, type GrantLike } from './permissions';

describe('can', () => {
  it('grants users and audit to bureau and school admins only', () => {
    expect(can(['bureau_admin'], 'users')).toBe(true);
    expect(can(['school_admin'], 'audit')).toBe(true);
    expect(can(['bureau_viewer', 'inspector', 'teacher'], 'users')).toBe(false);
    expect(can(['school_doctor'], 'audit')).toBe(false);
  });
  it('grants org editing to bureau admins only', () => {
    expect(can(['bureau_admin'], 'orgEdit')).toBe(true);
    expect(can(['school_admin'], 'orgEdit')).toBe(false);
  });
  it('any role counts when a user has several', () => {
    expect(can(['family', 'school_admin'], 'users')).toBe(true);
    expect(can([], 'users')).toBe(false);
  });
});

describe('people capabilities', () => {
  it('follow the server roles', () => {
    expect(can(['head_teacher'], 'peopleRead')).toBe(true);
    expect(can(['teacher'], 'peopleRead')).toBe(false);
    expect(can(['gate_guard', 'canteen_manager'], 'peopleRead')).toBe(false);
    expect(can(['head_teacher'], 'peopleWrite')).toBe(true);
    expect(can(['school_doctor'], 'peopleWrite')).toBe(false);
    expect(can(['school_doctor'], 'revealId')).toBe(true);
    expect(can(['head_teacher'], 'revealId')).toBe(false);
    expect(can(['school_admin'], 'schoolWrite')).toBe(true);
    expect(can(['bureau_viewer'], 'schoolWrite')).toBe(false);
  });
});

describe('the menu follows the server rules', () => {
  it('ACTION_ROLES is action_policies() of src/auth/rules.cpp', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(`${process.cwd()}/../src/auth/rules.cpp`, 'utf8');
    const snake = (k: string) => k.replace(/^k/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    const lists: Record<string, string[]> = {};
    for (const m of src.matchAll(/const std::vector<Role> (k\w+) = \{([^}]*)\}/g)) {
      lists[m[1]] = [...m[2].matchAll(/Role::(k\w+)/g)].map((r) => snake(r[1]));
    }
    const body = src.slice(src.indexOf('action_policies()'), src.indexOf('bool known_action'));
    const server: Record<string, string[]> = {};
    for (const m of body.matchAll(/\{"([a-z_.]+)",\s*(k\w+|\{[^}]*\})\}/g)) {
      server[m[1]] = m[2].startsWith('k') ? lists[m[2]] : [...m[2].matchAll(/Role::(k\w+)/g)].map((r) => snake(r[1]));
    }
    expect(Object.keys(server).length).toBeGreaterThan(30);
    const client = Object.fromEntries(Object.entries(ACTION_ROLES).map(([a, r]) => [a, [...r].sort()]));
    expect(client).toEqual(Object.fromEntries(Object.entries(server).map(([a, r]) => [a, [...r].sort()])));
  });

  const keys = (grants: GrantLike[], staff: boolean) => menuFor(grants, staff).map((i) => i.key);

  it('a class head teacher gets no school-wide page the server refuses', () => {
    const m = keys([{ role: 'head_teacher', org_kind: 'class' }], true);
    for (const k of ['returnPlan', 'notReturned', 'dashboard', 'dailyReport', 'users', 'audit', 'webhooks', 'gate'])
      expect(m).not.toContain(k);
    for (const k of ['home', 'checks', 'absences', 'eligibility', 'commitments', 'myReport', 'people', 'import']) expect(m).toContain(k);
    // The same role on a whole school may open the school pages.
    expect(keys([{ role: 'head_teacher', org_kind: 'school' }], true)).toContain('returnPlan');
  });

  it('accounts without a staff record get no self-report pages', () => {
    const m = keys([{ role: 'bureau_admin', org_kind: 'county' }], false);
    expect(m).not.toContain('myReport');
    expect(m).not.toContain('myDeclaration');
    expect(m).toContain('dashboard');
    expect(keys([{ role: 'gate_guard', org_kind: 'school' }], true)).toEqual(
      expect.arrayContaining(['myReport', 'gate', 'staffChecks', 'myDeclaration']),
    );
  });

  it('every menu entry names a known action and a unique key', () => {
    for (const i of MENU_ITEMS) expect(i.action === 'authenticated' || i.action in ACTION_ROLES, i.key).toBe(true);
    expect(new Set(MENU_ITEMS.map((i) => i.key)).size).toBe(MENU_ITEMS.length);
    expect(menuItemOf('/people/12')?.key).toBe('people');
    expect(menuItemOf('/')?.key).toBe('home');
    expect(menuItemOf('/schools/5')).toBeUndefined();
  });
});
