// Periodic work tied to a component's life: started on mount (unless immediate === false), stopped
// on unmount, optionally paused while the tab is hidden (a gate tablet left on another tab does not
// keep asking the server). useNow is a ticking clock for "x minutes ago" displays.
import { getCurrentInstance, onMounted, onUnmounted, readonly, ref, type Ref } from 'vue';

export interface PollingOptions {
  /** Start on mount (default true); false leaves it to start(). */
  immediate?: boolean;
  /** Skip ticks while document.hidden and run once when the page shows again. */
  pauseHidden?: boolean;
}

export interface Polling {
  start(): void;
  stop(): void;
  active: Readonly<Ref<boolean>>;
}

export function usePolling(fn: () => unknown, intervalMs: number, opts: PollingOptions = {}): Polling {
  const active = ref(false);
  let timer: ReturnType<typeof setInterval> | null = null;
  const hidden = () => opts.pauseHidden === true && typeof document !== 'undefined' && document.hidden;

  function tick() {
    if (hidden()) return;
    void fn();
  }
  function onVisibility() {
    if (active.value && !hidden()) void fn();
  }
  function start() {
    if (timer !== null) return;
    timer = setInterval(tick, intervalMs);
    active.value = true;
    if (opts.pauseHidden && typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  }
  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    active.value = false;
    if (opts.pauseHidden && typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  }

  if (getCurrentInstance()) {
    if (opts.immediate !== false) onMounted(start);
    onUnmounted(stop);
  } else if (opts.immediate !== false) {
    start();
  }
  return { start, stop, active: readonly(active) };
}

/** Date.now() (+ offsetMs(), e.g. the server clock's offset) refreshed every intervalMs. */
export function useNow(intervalMs: number, offsetMs?: () => number): Ref<number> {
  const read = () => Date.now() + (offsetMs ? offsetMs() : 0);
  const now = ref(read());
  usePolling(() => {
    now.value = read();
  }, intervalMs);
  return now;
}
