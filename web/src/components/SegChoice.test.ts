import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import SegChoice from './SegChoice.vue';
import { mountModel } from './testing';

describe('SegChoice', () => {
  it('is a radio group: a tap chooses, every tap is reported, the alarming answer is marked', async () => {
    const onPick = vi.fn();
    const { q, value, el } = mountModel<boolean>(SegChoice, false, {
      options: [false, true],
      text: (v: boolean) => (v ? '是' : '否'),
      testid: (v: boolean) => `hf-${v ? 'yes' : 'no'}`,
      alert: (v: boolean) => v,
      onPick,
    });
    expect(el.querySelector('[role="radiogroup"]')).not.toBeNull();
    expect(q('hf-no')!.getAttribute('aria-checked')).toBe('true');
    expect(q('hf-yes')!.classList.contains('alert')).toBe(true);
    expect(q('hf-no')!.classList.contains('alert')).toBe(false);
    q('hf-yes')!.click();
    await nextTick();
    expect(value.value).toBe(true);
    expect(q('hf-yes')!.classList.contains('on')).toBe(true);
    expect(q('hf-yes')!.getAttribute('aria-checked')).toBe('true');
    q('hf-yes')!.click(); // the chosen answer again: still reported (a form clears its error)
    expect(onPick).toHaveBeenCalledTimes(2);
  });

  it('shows code colours with their dot and tone class', () => {
    const { q, el } = mountModel<string>(SegChoice, 'yellow', { options: ['green', 'yellow', 'red'], colours: true, columns: 3, dense: true, text: (c: string) => c, testid: (c: string) => `c-${c}` });
    expect(el.querySelector('.seg')!.className).toContain('three');
    expect(el.querySelector('.seg')!.className).toContain('dense');
    expect(q('c-yellow')!.className).toContain('yellow');
    expect(q('c-yellow')!.querySelector('.dot.yellow')).not.toBeNull();
    expect(q('c-red')!.classList.contains('on')).toBe(false);
  });
});
