import { getLocale } from '@/i18n/core';

// The one place dates and times are turned into text. Server instants are ISO-8601 UTC strings;
// they are shown in the viewer's time zone (China: UTC+8). Calendar days are 'YYYY-MM-DD'.

const p2 = (n: number) => String(n).padStart(2, '0');
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toDate(v: string | Date): Date | null {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Formats an ISO-8601 UTC instant in the viewer's time zone (China: UTC+8), e.g. 2024-03-01 08:30. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = toDate(iso);
  if (!d) return iso;
  return `${formatDay(d)} ${formatTime(d, withSeconds)}`;
}

/**
 * The local calendar day of an instant or Date, 'YYYY-MM-DD'. A string that already is a day is
 * returned as is (new Date('2024-03-01') would be UTC midnight, another day west of Greenwich).
 * '—' when missing; an unreadable string is returned unchanged.
 */
export function formatDay(v: string | Date | null | undefined): string {
  if (!v) return '—';
  if (typeof v === 'string' && DAY_ONLY.test(v)) return v;
  const d = toDate(v);
  if (!d) return String(v);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
}

/** The local time of day of an instant or Date, 'HH:mm' (or 'HH:mm:ss'); '—' when missing or unreadable. */
export function formatTime(v: string | Date | null | undefined, withSeconds = false): string {
  if (!v) return '—';
  const d = toDate(v);
  if (!d) return '—';
  const base = `${p2(d.getHours())}:${p2(d.getMinutes())}`;
  return withSeconds ? `${base}:${p2(d.getSeconds())}` : base;
}

/** A day written out in the UI language, e.g. 2024年3月1日 / 1 March 2024 (letters, printed sheets). */
export function formatDayLong(v: string | Date = new Date()): string {
  const d = typeof v === 'string' && DAY_ONLY.test(v) ? new Date(`${v}T12:00:00`) : toDate(v);
  if (!d) return String(v);
  return d.toLocaleDateString(getLocale(), { year: 'numeric', month: 'long', day: 'numeric' });
}

/** Today in the viewer's time zone, 'YYYY-MM-DD'. */
export function todayLocal(now: Date = new Date()): string {
  return formatDay(now);
}

/** Minutes after midnight as 'HH:mm' (450 → '07:30'); '—' for nothing or a negative/unreadable value. */
export function formatMinutes(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m) || m < 0) return '—';
  const v = Math.round(m);
  return `${p2(Math.floor(v / 60))}:${p2(v % 60)}`;
}

/** Local calendar day [start, end) as UTC ISO strings, for from/to filters. */
export function dayRangeToIso(start: Date, end: Date): { from: string; to: string } {
  const s = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const e = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1);
  return { from: s.toISOString(), to: e.toISOString() };
}

export function numberFormat(n: number): string {
  return new Intl.NumberFormat(getLocale()).format(n);
}
