// The family pages' own router: the family home (/f, /f/<link secret>), the return declaration
// and the letters of one child. Any other path goes to the family home.
import { createRouter, createWebHistory } from 'vue-router';
import { i18n } from '@/i18n/core';
// The page a family link opens comes with the entry (one round trip less on a slow network); the
// return pages load when opened.
import FamilyPage from '@/pages/FamilyPage.vue';

export const familyRouter = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/f/:token?', name: 'family', component: FamilyPage, meta: { titleKey: 'family.title' } },
    { path: '/family/children/:id/declaration', name: 'family-declaration', component: () => import('@/pages/FamilyDeclarationPage.vue'), meta: { titleKey: 'declaration.title' } },
    { path: '/family/children/:id/letters', name: 'family-letters-sign', component: () => import('@/pages/FamilyLetterSignPage.vue'), meta: { titleKey: 'commitment.title' } },
    { path: '/:rest(.*)*', redirect: '/f' },
  ],
  scrollBehavior(to, from, saved) {
    if (saved) return saved;
    if (to.path !== from.path) return { top: 0 };
    return false;
  },
});

familyRouter.afterEach((to) => {
  const t = i18n.global.t;
  const key = to.meta.titleKey as string | undefined;
  document.title = key ? `${t(key)} - ${t('app.name')}` : t('app.name');
});
