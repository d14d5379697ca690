/**
 * Pure helpers of the school's return-to-school pages (返校审核关): eligibility board, document
 * review, staggered return plan, not-returned list and commitment letters. No stores, no i18n.
 */
import { formatMinutes } from './format';
import type {
  DocumentNeeded,
  EligibilityCounts,
  EligibilityRow,
  Grant,
  NotReturnedPerson,
  OrgNode,
  PlanBatch as ServerBatch,
  PlanGate,
  PlanGrade,
  PlanSlot as ServerSlot,
  ReturnCounts,
  ReturnDecision,
  ReturnPlan as ServerPlan,
  ReturnReason,
  ReviewedDocument,
  SchoolDocument,
} from '@/api/types';

// ---------------------------------------------------------------- vocabulary
export const DECISION_STATUSES = ['eligible', 'conditional', 'not_eligible', 'undeclared'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const RULES = ['risk_area', 'isolation', 'outside_city', 'key_person', 'health_code', 'symptoms', 'abroad', 'declaration'] as const;

export const DOCUMENT_KINDS = [
  'negative_test',
  'release_certificate',
  'trajectory_report',
  'health_certificate',
  'medical_certificate',
  'quarantine_certificate',
] as const;

export const DOCUMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const NOT_RETURNED_REASONS = ['abroad', 'risk_area', 'isolating', 'sick', 'other', 'dropout_risk'] as const;
export type NotReturnedReason = (typeof NOT_RETURNED_REASONS)[number];

export const RETURN_STATES = ['returned', 'not_returned', 'unaccounted'] as const;

export const LETTER_LEVELS = ['bureau_school', 'school_family', 'school_staff'] as const;
export type LetterLevel = (typeof LETTER_LEVELS)[number];

/** Placeholders a letter template may use (filled by the server when a family reads it). */
export const LETTER_PLACEHOLDERS = ['school', 'name', 'class', 'guardian', 'date'] as const;

// ---------------------------------------------------------------- shapes (generated from the API contract)
export type Reason = ReturnReason;
export type Decision = ReturnDecision;
export type { DocumentNeeded };
/** A document of the school's queue; the review's answer adds the person's new decision. */
export type ReopenDocument = SchoolDocument & Pick<ReviewedDocument, 'decision'>;
export type PersonEligibility = EligibilityRow;
export type StatusCounts = EligibilityCounts;

// ---------------------------------------------------------------- eligibility board
const STATUS_ORDER: Record<string, number> = { not_eligible: 0, conditional: 1, undeclared: 2, eligible: 3 };

export function statusTone(status: string): 'success' | 'warning' | 'danger' | 'info' {
  switch (status) {
    case 'eligible':
      return 'success';
    case 'conditional':
      return 'warning';
    case 'not_eligible':
      return 'danger';
    default:
      return 'info';
  }
}

export function documentTone(status: string): 'success' | 'warning' | 'danger' | 'info' {
  switch (status) {
    case 'approved':
      return 'success';
    case 'pending':
      return 'warning';
    case 'rejected':
      return 'danger';
    default:
      return 'info';
  }
}

/** Counts of each decision status (used when the server's counts are missing, and in tests). */
export function countStatuses(people: readonly { status: string }[]): StatusCounts {
  const c: StatusCounts = { eligible: 0, conditional: 0, not_eligible: 0, undeclared: 0, total: people.length };
  for (const p of people) {
    if (p.status in c && p.status !== 'total') c[p.status as DecisionStatus] += 1;
    else c.undeclared += 1;
  }
  return c;
}

/** Normalises a possibly partial counts object from the server. */
export function normalizeCounts(c: Partial<StatusCounts> | null | undefined): StatusCounts {
  const out: StatusCounts = {
    eligible: c?.eligible ?? 0,
    conditional: c?.conditional ?? 0,
    not_eligible: c?.not_eligible ?? 0,
    undeclared: c?.undeclared ?? 0,
    total: 0,
  };
  out.total = c?.total ?? out.eligible + out.conditional + out.not_eligible + out.undeclared;
  return out;
}

/** Share of people with a declaration, 0–100 (rounded down so 99.6 % is not shown as done). */
export function declaredPercent(c: StatusCounts): number {
  if (c.total <= 0) return 0;
  return Math.floor(((c.total - c.undeclared) * 100) / c.total);
}

/** Share of people allowed back, 0–100. */
export function eligiblePercent(c: StatusCounts): number {
  if (c.total <= 0) return 0;
  return Math.floor((c.eligible * 100) / c.total);
}

/** Filters by decision status ('' = all) and a name / number query. */
export function filterPeople<T extends { status: string; name: string; student_no?: string | null }>(
  people: readonly T[],
  status: string,
  query = '',
): T[] {
  const q = query.trim().toLowerCase();
  return people.filter(
    (p) => (!status || p.status === status) && (!q || p.name.toLowerCase().includes(q) || (p.student_no ?? '').toLowerCase().includes(q)),
  );
}

/** Who needs attention first: not eligible, documents needed, undeclared, eligible; then by number and name. */
export function sortByUrgency<T extends { status: string; name: string; student_no?: string | null }>(people: readonly T[]): T[] {
  return [...people].sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
      (a.student_no ?? '').localeCompare(b.student_no ?? '') ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** Roster order (student number, then name). */
export function sortByNumber<T extends { name: string; student_no?: string | null }>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => (a.student_no ?? '').localeCompare(b.student_no ?? '') || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The person is flagged as a key-supervision person (重点监管人员). */
export function isKeyPerson(p: { key_person?: boolean; reasons: readonly { rule: string }[] }): boolean {
  return p.key_person ?? p.reasons.some((r) => r.rule === 'key_person');
}

/** Documents still to be handled by the family (missing or rejected). */
export function openDocuments(needed: readonly DocumentNeeded[]): DocumentNeeded[] {
  return needed.filter((d) => d.status === 'missing' || d.status === 'rejected');
}

/** Documents waiting for the school's review. */
export function pendingDocuments(needed: readonly DocumentNeeded[]): DocumentNeeded[] {
  return needed.filter((d) => d.status === 'pending');
}

/** 'YYYY-MM-DD' → 'M月D日' / 'Mon D' parts (locale-free): returns [month, day]. */
export function monthDay(date: string): [number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? [Number(m[2]), Number(m[3])] : null;
}

// ---------------------------------------------------------------- document preview
export function isImage(mime: string, filename = ''): boolean {
  return /^image\//.test(mime) || /\.(png|jpe?g|gif|webp)$/i.test(filename);
}
export function isPdf(mime: string, filename = ''): boolean {
  return mime === 'application/pdf' || /\.pdf$/i.test(filename);
}

/** 1234567 → '1.2 MB'; 2048 → '2 KB'. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Oldest upload first, so the queue is worked in order. */
export function sortQueue<T extends { uploaded_at: string; id: string }>(docs: readonly T[]): T[] {
  return [...docs].sort((a, b) => a.uploaded_at.localeCompare(b.uploaded_at) || a.id.localeCompare(b.id));
}

/** The next document to show after one was reviewed (the one that took its place, else the one before). */
export function nextAfter<T extends { id: string }>(docs: readonly T[], reviewedId: string): T | null {
  const i = docs.findIndex((d) => d.id === reviewedId);
  if (i < 0) return docs[0] ?? null;
  return docs[i + 1] ?? docs[i - 1] ?? null;
}

// ---------------------------------------------------------------- return plan
export type { PlanGate, PlanGrade };
/** A batch being edited: the server's batch, the names it adds (grade_names, levels) not yet known. */
export type PlanBatch = Omit<ServerBatch, 'grade_names' | 'levels'> & Partial<Pick<ServerBatch, 'grade_names' | 'levels'>>;
/** A slot being edited: the server's slot, the names and counts it adds not yet known. */
export type PlanSlot = Omit<ServerSlot, 'gate_name' | 'grade_name' | 'pupils'> & Partial<Pick<ServerSlot, 'gate_name' | 'grade_name' | 'pupils'>>;
/** The return plan as the editor holds it (GET …/return-plan, then edited). */
export type ReturnPlan = Omit<ServerPlan, 'batches' | 'slots'> & { batches: PlanBatch[]; slots: PlanSlot[] };

/** A validation problem of the plan editor: field as the server names it, key of the message, params. */
export interface PlanIssue {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isTime(s: string | null | undefined): s is string {
  return typeof s === 'string' && TIME_RE.test(s);
}

export function isDate(s: string | null | undefined): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** 'HH:MM' → minutes after midnight; NaN when not a time. */
export function toMinutes(s: string): number {
  const m = TIME_RE.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

/** Minutes after midnight → 'HH:MM' (clamped to the day). */
export function fromMinutes(min: number): string {
  const v = Math.max(0, Math.min(23 * 60 + 59, Math.round(min)));
  return formatMinutes(v);
}

/** Adds days to 'YYYY-MM-DD'. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Grade level → sort order of the default policy: senior 3 / junior 3 first, kindergarten last. */
export function gradeOrder(grades: readonly PlanGrade[]): PlanGrade[] {
  return [...grades].sort((a, b) => b.level - a.level || a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * Checks the editor's plan before it is sent, as the server does (every grade of the school in
 * exactly one batch, batch dates in order, one window per grade, windows and meals that end after
 * they start, no two grades at one gate at the same time). Errors use the server's field names
 * (batches[i].return_date, batches[i].grade_ids, slots[i].end …).
 */
export function validatePlan(plan: Pick<ReturnPlan, 'grades' | 'batches' | 'slots'>, gateIds?: readonly string[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const owner = new Map<string, number>();
  let previous = '';
  plan.batches.forEach((b, i) => {
    if (!b.name.trim()) issues.push({ field: `batches[${i}].name`, key: 'nameRequired' });
    if (!isDate(b.return_date)) issues.push({ field: `batches[${i}].return_date`, key: 'dateRequired' });
    else {
      if (previous && b.return_date < previous) issues.push({ field: `batches[${i}].return_date`, key: 'dateOrder', params: { date: previous } });
      previous = b.return_date;
    }
    if (b.grade_ids.length === 0) issues.push({ field: `batches[${i}].grade_ids`, key: 'gradesRequired' });
    for (const g of b.grade_ids) {
      if (owner.has(g)) issues.push({ field: `batches[${i}].grade_ids`, key: 'gradeTwice', params: { grade: gradeName(plan.grades, g) } });
      else owner.set(g, i);
    }
  });
  for (const g of plan.grades) {
    if (!owner.has(g.id)) issues.push({ field: 'batches', key: 'gradeUnassigned', params: { grade: g.name } });
  }
  const seen = new Set<string>();
  plan.slots.forEach((s, i) => {
    const f = (k: string) => `slots[${i}].${k}`;
    if (seen.has(s.grade_id)) issues.push({ field: f('grade_id'), key: 'gradeSlotTwice', params: { grade: gradeName(plan.grades, s.grade_id) } });
    seen.add(s.grade_id);
    const needGate = !gateIds || gateIds.length > 0;
    if ((needGate && !s.gate_id) || (s.gate_id && gateIds && !gateIds.includes(s.gate_id))) issues.push({ field: f('gate_id'), key: 'gateRequired' });
    for (const k of ['start', 'end', 'meal_start', 'meal_end'] as const) {
      if (!isTime(s[k])) issues.push({ field: f(k), key: 'timeInvalid' });
    }
    if (isTime(s.start) && isTime(s.end) && toMinutes(s.end) <= toMinutes(s.start)) issues.push({ field: f('end'), key: 'endBeforeStart' });
    if (isTime(s.meal_start) && isTime(s.meal_end) && toMinutes(s.meal_end) <= toMinutes(s.meal_start)) {
      issues.push({ field: f('meal_end'), key: 'mealEndBeforeStart' });
    }
    if (isTime(s.end) && isTime(s.meal_start) && toMinutes(s.meal_start) < toMinutes(s.end)) {
      issues.push({ field: f('meal_start'), key: 'mealBeforeArrival' });
    }
    // Everyone comes every day once the last batch is back: windows at one gate must not overlap.
    if (isTime(s.start) && isTime(s.end)) {
      for (let k = 0; k < i; k++) {
        const o = plan.slots[k];
        if ((o.gate_id || '') !== (s.gate_id || '') || !isTime(o.start) || !isTime(o.end)) continue;
        if (toMinutes(s.start) < toMinutes(o.end) && toMinutes(o.start) < toMinutes(s.end)) {
          issues.push({ field: f('start'), key: 'overlap', params: { grade: gradeName(plan.grades, o.grade_id) } });
          break;
        }
      }
    }
  });
  return issues;
}

function gradeName(grades: readonly PlanGrade[], id: string): string {
  return grades.find((g) => g.id === id)?.name ?? id;
}

/** The batch (index) a grade returns with, or -1. */
export function batchOfGrade(batches: readonly PlanBatch[], gradeId: string): number {
  return batches.findIndex((b) => b.grade_ids.includes(gradeId));
}

/**
 * Warnings (not errors): two grades entering at the same gate less than `gapMinutes` apart
 * (seed 001: grades 10–15 minutes apart).
 */
export function planWarnings(plan: Pick<ReturnPlan, 'grades' | 'batches' | 'slots'>, gapMinutes = 10): PlanIssue[] {
  const out: PlanIssue[] = [];
  const slots = plan.slots.map((s, i) => ({ s, i }));
  for (let a = 0; a < slots.length; a++) {
    for (let b = a + 1; b < slots.length; b++) {
      const x = slots[a];
      const y = slots[b];
      if (x.s.gate_id !== y.s.gate_id || x.s.grade_id === y.s.grade_id) continue;
      if (!isTime(x.s.start) || !isTime(y.s.start)) continue;
      const apart = Math.abs(toMinutes(x.s.start) - toMinutes(y.s.start));
      if (apart < gapMinutes) {
        out.push({
          field: `slots[${y.i}].start`,
          key: 'tooClose',
          params: { a: x.s.grade_name ?? gradeName(plan.grades, x.s.grade_id), b: y.s.grade_name ?? gradeName(plan.grades, y.s.grade_id), gap: gapMinutes },
        });
      }
    }
  }
  return out;
}

/** Body of PUT /api/schools/{id}/return-plan. */
export function planBody(plan: Pick<ReturnPlan, 'batches' | 'slots'>) {
  return {
    batches: plan.batches.map((b, i) => ({ seq: i + 1, name: b.name.trim(), grade_ids: [...b.grade_ids], return_date: b.return_date ?? '' })),
    slots: plan.slots.map((s) => ({ grade_id: s.grade_id, gate_id: s.gate_id || null, start: s.start, end: s.end, meal_start: s.meal_start, meal_end: s.meal_end })),
  };
}

/** Parses a field name the server sends ('slots[2].end') into its parts. */
export function parseField(field: string | null | undefined): { list: string; index: number; key: string } | null {
  const m = field ? /^(\w+)\[(\d+)\](?:\.(\w+))?/.exec(field) : null;
  return m ? { list: m[1], index: Number(m[2]), key: m[3] ?? '' } : null;
}

/**
 * Timetable rows of a plan: one group per batch in batch order, slots by arrival time then gate.
 * Slots of grades outside every batch come last in a group with batch index -1.
 */
export function timetable(plan: Pick<ReturnPlan, 'grades' | 'gates' | 'batches' | 'slots'>) {
  const gradeN = (id: string) => gradeName(plan.grades, id);
  const gateN = (id: string) => plan.gates.find((g) => g.id === id)?.name ?? id;
  const pupilsOf = (id: string) => plan.grades.find((g) => g.id === id)?.pupils ?? 0;
  const rowsOf = (pred: (s: PlanSlot) => boolean) =>
    plan.slots
      .filter(pred)
      .map((s) => ({ ...s, grade_name: gradeN(s.grade_id), gate_name: s.gate_id ? gateN(s.gate_id) : '', pupils: s.pupils ?? pupilsOf(s.grade_id) }))
      .sort((a, b) => (toMinutes(a.start) || 0) - (toMinutes(b.start) || 0) || a.gate_name.localeCompare(b.gate_name, 'zh-CN'));
  const groups = plan.batches.map((b, i) => ({
    index: i,
    name: b.name,
    return_date: b.return_date,
    grades: b.grade_ids.map(gradeN),
    pupils: b.grade_ids.reduce((n, g) => n + pupilsOf(g), 0),
    rows: rowsOf((s) => b.grade_ids.includes(s.grade_id)),
  }));
  const orphans = rowsOf((s) => batchOfGrade(plan.batches, s.grade_id) < 0);
  if (orphans.length) groups.push({ index: -1, name: '', return_date: '', grades: [], pupils: 0, rows: orphans });
  return groups;
}

/**
 * Re-staggers the arrival windows of one batch at each gate: the first grade at `first`, each next
 * `step` minutes later, windows `length` minutes long; meal times follow the same offsets.
 */
export function stagger(
  plan: Pick<ReturnPlan, 'batches' | 'slots'>,
  batchIndex: number,
  opts: { first: string; step: number; length: number; mealFirst: string; mealLength: number },
): PlanSlot[] {
  const batch = plan.batches[batchIndex];
  if (!batch || !isTime(opts.first) || !isTime(opts.mealFirst)) return plan.slots;
  const perGate = new Map<string, number>();
  return plan.slots.map((s) => {
    const order = batch.grade_ids.indexOf(s.grade_id);
    if (order < 0) return s;
    const n = perGate.get(s.gate_id ?? '') ?? 0;
    perGate.set(s.gate_id ?? '', n + 1);
    const start = toMinutes(opts.first) + n * opts.step;
    const meal = toMinutes(opts.mealFirst) + n * opts.step;
    return { ...s, start: fromMinutes(start), end: fromMinutes(start + opts.length), meal_start: fromMinutes(meal), meal_end: fromMinutes(meal + opts.mealLength) };
  });
}

// ---------------------------------------------------------------- not returned
export type { ReturnCounts };

type ReasonCounts = ReturnCounts['by_reason'];
/** Counts as they may come from older data: any part missing. */
export type PartialReturnCounts = Partial<Omit<ReturnCounts, 'by_reason'>> & { by_reason?: Partial<ReasonCounts> };

export function normalizeReturnCounts(c: PartialReturnCounts | null | undefined): ReturnCounts {
  const by_reason = {} as ReasonCounts;
  for (const r of NOT_RETURNED_REASONS) by_reason[r] = c?.by_reason?.[r] ?? 0;
  return {
    enrolled: c?.enrolled ?? 0,
    expected: c?.expected ?? 0,
    returned: c?.returned ?? 0,
    not_returned: c?.not_returned ?? 0,
    unaccounted: c?.unaccounted ?? 0,
    by_reason,
  };
}

/** Share of the expected people who are back, 0–100. */
export function returnedPercent(c: ReturnCounts): number {
  return c.expected > 0 ? Math.floor((c.returned * 100) / c.expected) : 0;
}

export type NotReturnedRow = NotReturnedPerson;

/** Unaccounted first (they need a reason), then dropout risk, then by expected date, class and name. */
export function sortNotReturned<T extends NotReturnedRow>(rows: readonly T[]): T[] {
  const rank = (r: T) => (r.state === 'unaccounted' ? 0 : r.reason === 'dropout_risk' ? 1 : 2);
  return [...rows].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.expected_date ?? '9999').localeCompare(b.expected_date ?? '9999') ||
      (a.class_name ?? '').localeCompare(b.class_name ?? '', 'zh-CN') ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}

export function filterNotReturned<T extends NotReturnedRow>(rows: readonly T[], f: { kind?: string; state?: string; reason?: string; query?: string }): T[] {
  const q = (f.query ?? '').trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.kind || r.kind === f.kind) &&
      (!f.state || r.state === f.state) &&
      (!f.reason || r.reason === f.reason) &&
      (!q || r.name.toLowerCase().includes(q) || (r.class_name ?? '').toLowerCase().includes(q)),
  );
}

/** Checks the mark form; returns the field and message key of the first problem, or null. */
export function validateReturnMark(
  form: { state: string; reason: string; expected_date: string | null; note: string },
  today?: string,
): { field: string; key: string } | null {
  if (form.state === 'returned') return null;
  if (!(NOT_RETURNED_REASONS as readonly string[]).includes(form.reason)) return { field: 'reason', key: 'reasonRequired' };
  if (form.expected_date && !isDate(form.expected_date)) return { field: 'expected_date', key: 'dateInvalid' };
  if (form.expected_date && today && form.expected_date < today) return { field: 'expected_date', key: 'datePast' };
  if (form.reason === 'other' && !form.note.trim()) return { field: 'note', key: 'noteRequired' };
  return null;
}

// ---------------------------------------------------------------- commitment letters
export function completion(signed: number, total: number): number {
  return total > 0 ? Math.floor((signed * 100) / total) : 0;
}

/** Fills a template's placeholders ({school} {name} …) for a preview; unknown ones stay as they are. */
export function fillTemplate(body: string, values: Partial<Record<(typeof LETTER_PLACEHOLDERS)[number], string>>): string {
  return body.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? (values as Record<string, string>)[key] : all));
}

/** Placeholders a template uses that the server does not know. */
export function unknownPlaceholders(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(/\{(\w+)\}/g)) if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(m[1])) out.add(m[1]);
  return [...out];
}

