// Pure helpers of the morning report (健康打卡) form shared by the family page and the staff
// self-report page: shapes of GET/PUT …/report, defaults and prefill, the payload, symptoms.

import type { MorningReport, MorningReportForm, MorningReportInput, MorningReportValues, ReportAdvice as ServerReportAdvice } from '@/api/types';
import { SYMPTOM_CODES, CODE_COLORS, ABSENCE_REASONS, type CodeColor, type SymptomCode } from './daily';
import { roundTemperature } from './temperature';

export { SYMPTOM_CODES, CODE_COLORS, ABSENCE_REASONS, type CodeColor, type SymptomCode };
// The temperature helpers are ./temperature's (one way for every entry); the check pages that
// show the report's values import these two from here.
export { formatTemperature, parseTemperature } from './temperature';

export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

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

/** Toggles a symptom chip (morning report, class check, declaration days); the result keeps the server's code order. */
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
