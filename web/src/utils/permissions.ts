/** Which screens a set of roles may use. The server enforces the same rules; this only hides menus. */
export type Capability = 'users' | 'audit' | 'orgEdit' | 'tokens';

export const CAPABILITY_ROLES: Record<Capability, readonly string[]> = {
  users: ['bureau_admin', 'school_admin'],
  audit: ['bureau_admin', 'school_admin'],
  orgEdit: ['bureau_admin'],
  tokens: [], // empty: every signed-in account
};

export function can(roles: readonly string[], cap: Capability): boolean {
  const allowed = CAPABILITY_ROLES[cap];
  if (allowed.length === 0) return true;
  return roles.some((r) => allowed.includes(r));
}
