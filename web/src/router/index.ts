import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Capability } from '@/utils/permissions';
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
  { path: '/password', name: 'password', component: () => import('@/pages/PasswordPage.vue'), meta: { titleKey: 'password.title' } },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/HomePage.vue'), meta: { titleKey: 'menu.home' } },
      { path: 'org', name: 'org', component: () => import('@/pages/OrgPage.vue'), meta: { titleKey: 'menu.org' } },
      { path: 'users', name: 'users', component: () => import('@/pages/UsersPage.vue'), meta: { cap: 'users', titleKey: 'menu.users' } },
      { path: 'audit', name: 'audit', component: () => import('@/pages/AuditPage.vue'), meta: { cap: 'audit', titleKey: 'menu.audit' } },
      { path: 'tokens', name: 'tokens', component: () => import('@/pages/TokensPage.vue'), meta: { cap: 'tokens', titleKey: 'menu.tokens' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  try {
    await auth.fetchMe();
  } catch {
    // Server unreachable: treat as signed out; the login page shows the network error on submit.
  }
  return decide(to, {
    isAuthenticated: auth.isAuthenticated,
    mustChangePassword: auth.mustChangePassword,
    has: auth.has,
  });
});

router.afterEach((to) => {
  const t = i18n.global.t;
  const name = t('app.name');
  document.title = to.meta.titleKey ? `${t(to.meta.titleKey)} - ${name}` : name;
});
