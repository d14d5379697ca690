// Async state for a page or component: the data of the last call, whether a call is in flight and
// its localised error. A call started while another is in flight supersedes it (the older result is
// dropped), so a slow answer for an old filter never overwrites a newer one.
import { onMounted, readonly, ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { errorMessage } from '@/utils/errorMessage';

export interface AsyncOptions<T> {
  /** Run once on mount (default false). */
  immediate?: boolean;
  /** The value of `data` before the first successful run. */
  initial?: T;
  /** Do not show ElMessage.error on failure (the page shows `error` itself). */
  silent?: boolean;
  /** On failure set `data` back to `initial` instead of keeping the last result (a page that loads
   *  the data of a picked scope shows none under the error, not the previous scope's). */
  clearOnError?: boolean;
}

export interface AsyncState<T, A extends unknown[] = []> {
  data: Ref<T | undefined>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  /** Runs fn with args; resolves to its result, or undefined when it failed or was superseded. */
  run: (...args: A) => Promise<T | undefined>;
  /** A quiet run (a poll, a reload after an action): `loading` stays as it is and `error` keeps its
   *  text until the call settles, so the page does not blink while it reloads. */
  refresh: (...args: A) => Promise<T | undefined>;
  /** True while any call, loud or quiet, is in flight (a poll can skip its tick then). */
  pending: Readonly<Ref<boolean>>;
}

export function useAsync<T, A extends unknown[] = []>(fn: (...args: A) => Promise<T>, opts: AsyncOptions<T> = {}): AsyncState<T, A> {
  const data = ref(opts.initial) as Ref<T | undefined>;
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;
  const pending = ref(false);

  async function call(quiet: boolean, args: A): Promise<T | undefined> {
    const mine = ++generation;
    pending.value = true;
    if (!quiet) {
      loading.value = true;
      error.value = null;
    }
    try {
      const result = await fn(...args);
      if (mine !== generation) return undefined;
      data.value = result;
      error.value = null;
      return result;
    } catch (e) {
      if (mine !== generation) return undefined;
      const msg = errorMessage(e);
      error.value = msg;
      if (opts.clearOnError) data.value = opts.initial;
      if (!opts.silent) ElMessage.error(msg);
      return undefined;
    } finally {
      if (mine === generation) {
        loading.value = false;
        pending.value = false;
      }
    }
  }

  const run = (...args: A) => call(false, args);
  const refresh = (...args: A) => call(true, args);

  if (opts.immediate) onMounted(() => void (run as () => Promise<T | undefined>)());
  return { data, loading, error, run, refresh, pending: readonly(pending) };
}
