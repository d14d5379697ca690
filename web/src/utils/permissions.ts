/** Which screens a set of roles may use. The server enforces the same rules; this only hides menus. */
export type Capability =
  | 'users'
  | 'audit'
  | 'orgEdit'
  | 'tokens'
  | 'peopleRead'
  | 'peopleWrite'
  | 'schoolWrite'
  | 'revealId'
  | 'dailyRead'
  | 'dailyCheck'
  | 'staffCheck'
  | 'gate'
  | 'visitorApprove'
  | 'isolation'
  | 'absence'
  | 'dailySubmit'
  | 'dailyReopen'
  | 'dailyRemind'
  | 'alertsHandle'
  | 'policyRead'
  | 'policyWrite'
  | 'webhooks'
  | 'selfReport'
  | 'reopenRead'
  | 'reopenReview'
  | 'reopenPlan'
  | 'reopenApply'
  | 'reopenApprove'
  | 'riskWrite'
  | 'lettersWrite'
  | 'returnMark';

export const CAPABILITY_ROLES: Record<Capability, readonly string[]> = {
  users: ['bureau_admin', 'school_admin'],
  audit: ['bureau_admin', 'school_admin'],
  orgEdit: ['bureau_admin'],
  tokens: [], // empty: every signed-in account
  peopleRead: ['bureau_admin', 'bureau_viewer', 'inspector', 'school_admin', 'school_doctor', 'head_teacher'],
  peopleWrite: ['bureau_admin', 'school_admin', 'head_teacher'],
  schoolWrite: ['bureau_admin', 'school_admin'],
  revealId: ['bureau_admin', 'school_admin', 'school_doctor'],
  // The daily health loop (same roles as the server's daily.* actions in src/auth/rules.cpp).
  dailyRead: ['bureau_admin', 'bureau_viewer', 'inspector', 'school_admin', 'school_doctor', 'head_teacher'],
  dailyCheck: ['school_admin', 'school_doctor', 'head_teacher'],
  staffCheck: ['school_admin', 'school_doctor', 'gate_guard', 'canteen_manager'],
  gate: ['gate_guard', 'school_admin', 'school_doctor'],
  visitorApprove: ['school_admin'],
  isolation: ['school_doctor', 'school_admin'],
  absence: ['school_doctor', 'school_admin', 'head_teacher'],
  dailySubmit: ['school_admin'],
  dailyReopen: ['bureau_admin'],
  dailyRemind: ['bureau_admin'],
  alertsHandle: ['bureau_admin', 'school_admin', 'school_doctor'],
  policyRead: [],
  policyWrite: ['bureau_admin'],
  webhooks: ['bureau_admin', 'school_admin'],
  selfReport: [],
  // Return to school (same roles as the server's reopen.*, risk.*, letters.*, return.* actions).
  reopenRead: ['bureau_admin', 'bureau_viewer', 'inspector', 'school_admin', 'school_doctor', 'head_teacher'],
  reopenReview: ['school_admin', 'school_doctor', 'head_teacher'],
  reopenPlan: ['school_admin'],
  reopenApply: ['school_admin'],
  reopenApprove: ['bureau_admin'],
  riskWrite: ['bureau_admin'],
  lettersWrite: ['bureau_admin', 'school_admin'],
  returnMark: ['school_admin', 'school_doctor', 'head_teacher'],
};

export function can(roles: readonly string[], cap: Capability): boolean {
  const allowed = CAPABILITY_ROLES[cap];
  if (allowed.length === 0) return true;
  return roles.some((r) => allowed.includes(r));
}
