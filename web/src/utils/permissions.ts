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

/**
 * The server's actions and the roles they admit: a copy of action_policies() in
 * src/auth/rules.cpp (permissions.test.ts reads that file and fails when they differ).
 */
const STAFF = ['bureau_admin', 'bureau_viewer', 'inspector', 'school_admin', 'school_doctor', 'head_teacher', 'teacher', 'gate_guard', 'canteen_manager'];
const ADMINS = ['bureau_admin', 'school_admin'];
const PEOPLE_READERS = ['bureau_admin', 'bureau_viewer', 'inspector', 'school_admin', 'school_doctor', 'head_teacher'];
const SCHOOL_REVIEW = ['school_admin', 'school_doctor', 'head_teacher'];
export const ACTION_ROLES: Record<string, readonly string[]> = {
  'org.read': STAFF,
  'org.write': ['bureau_admin'],
  'users.read': ADMINS,
  'users.write': ADMINS,
  'audit.read': ADMINS,
  'school.write': ADMINS,
  'calendar.write': ['bureau_admin'],
  'people.read': PEOPLE_READERS,
  'people.write': ['bureau_admin', 'school_admin', 'head_teacher'],
  'people.reveal_id': ['bureau_admin', 'school_admin', 'school_doctor'],
  'people.import': ['bureau_admin', 'school_admin', 'head_teacher'],
  'policy.read': STAFF,
  'policy.write': ['bureau_admin'],
  'daily.read': PEOPLE_READERS,
  'daily.check': SCHOOL_REVIEW,
  'daily.staff_check': ['school_admin', 'school_doctor', 'gate_guard', 'canteen_manager'],
  'daily.gate': ['gate_guard', 'school_admin', 'school_doctor'],
  'daily.visitor_approve': ['school_admin'],
  'daily.isolation': ['school_doctor', 'school_admin'],
  'daily.absence': ['school_doctor', 'school_admin', 'head_teacher'],
  'daily.submit': ['school_admin'],
  'daily.reopen': ['bureau_admin'],
  'daily.remind': ['bureau_admin'],
  'alerts.handle': ['bureau_admin', 'school_admin', 'school_doctor'],
  'webhooks.write': ADMINS,
  'reopen.read': PEOPLE_READERS,
  'reopen.review': SCHOOL_REVIEW,
  'reopen.plan': ['school_admin'],
  'reopen.apply': ['school_admin'],
  'reopen.approve': ['bureau_admin'],
  'risk.read': STAFF,
  'risk.write': ['bureau_admin'],
  'letters.read': STAFF,
  'letters.write': ADMINS,
  'return.mark': SCHOOL_REVIEW,
};

/** A grant as /api/auth/me lists it: a role held on one organisation node. */
export interface GrantLike {
  role: string;
  org_kind: string;
}

/**
 * Where a page works: 'any' on any node the grant covers (a head teacher's class too);
 * 'school' only on a whole school or above (the page reads /api/schools/{id}/… or the roll-up,
 * which a class grant does not cover, so the server answers 403 or 400).
 */
export type PageLevel = 'any' | 'school';

/** Whether some grant lets the user do `action` (server rule: role admitted, at the page's level). */
export function allows(grants: readonly GrantLike[], action: string, level: PageLevel = 'any'): boolean {
  if (action === 'authenticated') return true;
  const roles = ACTION_ROLES[action];
  if (!roles) return false;
  return grants.some((g) => roles.includes(g.role) && (level === 'any' || g.org_kind !== 'class'));
}

export type MenuGroup = 'today' | 'return' | 'manage';

export interface MenuItem {
  path: string;
  /** i18n key under menu.* and the data-testid menu-<key>. */
  key: string;
  icon: string;
  group: MenuGroup;
  /** The server action the page's first request needs ('authenticated' for any account). */
  action: string;
  level?: PageLevel;
  /** The page is about the signed-in person's own staff record (404 without one). */
  staff?: boolean;
  /** Shown on the home page as one of today's tasks. */
  task?: boolean;
}

