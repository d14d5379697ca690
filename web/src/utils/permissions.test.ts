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
