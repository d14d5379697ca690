import { describe, expect, it } from 'vitest';
import { addMonths, buildMonth, isoDate, monthRange, reasonCounts } from './calendar';

describe('calendar month', () => {
  it('builds Monday-first weeks with neighbouring days marked out of month', () => {
    // October 2026 starts on a Thursday and has 31 days.
    const weeks = buildMonth(2026, 10, [{ date: '2026-10-01', school_day: false, reason: 'holiday', name: '国庆节' }]);
    expect(weeks.length).toBe(5);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0][0]).toMatchObject({ date: '2026-09-28', inMonth: false });
    expect(weeks[0][3]).toMatchObject({ date: '2026-10-01', day: 1, inMonth: true });
    expect(weeks[0][3].info?.name).toBe('国庆节');
    expect(weeks[0][4].info).toBeNull();
    expect(weeks[4][5]).toMatchObject({ date: '2026-10-31', inMonth: true });
    expect(weeks.flat().filter((c) => c.inMonth).length).toBe(31);
  });
  it('handles a month starting on Monday and February of a leap year', () => {
    const jun = buildMonth(2026, 6, []); // 2026-06-01 is a Monday
    expect(jun[0][0].date).toBe('2026-06-01');
    const feb = buildMonth(2028, 2, []);
    expect(feb.flat().filter((c) => c.inMonth).length).toBe(29);
  });
  it('month ranges and month arithmetic', () => {
    expect(monthRange(2026, 2)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange(2026, 12)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(addMonths(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths(2026, 5, -17)).toEqual({ year: 2024, month: 12 });
    expect(isoDate(2026, 1, 32)).toBe('2026-02-01');
  });
  it('counts reasons', () => {
    expect(reasonCounts([
      { date: 'a', school_day: true, reason: 'school_day', name: '' },
      { date: 'b', school_day: true, reason: 'school_day', name: '' },
      { date: 'c', school_day: false, reason: 'weekend', name: '' },
    ])).toEqual({ school_day: 2, weekend: 1 });
  });
});
