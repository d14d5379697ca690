// Pure helpers of the morning report (健康打卡) form shared by the family page and the staff
// self-report page: shapes of GET/PUT …/report, defaults and prefill, the payload, temperatures.

import { SYMPTOM_CODES, CODE_COLORS, ABSENCE_REASONS, type CodeColor } from './daily';

export { SYMPTOM_CODES, CODE_COLORS, ABSENCE_REASONS, type CodeColor };

export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export const TEMP_MIN = 35.0;
export const TEMP_MAX = 42.0;
export const TEMP_DEFAULT = 36.5;
export const FEVER_DEFAULT = 37.3;

/** What the family (or staff member) fills in. */
export interface ReportValues {
  temperature: number | null;
  symptoms: string[];
  code_color: CodeColor;
  household_fever: boolean;
  left_city: boolean;
  attending: boolean;
  absence_reason: AbsenceReason | '';
  absence_note: string;
}

/** A report as the server stores it. */
export interface StoredReport extends Omit<ReportValues, 'code_color' | 'absence_reason'> {
  id: string;
  code_color: string;
  absence_reason: string;
  late: boolean;
  reported_at: string;
  updated_at: string;
}

/** GET /api/family/children/{id}/report and GET /api/me/report. */
export interface ReportFormData {
  person: { id: string; name: string; kind: string; class_name?: string; staff_role?: string };
  day: string;
  window: { start: string; end: string };
  open: boolean;
  late_now: boolean;
  correctable: boolean;
  report: StoredReport | null;
  prefill: (Omit<ReportValues, 'code_color' | 'absence_reason'> & { code_color: string; absence_reason: string }) | null;
  fever_threshold: number;
  symptom_codes: string[];
  /** Today's report's advice (issue 16): keep the child at home after a fever or symptom. */
  advice?: ReportAdvice | null;
}

/** What the server advises after a report: keep_home with reasons "fever" / "symptoms". */
export interface ReportAdvice {
  keep_home: boolean;
  reasons: string[];
  fever_threshold: number;
}

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

/** The body of PUT …/report. Absence fields only when not attending (the server drops them anyway). */
export interface ReportPayload {
  temperature?: number;
  symptoms: string[];
  code_color: CodeColor;
  household_fever: boolean;
  left_city: boolean;
  attending: boolean;
  absence_reason?: AbsenceReason;
  absence_note?: string;
}

export function defaultValues(): ReportValues {
  return {
    temperature: TEMP_DEFAULT,
    symptoms: [],
    code_color: 'green',
    household_fever: false,
    left_city: false,
    attending: true,
    absence_reason: '',
    absence_note: '',
  };
}

function asColor(v: unknown): CodeColor {
  return (CODE_COLORS as readonly unknown[]).includes(v) ? (v as CodeColor) : 'green';
}
function asReason(v: unknown): AbsenceReason | '' {
  return (ABSENCE_REASONS as readonly unknown[]).includes(v) ? (v as AbsenceReason) : '';
}

/**
 * Starting values of the form: today's report when correcting it, else yesterday's values, else
 * defaults (36.5, no symptoms, green, attending). A missing temperature of yesterday (absent) falls
 * back to 36.5 so an attending report can be sent with one tap.
 */
export function initialValues(form: Pick<ReportFormData, 'report' | 'prefill'> | null): ReportValues {
  const src = form?.report ?? form?.prefill ?? null;
  const d = defaultValues();
  if (!src) return d;
  const symptoms = Array.isArray(src.symptoms) ? src.symptoms.filter((s) => (SYMPTOM_CODES as readonly string[]).includes(s)) : [];
  return {
    // Today's report keeps its missing temperature (not attending); yesterday's falls back to 36.5.
    temperature: typeof src.temperature === 'number' ? roundTemperature(src.temperature) : form?.report ? null : d.temperature,
    symptoms,
    code_color: asColor(src.code_color),
    household_fever: src.household_fever === true,
    left_city: src.left_city === true,
    attending: src.attending !== false,
    absence_reason: src.attending === false ? asReason(src.absence_reason) : '',
    absence_note: src.attending === false ? (src.absence_note ?? '') : '',
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

export function isFever(t: number | null | undefined, threshold: number = FEVER_DEFAULT): boolean {
  return typeof t === 'number' && Number.isFinite(t) && t >= threshold;
}

/** Toggles a symptom chip; the result keeps the server's code order. */
export function toggleSymptom(list: readonly string[], code: string): string[] {
  const set = new Set(list);
  if (set.has(code)) set.delete(code);
  else set.add(code);
  const order = SYMPTOM_CODES as readonly string[];
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
