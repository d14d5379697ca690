// Helpers of the composables' tests (used by *.test.ts only).
import { afterEach, beforeEach, vi } from 'vitest';
import { ElMessage } from 'element-plus';

/**
 * Catches the Element Plus toasts of every test of the calling describe: `toasts.error` and
 * `toasts.success` list the texts shown, emptied before each test; the spies are restored after it.
 */
export function catchToasts(): { error: string[]; success: string[] } {
  const toasts = { error: [] as string[], success: [] as string[] };
  beforeEach(() => {
    for (const kind of ['error', 'success'] as const) {
      toasts[kind].length = 0;
      vi.spyOn(ElMessage, kind).mockImplementation((m) => {
        toasts[kind].push(String(m));
        return { close: () => undefined };
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());
  return toasts;
}
