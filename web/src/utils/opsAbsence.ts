/** Pure helpers of the absence tracing page (因病缺勤追踪) and dropout-risk cases (控辍保学). */
import type { Absence, AbsenceTraceInput } from '@/api/types';

export const ABSENCE_STATUSES = ['overdue', 'untraced', 'traced', 'returned'] as const;
export type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];

export { SYMPTOM_CODES as SYMPTOMS, ABSENCE_REASONS } from './daily';


/** What the ordering needs of an absence (GET /api/absences items); any status code is ordered. */
export type AbsenceLike = Pick<Absence, 'id' | 'name' | 'class_name' | 'due_at'> & { status: string };

const ORDER: Record<string, number> = { overdue: 0, untraced: 1, traced: 2, returned: 3 };

/**
 * Overdue first (longest overdue on top), then untraced by due time, then traced, then returned;
 * otherwise the server's order (class, name) is kept.
 */
export function sortAbsences<T extends AbsenceLike>(items: readonly T[]): T[] {
  const due = (x: T) => (x.due_at ? Date.parse(x.due_at) : Number.MAX_SAFE_INTEGER);
  return [...items].sort(
    (a, b) =>
      (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) ||
      (a.status === 'overdue' || a.status === 'untraced' ? due(a) - due(b) : 0),
  );
}

/** Still to be traced (no reason yet). */
export function needsTrace(a: { status: string }): boolean {
  return a.status === 'untraced' || a.status === 'overdue';
}

/** A traced absence ends with the return check; returned ones are finished. */
export function canReturn(a: { status: string }): boolean {
  return a.status === 'traced';
}

export function absenceTone(status: string): 'danger' | 'warning' | 'success' | 'primary' | 'info' {
  switch (status) {
    case 'traced':
      return 'primary';
    case 'overdue':
      return 'danger';
    case 'untraced':
      return 'warning';
    case 'returned':
      return 'success';
    default:
      return 'info';
  }
}

export function dropoutTone(status: string): 'danger' | 'warning' | 'info' {
  return status === 'escalated' ? 'danger' : status === 'open' ? 'warning' : 'info';
}

export interface TraceForm {
  reason: string;
  symptoms: string[];
  clinic: string;
  diagnosis: string;
  note: string;
  /** Sick: was a clinic visited (yes: name it)? */
  clinic_visit?: '' | 'yes' | 'no';
  /** Sick: the diagnosis is not yet known; follow up by `follow_up_at` (ISO instant). */
  pending?: boolean;
  follow_up_at?: string;
}

/** What a sick trace still lacks (the server refuses it otherwise), as a field name, or null. */
export function sickMissing(f: TraceForm): 'symptoms' | 'clinic_visit' | 'clinic' | 'diagnosis' | 'follow_up_at' | null {
  if (f.reason !== 'sick') return null;
  if (f.symptoms.length === 0) return 'symptoms';
  if (!f.clinic_visit && !f.clinic.trim()) return 'clinic_visit';
  if (f.clinic_visit === 'yes' && !f.clinic.trim()) return 'clinic';
  if (f.diagnosis.trim()) return null;
  if (!f.pending) return 'diagnosis';
  if (!f.follow_up_at) return 'follow_up_at';
  return null;
}

/** The body POSTed to /api/absences/{id}/trace; symptoms, clinic and diagnosis only for sickness. */
export function traceBody(f: TraceForm): AbsenceTraceInput {
  const sick = f.reason === 'sick';
  const body = { reason: f.reason, symptoms: sick ? [...f.symptoms] : [] } as AbsenceTraceInput;
  if (sick && f.clinic_visit) body.clinic_visit = f.clinic_visit;
  if (sick && f.clinic_visit !== 'no' && f.clinic.trim()) body.clinic = f.clinic.trim();
  if (sick && f.diagnosis.trim()) body.diagnosis = f.diagnosis.trim();
  else if (sick && f.pending) {
    body.diagnosis_pending = true;
    if (f.follow_up_at) body.follow_up_at = f.follow_up_at;
  }
  if (f.note.trim()) body.note = f.note.trim();
  return body;
}
