import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import SymptomChips from './SymptomChips.vue';
import { mountModel } from './testing';

const CODES = ['fever', 'cough', 'rash'] as const;

describe('SymptomChips', () => {
  it('toggles codes in the code order, "none" empties the list, aria-pressed follows', async () => {
    const { q, value } = mountModel<string[]>(SymptomChips, [], { codes: CODES, label: (c: string) => `L-${c}`, noneText: '无', testidPrefix: 's', noneTestid: 's-none' });
    expect(q('s-none')!.getAttribute('aria-pressed')).toBe('true');
    q('s-rash')!.click();
    await nextTick();
    q('s-fever')!.click();
    await nextTick();
    expect(value.value).toEqual(['fever', 'rash']);
    expect(q('s-fever')!.getAttribute('aria-pressed')).toBe('true');
    expect(q('s-none')!.getAttribute('aria-pressed')).toBe('false');
    expect(q('s-cough')!.textContent!.trim()).toBe('L-cough');
    q('s-fever')!.click();
    await nextTick();
    expect(value.value).toEqual(['rash']);
    q('s-none')!.click();
    await nextTick();
    expect(value.value).toEqual([]);
  });
});
