import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import TemperaturePad from './TemperaturePad.vue';
import { mountModel } from '../testing';

function mount(start: number | null = null) {
  const { value, q } = mountModel<number | null>(TemperaturePad, start);
  const press = async (keys: string) => {
    for (const k of keys) q(`temp-key-${k}`)!.click();
    await nextTick();
  };
  return { value, q, press };
}

describe('TemperaturePad', () => {
  it('starts empty: no reading, no default, ± disabled', () => {
    const { q, value } = mount();
    expect(q('temp-display')!.textContent).toContain('__._');
    expect(value.value).toBeNull();
    expect((q('temp-plus') as HTMLButtonElement).disabled).toBe(true);
    expect((q('temp-minus') as HTMLButtonElement).disabled).toBe(true);
  });

  it('makes a reading of three digits and steps it by 0.1', async () => {
    const { q, value, press } = mount();
    await press('3');
    expect(value.value).toBeNull();
    expect(q('temp-display')!.textContent).toContain('3_._');
    await press('66');
    expect(value.value).toBe(36.6);
    expect(q('temp-display')!.textContent).toContain('36.6');
    q('temp-plus')!.click();
    await nextTick();
    expect(value.value).toBe(36.7);
    expect(q('temp-display')!.textContent).toContain('36.7');
  });

  it('says when the digits are out of range and holds no reading', async () => {
    const { q, value, press } = mount();
    await press('45');
    expect(value.value).toBeNull();
    expect(q('temp-display')!.classList.contains('warn')).toBe(true);
    expect(q('temp-display')!.textContent).toContain('45._');
    q('temp-back')!.click();
    await nextTick();
    expect(q('temp-display')!.classList.contains('warn')).toBe(false);
  });

  it('clears, and forgets the digits when the reading is set from outside', async () => {
    const { q, value, press } = mount();
    await press('372');
    expect(value.value).toBe(37.2);
    q('temp-clear')!.click();
    await nextTick();
    expect(value.value).toBeNull();
    expect(q('temp-display')!.textContent).toContain('__._');
    await press('38');
    value.value = null; // the next person
    await nextTick();
    expect(q('temp-display')!.textContent).toContain('__._');
  });
});
