// The family session of the return-to-school pages: the cookie comes from the family link (see
// FamilyPage.vue); writes need the CSRF token of GET /api/family/me, which the staff client hooks
// do not know, so the family pages pass it themselves.
import { ref } from 'vue';
import { api, unwrap } from '@/api';
import { isApiError } from '@/api/errors';
import { errorMessage } from '@/utils/errorMessage';
import type { FamilyChild } from '@/api/types';

export type { FamilyChild };

export function useFamilySession() {
  const state = ref<'loading' | 'ready' | 'invalid' | 'error'>('loading');
  const message = ref('');
  const csrf = ref('');
  const children = ref<FamilyChild[]>([]);

  async function start(): Promise<boolean> {
    state.value = 'loading';
    try {
      const home = unwrap(await api.GET('/api/family/me'));
      csrf.value = home.csrf_token;
      children.value = home.children;
      state.value = 'ready';
      return true;
    } catch (e) {
      message.value = errorMessage(e);
      state.value = isApiError(e) && e.status > 0 && e.status < 500 ? 'invalid' : 'error';
      return false;
    }
  }
  return { state, message, csrf, children, start };
}
