import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, unwrap } from '@/api';
import { isApiError } from '@/api/errors';

/**
 * Whether the signed-in account has a staff record (教职工档案). /api/auth/me does not say, so
 * this asks /api/me/report once per account: 404 means none (bureau accounts), and then 我的健康打卡
 * and 健康申报 are not offered.
 */
export const useStaffRecordStore = defineStore('staffRecord', () => {
  /** null until known. */
  const has = ref<boolean | null>(null);
  let forUser: string | null = null;
  let pending: Promise<void> | null = null;

  async function load(userId: string | undefined): Promise<void> {
    if (!userId) {
      has.value = null;
      forUser = null;
      return;
    }
    if (forUser === userId && has.value !== null) return;
    if (pending && forUser === userId) return pending;
    forUser = userId;
    has.value = null;
    pending = (async () => {
      try {
        unwrap(await api.GET('/api/me/report'));
        if (forUser === userId) has.value = true;
      } catch (e) {
        if (forUser === userId) has.value = isApiError(e) && e.status === 404 ? false : null;
      } finally {
        pending = null;
      }
    })();
    return pending;
  }

  return { has, load };
});
