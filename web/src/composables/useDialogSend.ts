// The send of a form dialog: `saving` is true while the call runs; when it succeeds the dialog closes,
// the success message shows and `done` runs (the dialog's emit); when it fails the error is reported
// (useApiError: ElMessage.error) and the dialog stays open as it was.
import { ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { useApiError } from './useApiError';

export function useDialogSend(open: Ref<boolean>) {
  const { report } = useApiError();
  const saving = ref(false);
  async function send(call: () => Promise<unknown>, success: string, done: () => void): Promise<void> {
    saving.value = true;
    try {
      await call();
      open.value = false;
      ElMessage.success(success);
      done();
    } catch (e) {
      report(e);
    } finally {
      saving.value = false;
    }
  }
  return { saving, send };
}
