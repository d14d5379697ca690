import { defineStore } from 'pinia';
import { ref } from 'vue';

export const MOBILE_QUERY = '(max-width: 768px)';
/** Narrower than a tablet in portrait: tables turn into cards. */
export const PHONE_QUERY = '(max-width: 600px)';

export const useUiStore = defineStore('ui', () => {
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null;
  const isMobile = ref(mql?.matches ?? false);
  mql?.addEventListener?.('change', (e) => {
    isMobile.value = e.matches;
  });
  const pq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(PHONE_QUERY) : null;
  const isPhone = ref(pq?.matches ?? false);
  pq?.addEventListener?.('change', (e) => {
    isPhone.value = e.matches;
  });
  const drawerOpen = ref(false);
  return { isMobile, isPhone, drawerOpen };
});