/** Every menu entry, in menu order, grouped; each names what its page needs from the server. */
export const MENU_ITEMS: readonly MenuItem[] = [
  { path: '/', key: 'home', icon: 'IconHouse', group: 'today', action: 'authenticated' },
  { path: '/my-report', key: 'myReport', icon: 'IconEditPen', group: 'today', action: 'authenticated', staff: true, task: true },
  { path: '/checks', key: 'checks', icon: 'IconFinished', group: 'today', action: 'daily.check', task: true },
  { path: '/staff-checks', key: 'staffChecks', icon: 'IconUser', group: 'today', action: 'daily.staff_check', level: 'school', task: true },
  { path: '/gate', key: 'gate', icon: 'IconPostcard', group: 'today', action: 'daily.gate', level: 'school', task: true },
  { path: '/visitors', key: 'visitors', icon: 'IconTickets', group: 'today', action: 'daily.gate', level: 'school' },
  { path: '/isolation', key: 'isolation', icon: 'IconFirstAidKit', group: 'today', action: 'daily.isolation', level: 'school', task: true },
  { path: '/absences', key: 'absences', icon: 'IconCalendar', group: 'today', action: 'daily.absence', task: true },
  { path: '/alerts', key: 'alerts', icon: 'IconWarning', group: 'today', action: 'daily.read', task: true },
  { path: '/dashboard', key: 'dashboard', icon: 'IconDataLine', group: 'today', action: 'daily.read', level: 'school', task: true },
  { path: '/daily-report', key: 'dailyReport', icon: 'IconDocumentChecked', group: 'today', action: 'daily.read', level: 'school', task: true },
  { path: '/return-overview', key: 'returnOverview', icon: 'IconPieChart', group: 'return', action: 'reopen.read' },
  { path: '/reopening', key: 'reopening', icon: 'IconFlag', group: 'return', action: 'reopen.read', level: 'school' },
  { path: '/eligibility', key: 'eligibility', icon: 'IconList', group: 'return', action: 'reopen.read' },
  { path: '/documents', key: 'documents', icon: 'IconFolderChecked', group: 'return', action: 'reopen.review' },
  { path: '/return-plan', key: 'returnPlan', icon: 'IconTimer', group: 'return', action: 'reopen.read', level: 'school' },
  { path: '/not-returned', key: 'notReturned', icon: 'IconUserFilled', group: 'return', action: 'reopen.read', level: 'school' },
  { path: '/commitments', key: 'commitments', icon: 'IconEdit', group: 'return', action: 'reopen.read' },
  { path: '/my-declaration', key: 'myDeclaration', icon: 'IconMemo', group: 'return', action: 'authenticated', staff: true },
  { path: '/risk-areas', key: 'riskAreas', icon: 'IconLocation', group: 'return', action: 'risk.read' },
  { path: '/org', key: 'org', icon: 'IconOfficeBuilding', group: 'manage', action: 'org.read' },
  { path: '/people', key: 'people', icon: 'IconUserFilled', group: 'manage', action: 'people.read' },
  { path: '/import', key: 'import', icon: 'IconUpload', group: 'manage', action: 'people.import' },
  { path: '/users', key: 'users', icon: 'IconUser', group: 'manage', action: 'users.read' },
  { path: '/audit', key: 'audit', icon: 'IconDocument', group: 'manage', action: 'audit.read' },
  { path: '/policy', key: 'policy', icon: 'IconSetting', group: 'manage', action: 'policy.read' },
  { path: '/webhooks', key: 'webhooks', icon: 'IconConnection', group: 'manage', action: 'webhooks.write' },
  { path: '/tokens', key: 'tokens', icon: 'IconKey', group: 'manage', action: 'authenticated' },
];

/** The menu entries a user may open: the server would admit the page's action in scope. */
export function menuFor(grants: readonly GrantLike[], hasStaffRecord: boolean): MenuItem[] {
  return MENU_ITEMS.filter((i) => allows(grants, i.action, i.level) && (!i.staff || hasStaffRecord));
}

/** The menu entry a path belongs to (longest prefix), if any. */
export function menuItemOf(path: string): MenuItem | undefined {
  if (path === '/') return MENU_ITEMS[0];
  return MENU_ITEMS.filter((i) => i.path !== '/' && (path === i.path || path.startsWith(i.path + '/'))).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}
