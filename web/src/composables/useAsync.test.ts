import { describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick } from 'vue';
import { ApiError } from '@/api/errors';
import { catchToasts } from './testing';
import { useAsync } from './useAsync';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAsync', () => {
  const shown = catchToasts().error;

  it('keeps the initial value, then the result, and tracks loading', async () => {
    const d = deferred<number>();
    const s = useAsync(() => d.promise, { initial: 0 });
    expect(s.data.value).toBe(0);
    const p = s.run();
    expect(s.loading.value).toBe(true);
    d.resolve(7);
    expect(await p).toBe(7);
    expect(s.data.value).toBe(7);
    expect(s.loading.value).toBe(false);
    expect(s.error.value).toBeNull();
  });

  it('sets the localised error and shows it unless silent', async () => {
    const loud = useAsync(() => Promise.reject(new ApiError(404, 'not_found', null, '找不到')));
    expect(await loud.run()).toBeUndefined();
    expect(loud.error.value).toBe('找不到');
    expect(shown).toEqual(['找不到']);

    const quiet = useAsync(() => Promise.reject(new ApiError(500, 'server', null, '')), { silent: true });
    await quiet.run();
    expect(quiet.error.value).toMatch(/500/);
    expect(shown).toHaveLength(1);
  });

  it('keeps the old data when a later run fails and clears the error on the next run', async () => {
    let fail = false;
    const s = useAsync(() => (fail ? Promise.reject(new Error('boom')) : Promise.resolve('ok')), { silent: true });
    await s.run();
    fail = true;
    await s.run();
    expect(s.data.value).toBe('ok');
    expect(s.error.value).toBe('boom');
    fail = false;
    const p = s.run();
    expect(s.error.value).toBeNull();
    await p;
  });

  it('with clearOnError sets the data back to the initial value when a run fails', async () => {
    let fail = false;
    const s = useAsync(() => (fail ? Promise.reject(new Error('boom')) : Promise.resolve(['ok'])), { silent: true, clearOnError: true, initial: [] as string[] });
    await s.run();
    expect(s.data.value).toEqual(['ok']);
    fail = true;
    await s.run();
    expect(s.data.value).toEqual([]);
    expect(s.error.value).toBe('boom');
  });

  it('drops the result of a run superseded by a newer one', async () => {
    const calls = [deferred<string>(), deferred<string>()];
    let n = 0;
    const s = useAsync(() => calls[n++]!.promise, { silent: true });
    const first = s.run();
    const second = s.run();
    calls[1]!.resolve('new');
    expect(await second).toBe('new');
    expect(s.loading.value).toBe(false);
    calls[0]!.resolve('old');
    expect(await first).toBeUndefined();
    expect(s.data.value).toBe('new');
  });

  it('a superseded failure shows nothing', async () => {
    const a = deferred<string>();
    const b = deferred<string>();
    const queue = [a, b];
    const s = useAsync(() => queue.shift()!.promise);
    const first = s.run();
    const second = s.run();
    a.reject(new Error('late failure'));
    expect(await first).toBeUndefined();
    expect(shown).toEqual([]);
    expect(s.error.value).toBeNull();
    b.resolve('fine');
    await second;
    expect(s.data.value).toBe('fine');
  });

  it('passes the arguments of run to the call', async () => {
    const s = useAsync((a: number, b: string) => Promise.resolve(`${b}${a}`), { silent: true });
    expect(await s.run(2, 'p')).toBe('p2');
    expect(s.data.value).toBe('p2');
  });

  it('refresh is quiet: no loading, the error stays until it settles', async () => {
    let fail = true;
    const d = deferred<string>();
    const s = useAsync(() => (fail ? Promise.reject(new Error('boom')) : d.promise), { silent: true });
    await s.run();
    expect(s.error.value).toBe('boom');
    fail = false;
    const p = s.refresh();
    expect(s.loading.value).toBe(false);
    expect(s.error.value).toBe('boom');
    d.resolve('back');
    expect(await p).toBe('back');
    expect(s.error.value).toBeNull();
    expect(s.data.value).toBe('back');
  });

  it('pending covers quiet calls too; a quiet call supersedes a loud one and ends its loading', async () => {
    const loud = deferred<number>();
    const quiet = deferred<number>();
    const last = deferred<number>();
    const queue = [loud, quiet, last];
    const s = useAsync(() => queue.shift()!.promise, { silent: true });
    const first = s.run();
    expect(s.pending.value).toBe(true);
    const second = s.refresh();
    quiet.resolve(2);
    expect(await second).toBe(2);
    expect(s.loading.value).toBe(false);
    expect(s.pending.value).toBe(false);
    loud.resolve(1);
    expect(await first).toBeUndefined();
    expect(s.data.value).toBe(2);
    const third = s.refresh();
    expect(s.pending.value).toBe(true);
    expect(s.loading.value).toBe(false);
    last.resolve(3);
    await third;
  });

  it('runs on mount when immediate', async () => {
    const fn = vi.fn(() => Promise.resolve(1));
    let state: ReturnType<typeof useAsync<number>> | undefined;
    const app = createApp(
      defineComponent({
        setup() {
          state = useAsync(fn, { immediate: true });
          return () => h('div');
        },
      }),
    );
    expect(fn).not.toHaveBeenCalled();
    app.mount(document.createElement('div'));
    await nextTick();
    await Promise.resolve();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(state!.data.value).toBe(1);
    app.unmount();
  });
});
