import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { ApiError } from '@/api/errors';
import { catchToasts } from './testing';
import { useDialogSend } from './useDialogSend';

describe('useDialogSend', () => {
  const { error: errors, success: successes } = catchToasts();

  it('closes the dialog, shows the success and runs done when the call succeeds', async () => {
    const open = ref(true);
    const { saving, send } = useDialogSend(open);
    const done = vi.fn();
    let during = false;
    await send(async () => {
      during = saving.value;
    }, '已保存', done);
    expect(during).toBe(true);
    expect(saving.value).toBe(false);
    expect(open.value).toBe(false);
    expect(successes).toEqual(['已保存']);
    expect(done).toHaveBeenCalledOnce();
    expect(errors).toEqual([]);
  });

  it('reports a failure and keeps the dialog open', async () => {
    const open = ref(true);
    const { saving, send } = useDialogSend(open);
    const done = vi.fn();
    await send(() => Promise.reject(new ApiError(409, 'conflict', null, '已处理')), '已保存', done);
    expect(saving.value).toBe(false);
    expect(open.value).toBe(true);
    expect(errors).toEqual(['已处理']);
    expect(successes).toEqual([]);
    expect(done).not.toHaveBeenCalled();
  });
});
