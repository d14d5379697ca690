// One way to report a failed call: the localised message as ElMessage.error, and for a 400 that
// names a field, the message kept under that field for the form to show beside it.
import { ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { isApiError } from '@/api/errors';
import { errorMessage } from '@/utils/errorMessage';

export interface ApiErrorState {
  /** Shows the error and returns its message. */
  report(e: unknown): string;
  fieldErrors: Ref<Record<string, string>>;
  clear(): void;
}

export function useApiError(): ApiErrorState {
  const fieldErrors = ref<Record<string, string>>({});
  function report(e: unknown): string {
    const msg = errorMessage(e);
    if (isApiError(e) && e.status === 400 && e.field) fieldErrors.value = { ...fieldErrors.value, [e.field]: msg };
    ElMessage.error(msg);
    return msg;
  }
  function clear() {
    fieldErrors.value = {};
  }
  return { report, fieldErrors, clear };
}
