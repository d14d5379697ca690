import { formatDay } from './format';

/** One day of GET /api/schools/{id}/school-days. */
export interface DayInfo {
  date: string;
  school_day: boolean;
  reason: string;
  name: string;
}

export interface CalendarCell {
  /** YYYY-MM-DD */
  date: string;
  day: number;
  inMonth: boolean;
  info: DayInfo | null;
}

export function isoDate(y: number, m: number, d: number): string {
  // A local date at noon: overflowing days roll into the next month, and no zone shift moves the day.
  return formatDay(new Date(y, m - 1, d, 12));
}

/** First and last date of a month (month 1–12). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: isoDate(year, month, 1), to: isoDate(year, month, last) };
}

/** Adds months to {year, month}, month 1–12. */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const idx = year * 12 + (month - 1) + delta;
  return { year: Math.floor(idx / 12), month: (idx % 12) + 1 };
}

/**
 * A month as weeks of 7 cells, Monday first (Chinese calendars start on Monday). Leading and trailing
 * cells belong to the neighbouring months (inMonth false). Day info is matched by date.
 */
export function buildMonth(year: number, month: number, days: readonly DayInfo[]): CalendarCell[][] {
  const byDate = new Map(days.map((d) => [d.date, d] as const));
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weeks: CalendarCell[][] = [];
  let week: CalendarCell[] = [];
  const total = Math.ceil((lead + last) / 7) * 7;
  for (let i = 0; i < total; i++) {
    const dt = new Date(Date.UTC(year, month - 1, 1 - lead + i));
    const date = isoDate(year, month, 1 - lead + i);
    const inMonth = dt.getUTCMonth() === month - 1;
    week.push({ date, day: dt.getUTCDate(), inMonth, info: byDate.get(date) ?? null });
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  return weeks;
}

/** Counts of reasons over the in-month days, for the legend. */
export function reasonCounts(days: readonly DayInfo[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of days) out[d.reason] = (out[d.reason] ?? 0) + 1;
  return out;
}
