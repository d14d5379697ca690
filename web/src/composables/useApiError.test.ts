import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { catchToasts } from './testing';
import { useApiError } from './useApiError';

describe('useApiError', () => {
  const shown = catchToasts().error;

  it('shows the message and keeps it under the field a 400 names', () => {
    const { report, fieldErrors, clear } = useApiError();
    expect(report(new ApiError(400, 'invalid', 'temperature', '体温应在 35.0–42.0 之间'))).toBe('体温应在 35.0–42.0 之间');
    expect(shown).toEqual(['体温应在 35.0–42.0 之间']);
    expect(fieldErrors.value).toEqual({ temperature: '体温应在 35.0–42.0 之间' });
    report(new ApiError(400, 'invalid', 'code_color', 'bad colour'));
    expect(Object.keys(fieldErrors.value).sort()).toEqual(['code_color', 'temperature']);
    clear();
    expect(fieldErrors.value).toEqual({});
  });

  it('keeps no field for other errors', () => {
    const { report, fieldErrors } = useApiError();
    report(new ApiError(409, 'conflict', 'day', 'already'));
    report(new ApiError(400, 'invalid', null, 'bad'));
    expect(report(new Error('offline'))).toBe('offline');
    expect(fieldErrors.value).toEqual({});
    expect(shown).toEqual(['already', 'bad', 'offline']);
  });
});
