import { getLocale } from '@/i18n/core';

/** Formats an ISO-8601 UTC instant in the viewer's time zone (China: UTC+8), e.g. 2024-03-01 08:30. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  return withSeconds ? `${base}:${p(d.getSeconds())}` : base;
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
