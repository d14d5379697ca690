// Pure helpers of the bureau's return-to-school pages (风险地区, 开学审批, 返校总览) and the
// impact dry run (/api/risk-areas/preview, policy preview `impact.return`). The server's shapes
// are the generated API types (@/api/types).

import type {
  DecisionStatus,
  ReopenApplication,
  ReopenCheck,
  ReopenStep,
  ReopenSummary,
  ReturnFigures,
  ReturnSummaryRow,
  RiskArea,
  RiskAreaImport as RiskImportReport,
  ReturnImpact,
  RiskAreaInput,
  RiskAreaList as RiskAreasAnswer,
  RiskLevel,
} from '@/api/types';
import { compareClassNames } from './classOrder';

export type {
  DecisionStatus,
  ReopenApplication,
  RiskAreaInput,
  ReopenCheck,
  ReopenStep,
  RiskArea,
  RiskAreasAnswer,
  RiskImportReport,
  RiskLevel,
};

// ---------- shapes ----------

export const RISK_LEVELS: readonly RiskLevel[] = ['high', 'medium', 'low'];

/** The risk-area form's state (areaBody turns it into the request body). */
export interface RiskAreaDraft {
  org_id: string;
  region_code: string;
  street: string;
  level: string;
  start_date: string;
  end_date?: string | null;
  note: string;
}

export type RowError = RiskImportReport['errors'][number];

export const DECISION_STATUSES: readonly DecisionStatus[] = ['eligible', 'conditional', 'not_eligible', 'undeclared'];

/** The eligibility impact of a risk-area or policy change (the server's ReturnImpact). */
export type Impact = ReturnImpact;
export type ImpactSchool = Impact['schools'][number];
export type ImpactChange = ImpactSchool['changes'][number];

export type SummaryCounts = ReturnFigures;
export type SummaryRow = ReturnSummaryRow;
export type ReturnSummary = ReopenSummary;

// ---------- risk areas ----------

/** Element Plus tag colour of a risk level. */
export function levelTone(level: string): 'danger' | 'warning' | 'info' {
  if (level === 'high') return 'danger';
  if (level === 'medium') return 'warning';
  return 'info';
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The default end date when ending an area today: yesterday (the end date is the last day in
 * force), but never before the area's start.
 */
export function defaultEndDate(area: Pick<RiskArea, 'start_date'>, today: string): string {
  const y = addDays(today, -1);
  return y < area.start_date ? area.start_date : y;
}

/** Whether an area is in force on `day` (the server's `active` wins when present). */
export function areaActive(a: Pick<RiskArea, 'start_date' | 'end_date'> & { active?: boolean }, day?: string): boolean {
  if (typeof a.active === 'boolean' && !day) return a.active;
  if (!day) return !a.end_date;
  return a.start_date <= day && (!a.end_date || a.end_date >= day);
}

export interface AreaFilter {
  level?: string;
  /** 'active' | 'ended' | '' (all) */
  state?: string;
  q?: string;
}

/** Areas matching the filter, active first, then the most severe, then the newest start. */
export function filterAreas(areas: readonly RiskArea[], f: AreaFilter): RiskArea[] {
  const q = (f.q ?? '').trim().toLowerCase();
  const rank = (l: string) => {
    const i = (RISK_LEVELS as readonly string[]).indexOf(l);
    return i < 0 ? 9 : i;
  };
  return areas
    .filter((a) => !f.level || a.level === f.level)
    .filter((a) => !f.state || (f.state === 'active' ? a.active : !a.active))
    .filter(
      (a) =>
        !q ||
        a.region_code.includes(q) ||
        (a.region_name ?? '').toLowerCase().includes(q) ||
        (a.street ?? '').toLowerCase().includes(q) ||
        (a.note ?? '').toLowerCase().includes(q),
    )
    .sort(
      (a, b) =>
        Number(b.active) - Number(a.active) ||
        rank(a.level) - rank(b.level) ||
        b.start_date.localeCompare(a.start_date) ||
        a.region_code.localeCompare(b.region_code),
    );
}

/** Counts of areas in force per level. */
export function activeLevelCounts(areas: readonly RiskArea[]): Record<RiskLevel, number> {
  const out: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  for (const a of areas) if (a.active && a.level in out) out[a.level as RiskLevel]++;
  return out;
}

/** Checks an add-form draft on the client (the server checks again); returns field → i18n key. */
export function validateAreaDraft(d: RiskAreaDraft): Record<string, string> {
  const errs: Record<string, string> = {};
  if (!/^\d{6}$/.test(d.region_code.trim())) errs.region_code = 'riskAreas.errors.regionCode';
  if (!(RISK_LEVELS as readonly string[]).includes(d.level)) errs.level = 'riskAreas.errors.level';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.start_date)) errs.start_date = 'riskAreas.errors.startDate';
  if (d.end_date && d.start_date && d.end_date < d.start_date) errs.end_date = 'riskAreas.errors.endBeforeStart';
  return errs;
}

