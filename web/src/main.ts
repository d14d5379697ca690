import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import * as Icons from '@element-plus/icons-vue';
import App from './App.vue';
import { i18n, getLocale } from './i18n';
import { router } from './router';
import { apiHooks } from './api';
import { useAuthStore } from './stores/auth';
import { useOrgStore } from './stores/org';
import './styles/tokens.css';
import './styles/element-overrides.css';
import './styles/vant-overrides.css';
import './styles/cards.css';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
app.use(ElementPlus);
for (const [name, comp] of Object.entries(Icons)) app.component(`Icon${name}`, comp);

const auth = useAuthStore(pinia);
const org = useOrgStore(pinia);
document.documentElement.lang = getLocale();

apiHooks.getCsrfToken = () => auth.csrfToken;
apiHooks.onError = (error, request) => {
  const path = new URL(request.url).pathname;
  if (path.startsWith('/api/auth/') || path.startsWith('/api/family/')) return; // those pages handle their own errors
  if (error.status === 401 && auth.isAuthenticated) {
    auth.clear();
    org.reset();
    const current = router.currentRoute.value;
    void router.push({ path: '/login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} });
  } else if (error.code === 'password_change_required') {
    auth.markMustChangePassword();
    void router.push('/password');
  }
};

app.use(router);
app.mount('#app');
