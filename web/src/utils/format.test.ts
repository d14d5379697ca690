import { describe, expect, it } from 'vitest';
import { setLocale } from '@/i18n';
import { formatDateTime, formatDay, formatDayLong, formatMinutes, formatTime, todayLocal } from './format';

describe('format', () => {
  // Dates built from local components so the tests hold in any time zone.
  const d = new Date(2024, 2, 1, 7, 5, 9);

  it('formats a local day, padding month and day', () => {
    expect(formatDay(d)).toBe('2024-03-01');
    expect(formatDay(new Date(2024, 11, 31, 23, 59))).toBe('2024-12-31');
    expect(formatDay(d.toISOString())).toBe('2024-03-01');
  });
  it('keeps a plain day string as it is and marks missing values', () => {
    expect(formatDay('2024-03-01')).toBe('2024-03-01');
    expect(formatDay(null)).toBe('—');
    expect(formatDay(undefined)).toBe('—');
    expect(formatDay('soon')).toBe('soon');
  });
  it('formats a time of day, with seconds on request', () => {
    expect(formatTime(d)).toBe('07:05');
    expect(formatTime(d, true)).toBe('07:05:09');
    expect(formatTime(d.toISOString())).toBe('07:05');
    expect(formatTime('nope')).toBe('—');
    expect(formatTime(null)).toBe('—');
  });
  it('formats date and time together', () => {
    expect(formatDateTime(d.toISOString())).toBe('2024-03-01 07:05');
    expect(formatDateTime(d.toISOString(), true)).toBe('2024-03-01 07:05:09');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('garbled')).toBe('garbled');
  });
  it("gives today's local day", () => {
    expect(todayLocal(new Date(2025, 0, 9, 0, 1))).toBe('2025-01-09');
    expect(todayLocal()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(todayLocal()).toBe(formatDay(new Date()));
  });
  it('formats minutes after midnight', () => {
    expect(formatMinutes(0)).toBe('00:00');
    expect(formatMinutes(450)).toBe('07:30');
    expect(formatMinutes(23 * 60 + 59)).toBe('23:59');
    expect(formatMinutes(null)).toBe('—');
    expect(formatMinutes(-5)).toBe('—');
    expect(formatMinutes(Number.NaN)).toBe('—');
  });
  it('writes a day out in the UI language', () => {
    setLocale('zh-CN');
    expect(formatDayLong('2024-03-01')).toBe('2024年3月1日');
    expect(formatDayLong(new Date(2024, 2, 1, 23, 30))).toBe('2024年3月1日');
    setLocale('en');
    expect(formatDayLong('2024-03-01')).toMatch(/March/);
    setLocale('zh-CN');
  });
});
