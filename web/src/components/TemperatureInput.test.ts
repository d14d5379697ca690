import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import TemperatureInput from './TemperatureInput.vue';
import { mountModel } from './testing';

function mount(props: { threshold: number | null; steppers?: boolean; start?: number | null; label?: string }) {
  const { start, ...rest } = props;
  return mountModel<number | null>(TemperatureInput, start === undefined ? 36.5 : start, { ...rest, testid: 't' });
}

function type(input: Element | null, text: string) {
  if (!(input instanceof HTMLInputElement)) throw new Error('no input');
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

describe('TemperatureInput', () => {
  it('shows fever from the threshold on, and none below it', async () => {
    const { q, value } = mount({ threshold: 37.3 });
    expect(q('t')!.classList.contains('fever')).toBe(false);
    type(q('t-input'), '37.3');
    await nextTick();
    expect(value.value).toBe(37.3);
    expect(q('t')!.classList.contains('fever')).toBe(true);
    type(q('t-input'), '37.2');
    await nextTick();
    expect(q('t')!.classList.contains('fever')).toBe(false);
  });

  it('follows the threshold it is given', async () => {
    const { q } = mount({ threshold: 38, start: 37.5 });
    await nextTick();
    expect(q('t')!.classList.contains('fever')).toBe(false);
  });

  it('shows no fever when the threshold is not known', async () => {
    const { q } = mount({ threshold: null, start: 39.5 });
    await nextTick();
    expect(q('t')!.classList.contains('fever')).toBe(false);
  });

  it('steps by 0.1 inside the accepted range', async () => {
    const { q, value } = mount({ threshold: 37.3, start: 41.95 });
    (q('t-plus') as HTMLButtonElement).click();
    await nextTick();
    expect(value.value).toBe(42);
    (q('t-plus') as HTMLButtonElement).click();
    await nextTick();
    expect(value.value).toBe(42);
    expect((q('t-input') as HTMLInputElement).value).toBe('42.0');
    (q('t-minus') as HTMLButtonElement).click();
    await nextTick();
    expect(value.value).toBe(41.9);
  });

  it('reads a keypad reading and tidies it on blur', async () => {
    const { q, value } = mount({ threshold: 37.3, start: null });
    const input = q('t-input') as HTMLInputElement;
    type(input, '368');
    expect(value.value).toBe(36.8);
    input.dispatchEvent(new Event('blur'));
    await nextTick();
    expect(input.value).toBe('36.8');
    type(input, '');
    expect(value.value).toBeNull();
  });

  it('without steppers is one labelled box carrying the testid', async () => {
    const { q, el, value } = mount({ threshold: 37.3, steppers: false, start: null, label: '3月1日 体温' });
    expect(el.querySelectorAll('button')).toHaveLength(0);
    const input = q('t') as HTMLInputElement;
    expect(input.tagName).toBe('INPUT');
    expect(input.getAttribute('aria-label')).toBe('3月1日 体温');
    type(input, '38.0');
    await nextTick();
    expect(value.value).toBe(38);
    expect(input.closest('label')!.classList.contains('fever')).toBe(true);
  });
});
