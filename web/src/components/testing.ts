// Helpers of the component tests (used by *.test.ts only).
import { afterEach } from 'vitest';
import { createApp, defineComponent, h, ref, type App, type Component, type Ref } from 'vue';
import { i18n } from '@/i18n';

let mounted: App | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

/**
 * Mounts a v-model component with i18n into the document (unmounted after the test): `value`
 * follows what it emits, `q(id)` finds an element by data-testid.
 */
export function mountModel<V>(component: Component, start: V, props: Record<string, unknown> = {}) {
  const value = ref(start) as Ref<V>;
  const el = document.createElement('div');
  document.body.append(el);
  mounted = createApp(
    defineComponent({
      setup() {
        return () =>
          h(component, {
            ...props,
            modelValue: value.value,
            'onUpdate:modelValue': (v: V) => {
              value.value = v;
            },
          });
      },
    }),
  );
  mounted.use(i18n);
  mounted.mount(el);
  const q = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { el, value, q };
}
