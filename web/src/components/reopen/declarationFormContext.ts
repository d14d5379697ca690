// What DeclarationForm shares with its parts (residence, health sections, symptom sheet): the
// values being edited, the field errors, and how to clear one. Provided by DeclarationForm.vue.
import { inject, provide, type ComputedRef, type InjectionKey } from 'vue';
import type { Declaration } from '@/utils/declaration';

export interface DeclarationFormContext {
  values: Declaration;
  errors: Record<string, string>;
  /** The 14 days, oldest first; `today` is the last one. */
  days: ComputedRef<string[]>;
  today: ComputedRef<string>;
  /** Clears the error of a field (and of its section). */
  clear: (key: string) => void;
  /** A translated code (`group.code`), or the code itself when there is no text for it. */
  label: (group: string, code: string) => string;
  /** 'today' or the weekday of a day. */
  dayLabel: (day: string) => string;
}

const KEY: InjectionKey<DeclarationFormContext> = Symbol('declaration-form');

export function provideDeclarationForm(ctx: DeclarationFormContext): void {
  provide(KEY, ctx);
}

export function useDeclarationForm(): DeclarationFormContext {
  const ctx = inject(KEY);
  if (!ctx) throw new Error('useDeclarationForm() outside DeclarationForm');
  return ctx;
}
