import { defineStore } from 'pinia';
import { ref } from 'vue';

export const MOBILE_QUERY = '(max-width: 768px)';

export const useUiStore = defineStore('ui', () => {
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null;
  const isMobile = ref(mql?.matches ?? false);
  mql?.addEventListener?.('change', (e) => {
    isMobile.value = e.matches;
  });
  const drawerOpen = ref(false);
  return { isMobile, drawerOpen };
});
