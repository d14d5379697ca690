import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { allows, menuItemOf, type Capability } from '@/utils/permissions';
import { useAuthStore } from '@/stores/auth';
import { i18n } from '@/i18n';
import { decide } from './guard';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    cap?: Capability;
    titleKey?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true, titleKey: 'login.title' } },
  { path: '/classes/:id/passes', name: 'passes', component: () => import('@/pages/PassesPage.vue'), meta: { cap: 'peopleRead', titleKey: 'passes.title' } },
  { path: '/schools/:id/daily-reports/:day/print', name: 'daily-report-print', component: () => import('@/pages/DailyReportPrintPage.vue'), meta: { cap: 'dailyRead', titleKey: 'menu.dailyReport' } },
  { path: '/classes/:id/letters', name: 'letters', component: () => import('@/pages/FamilyLettersPage.vue'), meta: { cap: 'peopleWrite', titleKey: 'letters.title' } },
  { path: '/reopening/:id/notice', name: 'reopen-notice', component: () => import('@/pages/ReopenNoticePage.vue'), meta: { cap: 'reopenRead', titleKey: 'reopening.notice' } },
  { path: '/password', name: 'password', component: () => import('@/pages/PasswordPage.vue'), meta: { titleKey: 'password.title' } },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/HomePage.vue'), meta: { titleKey: 'menu.home' } },
      { path: 'org', name: 'org', component: () => import('@/pages/OrgPage.vue'), meta: { titleKey: 'menu.org' } },
      { path: 'users', name: 'users', component: () => import('@/pages/UsersPage.vue'), meta: { cap: 'users', titleKey: 'menu.users' } },
      { path: 'audit', name: 'audit', component: () => import('@/pages/AuditPage.vue'), meta: { cap: 'audit', titleKey: 'menu.audit' } },
      { path: 'schools/:id', name: 'school', component: () => import('@/pages/SchoolPage.vue'), meta: { cap: 'peopleRead', titleKey: 'school.title' } },
      { path: 'classes/:id', name: 'class', component: () => import('@/pages/ClassRosterPage.vue'), meta: { cap: 'peopleRead', titleKey: 'roster.title' } },
      { path: 'people', name: 'people', component: () => import('@/pages/PeoplePage.vue'), meta: { cap: 'peopleRead', titleKey: 'people.title' } },
      { path: 'people/:id', name: 'person', component: () => import('@/pages/PersonPage.vue'), meta: { cap: 'peopleRead', titleKey: 'person.title' } },
      { path: 'import', name: 'import', component: () => import('@/pages/ImportPage.vue'), meta: { cap: 'peopleWrite', titleKey: 'import.title' } },
      // The daily health loop.
      { path: 'my-report', name: 'my-report', component: () => import('@/pages/MyReportPage.vue'), meta: { cap: 'selfReport', titleKey: 'menu.myReport' } },
      { path: 'checks', name: 'checks', component: () => import('@/pages/ClassCheckPage.vue'), meta: { cap: 'dailyCheck', titleKey: 'menu.checks' } },
      { path: 'staff-checks', name: 'staff-checks', component: () => import('@/pages/StaffChecksPage.vue'), meta: { cap: 'staffCheck', titleKey: 'menu.staffChecks' } },
      { path: 'gate', name: 'gate', component: () => import('@/pages/GatePage.vue'), meta: { cap: 'gate', titleKey: 'menu.gate' } },
      { path: 'visitors', name: 'visitors', component: () => import('@/pages/VisitorsPage.vue'), meta: { cap: 'gate', titleKey: 'menu.visitors' } },
      { path: 'isolation', name: 'isolation', component: () => import('@/pages/IsolationPage.vue'), meta: { cap: 'isolation', titleKey: 'menu.isolation' } },
      { path: 'absences', name: 'absences', component: () => import('@/pages/AbsencesPage.vue'), meta: { cap: 'absence', titleKey: 'menu.absences' } },
      { path: 'daily-report', name: 'daily-report', component: () => import('@/pages/DailyReportPage.vue'), meta: { cap: 'dailyRead', titleKey: 'menu.dailyReport' } },
      { path: 'dashboard', name: 'dashboard', component: () => import('@/pages/DashboardPage.vue'), meta: { cap: 'dailyRead', titleKey: 'menu.dashboard' } },
      { path: 'alerts', name: 'alerts', component: () => import('@/pages/AlertsPage.vue'), meta: { cap: 'dailyRead', titleKey: 'menu.alerts' } },
      { path: 'notifications', name: 'notifications', component: () => import('@/pages/NotificationsPage.vue'), meta: { titleKey: 'menu.notifications' } },
      { path: 'my-declaration', name: 'my-declaration', component: () => import('@/pages/MyDeclarationPage.vue'), meta: { cap: 'selfReport', titleKey: 'menu.myDeclaration' } },
      { path: 'eligibility', name: 'eligibility', component: () => import('@/pages/EligibilityPage.vue'), meta: { cap: 'reopenRead', titleKey: 'menu.eligibility' } },
      { path: 'documents', name: 'documents', component: () => import('@/pages/DocumentReviewPage.vue'), meta: { cap: 'reopenReview', titleKey: 'menu.documents' } },
      { path: 'return-plan', name: 'return-plan', component: () => import('@/pages/ReturnPlanPage.vue'), meta: { cap: 'reopenRead', titleKey: 'menu.returnPlan' } },
      { path: 'not-returned', name: 'not-returned', component: () => import('@/pages/NotReturnedPage.vue'), meta: { cap: 'reopenRead', titleKey: 'menu.notReturned' } },
      { path: 'commitments', name: 'commitments', component: () => import('@/pages/CommitmentsPage.vue'), meta: { cap: 'reopenRead', titleKey: 'menu.commitments' } },
      { path: 'risk-areas', name: 'risk-areas', component: () => import('@/pages/RiskAreasPage.vue'), meta: { titleKey: 'menu.riskAreas' } },
      { path: 'reopening', name: 'reopening', component: () => import('@/pages/ReopeningPage.vue'), meta: { cap: 'reopenRead', titleKey: 'menu.reopening' } },
      { path: 'return-overview', name: 'return-overview', component: () => import('@/pages/ReturnOverviewPage.vue'), meta: { cap: 'reopenRead', titleKey: 'menu.returnOverview' } },
      { path: 'policy', name: 'policy', component: () => import('@/pages/PolicyPage.vue'), meta: { cap: 'policyRead', titleKey: 'menu.policy' } },
      { path: 'webhooks', name: 'webhooks', component: () => import('@/pages/WebhooksPage.vue'), meta: { cap: 'webhooks', titleKey: 'menu.webhooks' } },
      { path: 'tokens', name: 'tokens', component: () => import('@/pages/TokensPage.vue'), meta: { cap: 'tokens', titleKey: 'menu.tokens' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  // A new page opens at its top (the previous page's scroll position would show blank space);
  // back/forward restores where the user was; a query change on the same page stays put.
  scrollBehavior(to, from, saved) {
    if (saved) return saved;
    if (to.hash) return { el: to.hash };
    if (to.path !== from.path) return { top: 0 };
    return false;
  },
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  try {
    await auth.fetchMe();
  } catch {
    // Server unreachable: treat as signed out; the login page shows the network error on submit.
  }
  const decision = decide(to, {
    isAuthenticated: auth.isAuthenticated,
    mustChangePassword: auth.mustChangePassword,
    has: auth.has,
  });
  if (decision !== true || to.meta.public) return decision;
  // A menu page the server would refuse in this account's scope (a head teacher's class and a
  // school-wide page) goes home instead of to a 403.
  const item = menuItemOf(to.path);
  if (item && !allows(auth.grants, item.action, item.level)) return { path: '/' };
  return true;
});

router.afterEach((to) => {
  const t = i18n.global.t;
  const name = t('app.name');
  document.title = to.meta.titleKey ? `${t(to.meta.titleKey)} - ${name}` : name;
});
