/** Which screens a set of roles may use. The server enforces the same rules; this only hides menus. */
export type Capability = 'users' | 'audit' | 'orgEdit' | 'tokens' | 'peopleRead' | 'peopleWrite' | 'schoolWrite' | 'revealId';

export const CAPABILITY_ROLES: Record<Capability, readonly string[]> = {
  users: ['bureau_admin', 'school_admin'],
  audit: ['bureau_admin', 'school_admin'],
  orgEdit: ['bureau_admin'],
  tokens: [], // empty: every signed-in account
  peopleRead: ['bureau_admin', 'bureau_viewer', 'inspector', 'school_admin', 'school_doctor', 'head_teacher'],
  peopleWrite: ['bureau_admin', 'school_admin', 'head_teacher'],
  schoolWrite: ['bureau_admin', 'school_admin'],
  revealId: ['bureau_admin', 'school_admin', 'school_doctor'],
};

export function can(roles: readonly string[], cap: Capability): boolean {
  const allowed = CAPABILITY_ROLES[cap];
  if (allowed.length === 0) return true;
  return roles.some((r) => allowed.includes(r));
}