/** Inserts text at a caret position, returning the new text and caret. */
export function insertAt(text: string, at: number | null | undefined, insert: string): { text: string; caret: number } {
  const pos = at === null || at === undefined || at < 0 || at > text.length ? text.length : at;
  return { text: text.slice(0, pos) + insert + text.slice(pos), caret: pos + insert.length };
}

/** Unsigned first, then by name. */
export function sortSignatures<T extends { name: string; signed: unknown }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(!!a.signed) - Number(!!b.signed) || a.name.localeCompare(b.name, 'zh-CN'));
}

// ---------------------------------------------------------------- which school / class
export type ScopeGrant = Pick<Grant, 'org_id' | 'org_kind' | 'org_name'>;
export type ScopeNode = Pick<OrgNode, 'id' | 'kind' | 'name'> & { parent_id?: OrgNode['parent_id'] };
export interface ReturnScope {
  id: string;
  kind: 'school' | 'class';
  name: string;
}

/**
 * The schools and classes a return page can show: the account's class grants (head teachers),
 * its school grants, then the header switcher's node when it is a school or class. No duplicates.
 */
export function returnScopes(grants: readonly ScopeGrant[], selected: ScopeNode | null | undefined): ReturnScope[] {
  const out: ReturnScope[] = [];
  const add = (id: string, name: string, kind: string) => {
    if ((kind === 'school' || kind === 'class') && !out.some((s) => s.id === id)) out.push({ id, name, kind });
  };
  for (const g of grants) if (g.org_kind === 'school') add(g.org_id, g.org_name, g.org_kind);
  for (const g of grants) if (g.org_kind === 'class') add(g.org_id, g.org_name, g.org_kind);
  if (selected) add(selected.id, selected.name, selected.kind);
  return out;
}

/** The school of a node, walking up the org tree; null when it is not under a school. */
export function schoolOf(nodes: ReadonlyMap<string, ScopeNode>, id: string): ScopeNode | null {
  let cur = nodes.get(id);
  for (let i = 0; cur && i < 20; i++) {
    if (cur.kind === 'school') return cur;
    cur = cur.parent_id ? nodes.get(cur.parent_id) : undefined;
  }
  return null;
}

/** Day of the week of 'YYYY-MM-DD' (0 = Sunday), or -1. */
export function weekday(date: string | null | undefined): number {
  return isDate(date) ? new Date(`${date}T00:00:00Z`).getUTCDay() : -1;
}
