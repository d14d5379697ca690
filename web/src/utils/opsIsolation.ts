/** Pure helpers of the observation and isolation board (abnormal person workflow, SPEC §2). */
import type { ObservationItem, ObservationStepInput } from '@/api/types';

export const OPEN_STAGES = ['observation', 'isolation', 'away', 'awaiting_return'] as const;
export const FINAL_STAGES = ['returned', 'closed'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type Stage = OpenStage | (typeof FINAL_STAGES)[number];

export const STEPS = ['recheck', 'isolate', 'notify_guardian', 'picked_up', 'sent_to_clinic', 'outcome', 'return', 'close'] as const;
export type Step = (typeof STEPS)[number];

const STAGE_STEPS: Record<string, readonly Step[]> = {
  observation: ['recheck', 'isolate', 'close'],
  isolation: ['notify_guardian', 'picked_up', 'sent_to_clinic', 'close'],
  away: ['outcome', 'close'],
  awaiting_return: ['return', 'close'],
};

/** The steps the board offers for a stage (the server checks the same transitions). */
export function stepsForStage(stage: string): readonly Step[] {
  return STAGE_STEPS[stage] ?? [];
}

export function isOpenStage(stage: string): stage is OpenStage {
  return (OPEN_STAGES as readonly string[]).includes(stage);
}

export interface StepForm {
  temperature: number | null;
  note: string;
  clinic: string;
  hotline: string;
  diagnosis: string;
  certificate: boolean;
}

export interface StepFields {
  temperature: 'required' | 'optional' | 'none';
  clinic: boolean;
  hotline: boolean;
  diagnosis: boolean;
  certificate: boolean;
}

/** Which inputs a step's form shows. */
export function stepFields(step: Step): StepFields {
  return {
    temperature: step === 'recheck' ? 'required' : step === 'isolate' ? 'optional' : 'none',
    clinic: step === 'sent_to_clinic',
    hotline: step === 'sent_to_clinic',
    diagnosis: step === 'outcome',
    certificate: step === 'return',
  };
}

/** The first missing input as a message key under `isolation.form`, or null when the form can be sent. */
export function validateStep(step: Step, f: StepForm): string | null {
  const fields = stepFields(step);
  if (fields.temperature === 'required' && (f.temperature === null || !Number.isFinite(f.temperature))) return 'needTemperature';
  if (fields.clinic && !f.clinic.trim()) return 'needClinic';
  if (fields.diagnosis && !f.diagnosis.trim()) return 'needDiagnosis';
  if (fields.certificate && !f.certificate) return 'needCertificate';
  return null;
}

const HOTLINE_MARK = '☎';
const HOTLINE_RE = /(?:☎|热线|hotline)[:：\s]*([0-9+()][0-9+()\- ]{3,}[0-9])/i;

/** The note sent with a step: the fever clinic's hotline (sent-to-clinic) first, then the note. */
export function composeStepNote(step: Step, f: Pick<StepForm, 'note' | 'hotline'>): string {
  const note = f.note.trim();
  const hotline = f.hotline.trim();
  if (step !== 'sent_to_clinic' || !hotline) return note;
  return note ? `${HOTLINE_MARK} ${hotline}；${note}` : `${HOTLINE_MARK} ${hotline}`;
}

/** The hotline written in a step note, if any. */
export function parseHotline(note: string | null | undefined): string | null {
  if (!note) return null;
  const m = HOTLINE_RE.exec(note);
  return m ? m[1].trim() : null;
}

/** The body POSTed to /api/observations/{id}/steps. */
export function stepBody(step: Step, f: StepForm): ObservationStepInput {
  const fields = stepFields(step);
  const body: ObservationStepInput = { step: step as ObservationStepInput['step'] };
  if (fields.temperature !== 'none' && f.temperature !== null && Number.isFinite(f.temperature)) body.temperature = f.temperature;
  const note = composeStepNote(step, f);
  if (note) body.note = note;
  if (fields.clinic) body.clinic = f.clinic.trim();
  if (fields.diagnosis) body.diagnosis = f.diagnosis.trim();
  if (fields.certificate) body.certificate = f.certificate;
  return body;
}

// --- due times ----------------------------------------------------------------------------

export interface Due {
  /** Whole minutes until the due time (rounded up), or since it (rounded down) when overdue. */
  minutes: number;
  overdue: boolean;
}

/** How far a due instant is from now; null without a due time. */
export function dueInfo(dueAt: string | null | undefined, now: number): Due | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const diff = due - now;
  if (diff >= 0) return { minutes: Math.ceil(diff / 60000), overdue: false };
  return { minutes: Math.floor(-diff / 60000), overdue: true };
}

/** Minutes and hours for display: { h, m } of a duration in minutes. */
export function splitMinutes(minutes: number): { h: number; m: number } {
  const n = Math.max(0, Math.floor(minutes));
  return { h: Math.floor(n / 60), m: n % 60 };
}

/** Whole minutes elapsed since an instant (0 when in the future or unreadable). */
export function minutesSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.floor((now - t) / 60000));
}

/** What the board needs of an episode (GET /api/schools/{id}/observations items). */
export type BoardItem = Pick<ObservationItem, 'id' | 'stage' | 'opened_at' | 'next'>;

/** Items per stage; each stage ordered by what is due first, then by when it was opened. */
export function groupByStage<T extends BoardItem>(items: readonly T[]): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const s of [...OPEN_STAGES, 'done']) out[s] = [];
  for (const it of items) (out[isOpenStage(it.stage) ? it.stage : 'done'] ??= []).push(it);
  const key = (it: T) => (it.next?.due_at ? Date.parse(it.next.due_at) : Number.MAX_SAFE_INTEGER);
  for (const s of OPEN_STAGES) out[s].sort((a, b) => key(a) - key(b) || a.opened_at.localeCompare(b.opened_at));
  out.done.sort((a, b) => b.opened_at.localeCompare(a.opened_at));
  return out;
}

/** Rechecks that are late (a return check past its earliest time is allowed, not late). */
export function overdueCount(items: readonly BoardItem[], now: number): number {
  return items.filter((it) => it.next?.action === 'recheck' && dueInfo(it.next.due_at, now)?.overdue).length;
}