/**
 * The body of POST /api/risk-areas (and of one `add` entry of the preview) from a draft that
 * validateAreaDraft passed (its level is one of RISK_LEVELS).
 */
export function areaBody(d: RiskAreaDraft): RiskAreaInput {
  const body: RiskAreaInput = {
    org_id: d.org_id,
    region_code: d.region_code.trim(),
    street: d.street.trim(),
    level: d.level as RiskLevel,
    start_date: d.start_date,
    note: d.note.trim(),
  };
  if (d.end_date) body.end_date = d.end_date;
  return body;
}

// ---------- CSV import ----------

export const RISK_CSV_HEADER = ['地区代码', '街道', '风险等级', '开始日期', '结束日期'] as const;

/** A template file people can fill in (UTF-8 with BOM so Excel opens it as Chinese). */
export function riskCsvTemplate(): string {
  const rows = [RISK_CSV_HEADER.join(','), '371302,金雀山街道,中,2026-11-20,', '370102,,高,2026-11-18,2026-12-02'];
  return '\ufeff' + rows.join('\r\n') + '\r\n';
}

export function acceptedCsv(name: string): boolean {
  return /\.(csv|txt)$/i.test(name);
}

export interface CsvHints {
  /** Header columns the file lacks (only when the text decodes as UTF-8). */
  missing: string[];
  /** Data rows (non-empty lines after the header). */
  rows: number;
  /** The text could not be read as UTF-8 (probably GBK: the server reads it, no check here). */
  undecodable: boolean;
  empty: boolean;
}

/**
 * Quick checks before the file is sent: is there a header with the five columns, how many rows.
 * GBK files are not decoded here (the server reads them), so only UTF-8 files get header hints.
 */
export function riskCsvHints(bytes: Uint8Array): CsvHints {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { missing: [], rows: 0, undecodable: true, empty: bytes.length === 0 };
  }
  text = text.replace(/^\ufeff/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.replace(/[,\s]/g, '') !== '');
  if (lines.length === 0) return { missing: [], rows: 0, undecodable: false, empty: true };
  const head = lines[0].split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const english: Record<string, string> = {
    地区代码: 'region_code',
    街道: 'street',
    风险等级: 'level',
    开始日期: 'start_date',
    结束日期: 'end_date',
  };
  const missing = RISK_CSV_HEADER.filter((h) => !head.includes(h) && !head.includes(english[h]));
  return { missing: [...missing], rows: lines.length - 1, undecodable: false, empty: false };
}

/** The file's text: UTF-8 (BOM dropped) or else GBK; null when neither reads. */
export function decodeCsv(bytes: Uint8Array): string | null {
  for (const enc of ['utf-8', 'gbk']) {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
    } catch {
      /* next encoding */
    }
  }
  return null;
}

/**
 * The CSV without the given 1-based lines (the rows the server's dry run reported), so the valid
 * rows can be imported: the server imports a file only when every row is valid.
 */
export function dropCsvLines(text: string, lines: readonly number[]): string {
  const drop = new Set(lines);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return text
    .split(/\r?\n/)
    .filter((_, i) => !drop.has(i + 1))
    .join(eol);
}

/** Row errors grouped by row (rows in order, a row's errors in the server's order). */
export function groupRowErrors(errors: readonly RowError[]): { row: number; items: { field: string; message: string }[] }[] {
  const by = new Map<number, { field: string; message: string }[]>();
  for (const e of errors) {
    const list = by.get(e.row) ?? [];
    list.push({ field: e.field, message: e.message });
    by.set(e.row, list);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([row, items]) => ({ row, items }));
}

// ---------- impact (dry run) ----------

const STRICTNESS: Record<string, number> = { eligible: 0, undeclared: 1, conditional: 1, not_eligible: 2 };

/** +1 when the change is stricter for the person, -1 when it frees them, 0 otherwise. */
export function changeDirection(from: string, to: string): -1 | 0 | 1 {
  const a = STRICTNESS[from] ?? 1;
  const b = STRICTNESS[to] ?? 1;
  return b > a ? 1 : b < a ? -1 : 0;
}

