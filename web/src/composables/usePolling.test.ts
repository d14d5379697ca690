import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h } from 'vue';
import { useNow, usePolling, type Polling } from './usePolling';

function mountWith(setup: () => void) {
  const app = createApp(
    defineComponent({
      setup() {
        setup();
        return () => h('div');
      },
    }),
  );
  app.mount(document.createElement('div'));
  return app;
}

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    setHidden(false);
  });

  it('starts on mount and stops on unmount', () => {
    const fn = vi.fn();
    let p: Polling | undefined;
    const app = mountWith(() => {
      p = usePolling(fn, 1000);
    });
    expect(p!.active.value).toBe(true);
    vi.advanceTimersByTime(3500);
    expect(fn).toHaveBeenCalledTimes(3);
    app.unmount();
    expect(p!.active.value).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('waits for start() when immediate is false, and start twice keeps one timer', () => {
    const fn = vi.fn();
    let p: Polling | undefined;
    const app = mountWith(() => {
      p = usePolling(fn, 1000, { immediate: false });
    });
    vi.advanceTimersByTime(3000);
    expect(fn).not.toHaveBeenCalled();
    expect(p!.active.value).toBe(false);
    p!.start();
    p!.start();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(2);
    p!.stop();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(2);
    app.unmount();
  });

  it('pauses while the page is hidden and catches up when it shows', () => {
    const fn = vi.fn();
    const app = mountWith(() => {
      usePolling(fn, 1000, { pauseHidden: true });
    });
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    setHidden(true);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
    setHidden(false);
    expect(fn).toHaveBeenCalledTimes(2);
    app.unmount();
    setHidden(true);
    setHidden(false);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('keeps polling while hidden without pauseHidden', () => {
    const fn = vi.fn();
    const app = mountWith(() => {
      usePolling(fn, 1000);
    });
    setHidden(true);
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(2);
    app.unmount();
  });
});

describe('useNow', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks Date.now() plus the offset', () => {
    vi.setSystemTime(new Date('2024-03-01T00:00:00Z'));
    let offset = 500;
    let now: { value: number } | undefined;
    const app = mountWith(() => {
      now = useNow(60_000, () => offset);
    });
    const start = new Date('2024-03-01T00:00:00Z').getTime();
    expect(now!.value).toBe(start + 500);
    offset = 1000;
    vi.advanceTimersByTime(60_000);
    expect(now!.value).toBe(start + 60_000 + 1000);
    app.unmount();
    vi.advanceTimersByTime(60_000);
    expect(now!.value).toBe(start + 60_000 + 1000);
  });
});
