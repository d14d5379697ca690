// Pure helpers of the class check (晨检/午检/晚检) and the staff checks pages: the tile states of
// an exception-based roster, the marks payload, the summary, family suggestions.
import type { CheckMark, CheckMarkInput, ClassCheck, ClassCheckPupil, ClassCheckReport, StaffCheckList, StaffCheckRow, StaffReading } from '@/api/types';
import { roundTemperature } from './temperature';

export const SESSIONS = ['morning', 'noon', 'evening'] as const;
export type CheckSession = (typeof SESSIONS)[number];
export const CHECK_REASONS = ['unknown', 'sick', 'personal', 'other'] as const;
export type CheckReason = (typeof CHECK_REASONS)[number];
/**
 * present: seen and well (the default); look: the family reported a fever or symptom and still
 * sent the pupil (待查看, must be decided before submitting); confirmed: looked at and confirmed
 * well (sent as a "normal" mark).
 */
export type TileStatus = 'present' | 'absent' | 'abnormal' | 'look' | 'confirmed';

/** The family's report of today as the roster shows it; a stored mark; a roster row; GET /api/classes/{id}/check. */
export type RosterReport = ClassCheckReport;
export type StoredMark = CheckMark;
export type RosterEntry = ClassCheckPupil;
export type ClassCheckData = ClassCheck;

/** One pupil's state on the check screen; everyone starts present and normal. */
export interface TileState {
  status: TileStatus;
  reason: CheckReason;
  temperature: number | null;
  symptoms: NonNullable<CheckMarkInput['symptoms']>;
}

/** One element of PUT /api/classes/{id}/check marks. */
export type MarkPayload = CheckMarkInput;

export function presentTile(): TileState {
  return { status: 'present', reason: 'unknown', temperature: null, symptoms: [] };
}

function asReason(v: string | null | undefined): CheckReason {
  return v === 'sick' || v === 'personal' || v === 'other' ? v : 'unknown';
}

/** Tiles as saved (the marks of a done check), everyone else present. */
export function initialTiles(roster: readonly RosterEntry[]): Record<string, TileState> {
  const out: Record<string, TileState> = {};
  for (const p of roster) {
    const m = p.mark;
    if (m && (m.status === 'absent' || m.status === 'abnormal')) {
      out[p.id] = {
        status: m.status,
        reason: m.status === 'absent' ? asReason(m.absence_reason) : 'unknown',
        temperature: typeof m.temperature === 'number' ? m.temperature : null,
        symptoms: Array.isArray(m.symptoms) ? [...m.symptoms] : [],
      };
    } else if (m && m.status === 'normal') {
      out[p.id] = { ...presentTile(), status: 'confirmed', temperature: typeof m.temperature === 'number' ? m.temperature : null };
    } else {
      out[p.id] = p.to_look_at ? { ...presentTile(), status: 'look' } : presentTile();
    }
  }
  return out;
}

/** Pupils still "to look at": the check cannot be submitted until each is decided. */
export function undecided(roster: readonly RosterEntry[], tiles: Record<string, TileState>): RosterEntry[] {
  return roster.filter((p) => tiles[p.id]?.status === 'look');
}

/**
 * Pupils the family reported as not attending but who are still "present" on screen: suggested
 * absences (accepted with one tap). None once the check has been saved: the teacher decided.
 */
export function suggestedAbsences(roster: readonly RosterEntry[], tiles: Record<string, TileState>, done: boolean): RosterEntry[] {
  if (done) return [];
  return roster.filter((p) => p.report && p.report.attending === false && (tiles[p.id]?.status ?? 'present') === 'present');
}

/** Marks the suggested pupils absent with the reason the family gave. */
export function acceptSuggestions(tiles: Record<string, TileState>, suggested: readonly RosterEntry[]): Record<string, TileState> {
  const out = { ...tiles };
  for (const p of suggested) out[p.id] = { ...presentTile(), status: 'absent', reason: asReason(p.report?.absence_reason) };
  return out;
}

/** The marks payload in roster order: only absent and abnormal pupils ("unknown" reason is left out). */
export function buildMarks(roster: readonly RosterEntry[], tiles: Record<string, TileState>): MarkPayload[] {
  const out: MarkPayload[] = [];
  for (const p of roster) {
    const s = tiles[p.id];
    if (!s || s.status === 'present' || s.status === 'look') continue;
    if (s.status === 'confirmed') {
      const m: MarkPayload = { person_id: p.id, status: 'normal' };
      if (s.temperature !== null && Number.isFinite(s.temperature)) m.temperature = roundTemperature(s.temperature);
      out.push(m);
    } else if (s.status === 'absent') {
      const m: MarkPayload = { person_id: p.id, status: 'absent' };
      if (s.reason !== 'unknown') m.absence_reason = s.reason;
      out.push(m);
    } else {
      const m: MarkPayload = { person_id: p.id, status: 'abnormal' };
      if (s.temperature !== null && Number.isFinite(s.temperature)) m.temperature = roundTemperature(s.temperature);
      if (s.symptoms.length) m.symptoms = [...s.symptoms];
      out.push(m);
    }
  }
  return out;
}

/** Abnormal pupils without a temperature or a symptom (the server refuses those). */
export function incompleteAbnormal(roster: readonly RosterEntry[], tiles: Record<string, TileState>): RosterEntry[] {
  return roster.filter((p) => {
    const s = tiles[p.id];
    return s?.status === 'abnormal' && (s.temperature === null || !Number.isFinite(s.temperature)) && s.symptoms.length === 0;
  });
}

export interface CheckSummary {
  enrolled: number;
  present: number;
  absent: number;
  abnormal: number;
  fever: number;
}

/** Present counts everyone not absent (abnormal pupils are at school); fevers only with a known threshold. */
export function summarize(roster: readonly RosterEntry[], tiles: Record<string, TileState>, feverThreshold: number | null): CheckSummary {
  let absent = 0;
  let abnormal = 0;
  let fever = 0;
  for (const p of roster) {
    const s = tiles[p.id];
    if (s?.status === 'absent') absent++;
    else if (s?.status === 'abnormal') {
      abnormal++;
      if (s.temperature !== null && feverThreshold !== null && s.temperature >= feverThreshold) fever++;
    }
  }
  return { enrolled: roster.length, present: roster.length - absent, absent, abnormal, fever };
}

/** Whether the tiles differ from what was saved (to warn before leaving / show "not submitted"). */
export function tilesChanged(roster: readonly RosterEntry[], tiles: Record<string, TileState>): boolean {
  const saved = initialTiles(roster);
  return JSON.stringify(buildMarks(roster, saved)) !== JSON.stringify(buildMarks(roster, tiles));
}

// ---------- staff checks ----------

export type StaffCheckReading = StaffReading;
export type StaffCheckItem = StaffCheckRow;
/** GET /api/schools/{id}/staff-checks. */
export type StaffChecksData = StaffCheckList;

export type StaffFilter = 'all' | 'required' | 'short';

/** Staff rows shown for a filter and a name search; the server's order (by role, then name) is kept. */
export function filterStaff(items: readonly StaffCheckItem[], filter: StaffFilter, q = ''): StaffCheckItem[] {
  const needle = q.trim();
  return items.filter((i) => {
    if (filter === 'required' && i.required === 0) return false;
    if (filter === 'short' && !i.short) return false;
    return needle === '' || i.name.includes(needle);
  });
}

/** How many checks a required staff member still needs today (0 when not required or enough). */
export function checksMissing(item: Pick<StaffCheckItem, 'required' | 'checks'>): number {
  return Math.max(0, item.required - item.checks.length);
}