/** Order of changes in a list: held back (to not eligible) first, freed last. */
function changeRank(c: Pick<ImpactChange, 'from' | 'to'>): number {
  return changeDirection(c.from, c.to) * 10 + (STRICTNESS[c.to] ?? 1);
}

export interface ImpactSchoolRow {
  school_id: string;
  name: string;
  county_name: string;
  toNotEligible: number;
  toEligible: number;
  other: number;
  total: number;
  blocked: boolean;
  changes: ImpactChange[];
}

export interface ImpactView {
  changed: number;
  toNotEligible: number;
  toEligible: number;
  schools: ImpactSchoolRow[];
  /** Blocked schools that have no person change (listed too). */
  blocked: { school_id: string; name: string }[];
  empty: boolean;
}

/**
 * The impact as the dialog shows it: per school how many people become not eligible / eligible,
 * schools with the most people held back first; blocked schools flagged. Totals come from the
 * server when given, else from the changes.
 */
export function aggregateImpact(impact: Partial<Impact> | null | undefined): ImpactView {
  const blocked = impact?.blocked_schools ?? [];
  const blockedIds = new Set(blocked.map((b) => String(b.school_id)));
  const schools: ImpactSchoolRow[] = (impact?.schools ?? []).map((s) => {
    const changes = s.changes ?? [];
    const toNotEligible = changes.filter((c) => c.to === 'not_eligible').length;
    const toEligible = changes.filter((c) => c.to === 'eligible').length;
    return {
      school_id: String(s.school_id),
      name: s.name,
      county_name: s.county_name,
      toNotEligible,
      toEligible,
      other: changes.length - toNotEligible - toEligible,
      total: changes.length,
      blocked: blockedIds.has(String(s.school_id)),
      changes: [...changes].sort(
        (a, b) =>
          changeRank(b) - changeRank(a) ||
          (a.class_name ?? '').localeCompare(b.class_name ?? '', 'zh-CN', { numeric: true }) ||
          a.name.localeCompare(b.name, 'zh-CN'),
      ),
    };
  });
  schools.sort(
    (a, b) =>
      Number(b.blocked) - Number(a.blocked) ||
      b.toNotEligible - a.toNotEligible ||
      b.total - a.total ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  const sum = (f: (s: ImpactSchoolRow) => number) => schools.reduce((n, s) => n + f(s), 0);
  const changed = impact?.changed ?? sum((s) => s.total);
  const toNotEligible = impact?.to_not_eligible ?? sum((s) => s.toNotEligible);
  const toEligible = impact?.to_eligible ?? sum((s) => s.toEligible);
  const inList = new Set(schools.map((s) => s.school_id));
  return {
    changed,
    toNotEligible,
    toEligible,
    schools,
    blocked: blocked.filter((b) => !inList.has(String(b.school_id))),
    empty: changed === 0 && schools.length === 0 && blocked.length === 0,
  };
}

// ---------- reopening applications ----------

export type StageState = 'done' | 'current' | 'waiting' | 'rejected';

export interface StageView {
  level: string;
  state: StageState;
  org_name: string;
  actor_name: string;
  at: string | null;
  comment: string;
}

/**
 * The approval chain (e.g. school → county → city) with each level's state: the submit step, then
 * one entry per chain level; the latest decision of a level counts (a resubmission resets).
 */
export function chainStages(app: Pick<ReopenApplication, 'chain' | 'steps' | 'status' | 'stage'>): StageView[] {
  const steps = [...(app.steps ?? [])].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  const submit = [...steps].reverse().find((s) => s.decision === 'submit');
  const out: StageView[] = [
    {
      level: submit?.level || 'school',
      state: submit ? 'done' : 'waiting',
      org_name: submit?.org_name ?? '',
      actor_name: submit?.actor_name ?? '',
      at: submit?.at ?? null,
      comment: submit?.comment ?? '',
    },
  ];
  const after = submit ? steps.slice(steps.lastIndexOf(submit) + 1) : steps;
  let stopped = false;
  for (const level of app.chain ?? []) {
    const step = [...after].reverse().find((s) => s.level === level && s.decision !== 'submit');
    let state: StageState = 'waiting';
    if (stopped) state = 'waiting';
    else if (step?.decision === 'approve') state = 'done';
    else if (step?.decision === 'reject') {
      state = 'rejected';
      stopped = true;
    } else if (app.status === 'pending' && (app.stage === level || !app.stage)) {
      state = 'current';
      stopped = true;
    }
    out.push({
      level,
      state,
      org_name: step?.org_name ?? '',
      actor_name: step?.actor_name ?? '',
      at: step?.at ?? null,
      comment: step?.comment ?? '',
    });
  }
  return out;
}

/** Element Plus tag colour of an application status. */
export function appStatusTone(status: string): 'warning' | 'success' | 'danger' | 'info' {
  if (status === 'pending') return 'warning';
  if (status === 'approved') return 'success';
  if (status === 'rejected') return 'danger';
  return 'info';
}

/** The approvals that make the notice (approve steps, in order). */
export function approvals(app: Pick<ReopenApplication, 'steps'>): ReopenStep[] {
  return [...(app.steps ?? [])].filter((s) => s.decision === 'approve').sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

/** '2026-11-30' → '2026年11月30日' (zh) or '30 Nov 2026' style left to the caller for en. */
export function cnDate(day: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!m) return day ?? '';
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The local (Asia/Shanghai) calendar day of an ISO instant. */
export function localDay(iso: string | null | undefined, offsetMinutes = 480): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() + offsetMinutes * 60_000);
  return local.toISOString().slice(0, 10);
}

