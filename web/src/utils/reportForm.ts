// Pure helpers of the morning report (健康打卡) form shared by the family page and the staff
// self-report page: shapes of GET/PUT …/report, defaults and prefill, the payload, temperatures.

import type { MorningReport, MorningReportForm, MorningReportInput, MorningReportValues, ReportAdvice as ServerReportAdvice } from '@/api/types';
import { SYMPTOM_CODES, CODE_COLORS, ABSENCE_REASONS, type CodeColor, type SymptomCode } from './daily';

export { SYMPTOM_CODES, CODE_COLORS, ABSENCE_REASONS, type CodeColor, type SymptomCode };

export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

/** The range of a reading the server accepts (daily/rules.cpp: temperature_range). */
export const TEMP_MIN = 35.0;
export const TEMP_MAX = 42.0;
/**
 * Where the stepper starts from nothing. Never a prefilled value: a temperature is measured
 * today, so an untouched form cannot report 36.5 for a child nobody measured.
 */
export const TEMP_DEFAULT = 36.5;

/** What the family (or staff member) fills in: the server's report values. */
export type ReportValues = MorningReportValues;
/** A report as the server stores it. */
export type StoredReport = MorningReport;
/** GET /api/family/children/{id}/report and GET /api/me/report. */
export type ReportFormData = MorningReportForm;
/** What the server advises after a report: keep_home with reasons "fever" / "symptoms". */
export type ReportAdvice = ServerReportAdvice;
/** The body of PUT …/report. */
export type ReportPayload = MorningReportInput;

/**
 * The one-tap sick absence after the advice: today's report turned into "not attending, sick",
 * with what was reported kept and the reason written out (e.g. "发热 38.5℃；症状：咳嗽").
 */
export function sickAbsencePayload(report: Pick<ReportValues, 'temperature' | 'symptoms' | 'code_color' | 'household_fever' | 'left_city'>, note: string): ReportPayload {
  const out: ReportPayload = {
    symptoms: [...report.symptoms],
    code_color: report.code_color,
    household_fever: report.household_fever,
    left_city: report.left_city,
    attending: false,
    absence_reason: 'sick',
    absence_note: note.slice(0, 200),
  };
  if (report.temperature !== null && Number.isFinite(report.temperature)) out.temperature = roundTemperature(report.temperature);
  return out;
}

export function defaultValues(): ReportValues {
  return {
    temperature: null,
    symptoms: [],
    code_color: 'green',
    household_fever: false,
    left_city: false,
    attending: true,
    absence_reason: '',
    absence_note: '',
  };
}

/**
 * Starting values of the form: today's report when correcting it, else yesterday's answers, else
 * defaults (no symptoms, green, attending). The temperature comes only from today's report: it is
 * never carried over from yesterday nor defaulted, so it is measured and typed every morning.
 */
export function initialValues(form: Pick<ReportFormData, 'report' | 'prefill'> | null): ReportValues {
  const src = form?.report ?? form?.prefill ?? null;
  const d = defaultValues();
  if (!src) return d;
  return {
    temperature: form?.report && src.temperature !== null ? roundTemperature(src.temperature) : null,
    symptoms: [...src.symptoms],
    code_color: src.code_color,
    household_fever: src.household_fever,
    left_city: src.left_city,
    attending: src.attending,
    absence_reason: src.attending ? '' : src.absence_reason,
    absence_note: src.attending ? '' : src.absence_note,
  };
}

export function toPayload(v: ReportValues): ReportPayload {
  const out: ReportPayload = {
    symptoms: [...v.symptoms],
    code_color: v.code_color,
    household_fever: v.household_fever,
    left_city: v.left_city,
    attending: v.attending,
  };
  if (v.temperature !== null && Number.isFinite(v.temperature)) out.temperature = roundTemperature(v.temperature);
  if (!v.attending) {
    if (v.absence_reason) out.absence_reason = v.absence_reason;
    out.absence_note = v.absence_note.trim();
  }
  return out;
}

/** Rounds to one decimal (36.549 → 36.5) without binary noise. */
export function roundTemperature(t: number): number {
  return Math.round(t * 10) / 10;
}

/** "36.5" (always one decimal); "—" for nothing. */
export function formatTemperature(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return '—';
  return roundTemperature(t).toFixed(1);
}

/** One step of the stepper: ±0.1 kept inside 35.0–42.0; from nothing it starts at 36.5. */
export function stepTemperature(t: number | null, delta: number): number {
  const base = t === null || !Number.isFinite(t) ? TEMP_DEFAULT : t;
  const next = roundTemperature(base + delta);
  return Math.min(TEMP_MAX, Math.max(TEMP_MIN, next));
}

/**
 * Reads what was typed into the temperature box: "36.8", "36,8", "368" (a keypad without a
 * point: three digits mean one decimal) or "37". Returns null for anything unreadable. Out-of-range
 * values are returned as typed: the server answers with a clear error next to the field.
 */
export function parseTemperature(input: string): number | null {
  const s = input.trim().replace(/[,，。]/g, '.').replace(/℃|°C?/gi, '').trim();
  if (s === '') return null;
  if (/^\d{3}$/.test(s)) return roundTemperature(Number(s) / 10);
  if (!/^\d{1,2}(\.\d*)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? roundTemperature(n) : null;
}

export function inRange(t: number | null): boolean {
  return t !== null && t >= TEMP_MIN && t <= TEMP_MAX;
}

/** A reading at or above the policy's fever threshold; never a fever when the threshold is not known. */
export function isFever(t: number | null | undefined, threshold: number | null | undefined): boolean {
  return typeof t === 'number' && Number.isFinite(t) && typeof threshold === 'number' && t >= threshold;
}

/** Toggles a symptom chip; the result keeps the server's code order. */
export function toggleSymptom<C extends string>(list: readonly C[], code: C): C[] {
  const set = new Set(list);
  if (set.has(code)) set.delete(code);
  else set.add(code);
  const order: readonly string[] = SYMPTOM_CODES;
  return [...set].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/**
 * Which form section a server error belongs to: "temperature", "symptoms[2]" → "symptoms",
 * "absence_reason"; null when it is not a field of the form (e.g. "day": window closed).
 */
export function errorSection(field: string | null | undefined): keyof ReportValues | null {
  if (!field) return null;
  const base = field.replace(/\[.*$/, '').replace(/\..*$/, '');
  const keys: (keyof ReportValues)[] = ['temperature', 'symptoms', 'code_color', 'household_fever', 'left_city', 'attending', 'absence_reason', 'absence_note'];
  return (keys as string[]).includes(base) ? (base as keyof ReportValues) : null;
}

/** Time of day of an instant in China time, "07:10" (server instants are UTC ISO strings). */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}
