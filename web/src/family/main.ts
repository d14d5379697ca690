// The family pages' entry (family.html): what a parent's phone loads from a family link. No staff
// UI library, no charts, no staff texts — Vue, the router, vue-i18n with one language, and the
// Vant components the pages import themselves (docs/decisions/0012-family-entry.md).
import { createApp } from 'vue';
import '@/styles/tokens.css';
import '@/styles/vant-overrides.css';
import { i18n, getLocale } from '@/i18n/core';
import { switchLocale } from './locale';
import { familyRouter } from './router';
import FamilyApp from './FamilyApp.vue';

const app = createApp(FamilyApp);
app.use(i18n);
app.use(familyRouter);
// A family that picked English before gets it before the first screen.
void switchLocale(getLocale()).finally(() => app.mount('#app'));