// ---------- return overview ----------

export const NOT_RETURNED_REASONS = ['abroad', 'risk_area', 'isolating', 'sick', 'other', 'dropout_risk'] as const;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export interface SummaryFacts {
  enrolled: number;
  expected: number;
  returned: number;
  /** Everyone not back: explained (not_returned) plus unexplained (unaccounted). */
  notBack: number;
  students: number;
  staff: number;
  unaccounted: number;
  /** Reasons with a count, in the contract's order (unknown reasons after). */
  reasons: [string, number][];
  returnPct: number | null;
}

/**
 * The figures of the report sentence "目前未返回 N 人，其中学生 x 人，教师 y 人" (seed 002) and the
 * reasons "其中居留境外未返回 z 人" (seed 004).
 */
export function summaryFacts(c: Partial<SummaryCounts> | null | undefined): SummaryFacts {
  const students = num(c?.students_not_returned);
  const staff = num(c?.staff_not_returned);
  const unaccounted = num(c?.unaccounted);
  const explained = num(c?.not_returned);
  const split = students + staff;
  // students + staff is the full count of people not back; when the server leaves it out use
  // the explained and unexplained counts.
  const notBack = Math.max(split, explained + unaccounted);
  const byReason = c?.by_reason ?? {};
  const known = NOT_RETURNED_REASONS as readonly string[];
  const reasons = Object.entries(byReason)
    .filter(([, n]) => num(n) > 0)
    .map(([k, n]) => [k, num(n)] as [string, number])
    .sort((a, b) => {
      const ia = known.indexOf(a[0]);
      const ib = known.indexOf(b[0]);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a[0].localeCompare(b[0]);
    });
  const enrolled = num(c?.enrolled);
  const expected = num(c?.expected);
  const returned = num(c?.returned);
  return {
    enrolled,
    expected,
    returned,
    notBack,
    students,
    staff,
    unaccounted,
    reasons,
    // Of those expected back by today (nobody is expected before their batch's date).
    returnPct: expected > 0 ? Math.round((Math.min(returned, expected) / expected) * 1000) / 10 : null,
  };
}

/** Declared people (everyone but undeclared) as a share of the enrolled, in percent. */
export function declaredPct(c: Partial<SummaryCounts> | null | undefined): number | null {
  const enrolled = num(c?.enrolled);
  if (enrolled <= 0) return null;
  const declared = num(c?.eligible) + num(c?.conditional) + num(c?.not_eligible);
  return Math.round((Math.min(declared, enrolled) / enrolled) * 1000) / 10;
}

/** Whether a summary row leads to a deeper summary (classes are the last level). */
export function drillable(row: Pick<SummaryRow, 'kind'>): boolean {
  return row.kind !== 'class' && row.kind !== 'grade';
}

/** Rows of a school in class order (grade, then class number: compareClassNames), others as the server sends them. */
export function orderRows<T extends Pick<SummaryRow, 'name' | 'kind'>>(rows: readonly T[]): T[] {
  if (!rows.every((r) => r.kind === 'class')) return [...rows];
  return [...rows].sort((a, b) => compareClassNames(a.name, b.name));
}
