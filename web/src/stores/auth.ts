import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, unwrap } from '@/api';
import { isApiError } from '@/api/errors';
import type { Me, Session } from '@/api/types';
import { can, type Capability } from '@/utils/permissions';

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const csrfToken = ref<string | null>(null);
  /** True once GET /api/auth/me has answered (either way), so guards know whether to wait. */
  const loaded = ref(false);
  let pending: Promise<void> | null = null;

  const isAuthenticated = computed(() => me.value !== null);
  const mustChangePassword = computed(() => me.value?.must_change_password === true);
  const grants = computed(() => me.value?.grants ?? []);
  const roles = computed(() => Array.from(new Set(grants.value.map((g) => g.role as string))));
  const primaryGrant = computed(() => grants.value[0] ?? null);

  function has(cap: Capability): boolean {
    return isAuthenticated.value && can(roles.value, cap);
  }

  function setSession(s: Session): void {
    me.value = s.user;
    csrfToken.value = s.csrf_token;
    loaded.value = true;
  }

  function clear(): void {
    me.value = null;
    csrfToken.value = null;
    loaded.value = true;
  }

  /** Loads the current session once; 401 means signed out. Other errors propagate. */
  async function fetchMe(force = false): Promise<void> {
    if (loaded.value && !force) return;
    if (pending) return pending;
    pending = (async () => {
      try {
        setSession(unwrap(await api.GET('/api/auth/me')));
      } catch (e) {
        if (isApiError(e) && e.status === 401) clear();
        else {
          loaded.value = true;
          throw e;
        }
      } finally {
        pending = null;
      }
    })();
    return pending;
  }

  async function login(username: string, password: string): Promise<Me> {
    const s = unwrap(await api.POST('/api/auth/login', { body: { username, password } }));
    setSession(s);
    return s.user;
  }

  async function logout(): Promise<void> {
    try {
      await api.POST('/api/auth/logout');
    } catch (e) {
      // Already signed out on the server: still clear locally.
      if (!(isApiError(e) && (e.status === 401 || e.status === 403))) throw e;
    } finally {
      clear();
    }
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await api.POST('/api/auth/password', { body: { old_password: oldPassword, new_password: newPassword } });
    if (me.value) me.value = { ...me.value, must_change_password: false };
    // The server may rotate the session and CSRF token on password change; refresh quietly.
    try {
      await fetchMe(true);
    } catch {
      /* keep the local state */
    }
  }

  /** Server said the password must be changed (403 password_change_required). */
  function markMustChangePassword(): void {
    if (me.value && !me.value.must_change_password) me.value = { ...me.value, must_change_password: true };
  }

  return {
    me,
    csrfToken,
    loaded,
    isAuthenticated,
    mustChangePassword,
    grants,
    roles,
    primaryGrant,
    has,
    setSession,
    clear,
    fetchMe,
    login,
    logout,
    changePassword,
    markMustChangePassword,
  };
});
