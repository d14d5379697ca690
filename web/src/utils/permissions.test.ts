import { describe, expect, it } from 'vitest';
import { can } from './permissions';

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
