// Pure helpers of the bureau pages (dashboard, daily report, alerts, notifications, policy).
// No Vue, no API calls: everything here is unit-tested in bureau.test.ts.

// ---------- shapes from the server (src/daily/*.cpp, src/policy/*.cpp) ----------

import { formatTime } from './format';
import type {
  Alert,
  AlertEvidence,
  DailyFigures,
  DailyReportRecord,
  Rollup,
  RollupChild,
  RollupTrendPoint,
  SchoolDailyReport,
} from '@/api/types';
import type {
  Notification,
  PolicyEffectiveValue,
  PolicySetting,
  PolicyValue as ApiPolicyValue,
  PolicyView,
  Webhook,
} from '@/api/types';

export type { Alert, AlertEvidence, Rollup, RollupChild };
export type Figures = DailyFigures;
export type Tallies = Omit<Rollup, 'org' | 'day' | 'as_of' | 'children' | 'missing_schools'>;
export type TrendPoint = RollupTrendPoint;
export type DailyReport = DailyReportRecord;
export type DailyReportDoc = SchoolDailyReport;

export type { Notification, Webhook };
/** A setting's type (PolicySetting['type']); a string for specs read from defaults.json. */
export type PolicyType = 'int' | 'number' | 'time' | string;
/** A setting's value; null where an editor holds no value yet. */
export type PolicyValue = ApiPolicyValue | null;
export type PolicySpec = PolicySetting;
export type EffectiveEntry = PolicyEffectiveValue;
export type PolicyDoc = PolicyView;

// ---------- completeness ----------

/**
 * Reporting completeness as a percentage with one decimal, or null when no report is expected
 * (every school closed). Closed schools are not expected, so the value never exceeds 100.
 */
export function completenessPct(submitted: number, expected: number): number | null {
  if (!expected || expected <= 0) return null;
  const pct = (Math.max(0, submitted) / expected) * 100;
  return Math.round(Math.min(100, pct) * 10) / 10;
}

/** The server's completeness ratio (0..1 or null) as a percentage, capped at 100. */
export function ratioPct(ratio: number | null | undefined): number | null {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return null;
  return Math.round(Math.min(1, Math.max(0, ratio)) * 1000) / 10;
}

export function formatPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '—';
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

/** Colour of a completeness figure: green when complete, orange when partial, red below half. */
export function completenessTone(pct: number | null): 'success' | 'warning' | 'danger' | 'info' {
  if (pct === null) return 'info';
  if (pct >= 100) return 'success';
  if (pct >= 50) return 'warning';
  return 'danger';
}

// ---------- org navigation ----------

export interface OrgLike {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
}

/** The nodes from the caller's visible root down to `id` (root first); [] when unknown. */
export function buildBreadcrumb<T extends OrgLike>(nodes: readonly T[], id: string | null | undefined): T[] {
  if (!id) return [];
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const out: T[] = [];
  const seen = new Set<string>();
  let cur = byId.get(id);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    out.unshift(cur);
    cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
  }
  return out;
}

const BELOW_SCHOOL = new Set(['grade', 'class']);

/**
 * The node a roll-up can be asked for: the node itself, or for a grade or class its school (the
 * roll-up starts at school level). Null when no such node is visible.
 */
export function rollupNode<T extends OrgLike>(nodes: readonly T[], id: string | null | undefined): T | null {
  const crumbs = buildBreadcrumb(nodes, id);
  for (let i = crumbs.length - 1; i >= 0; i--) if (!BELOW_SCHOOL.has(crumbs[i].kind)) return crumbs[i];
  return null;
}

/** The school a node belongs to (the node itself when it is a school), or null. */
export function schoolOf<T extends OrgLike>(nodes: readonly T[], id: string | null | undefined): T | null {
  const crumbs = buildBreadcrumb(nodes, id);
  for (let i = crumbs.length - 1; i >= 0; i--) if (crumbs[i].kind === 'school') return crumbs[i];
  return null;
}

/** Schools in the subtree of `id` (including itself), in list order. */
export function schoolsUnder<T extends OrgLike>(nodes: readonly T[], id: string | null | undefined): T[] {
  if (!id) return nodes.filter((n) => n.kind === 'school');
  const children = new Map<string, T[]>();
  for (const n of nodes) {
    if (!n.parent_id) continue;
    const list = children.get(n.parent_id) ?? [];
    list.push(n);
    children.set(n.parent_id, list);
  }
  const out: T[] = [];
  const start = nodes.find((n) => n.id === id);
  if (!start) return [];
  const stack: T[] = [start];
  const seen = new Set<string>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.kind === 'school') out.push(n);
    else stack.push(...(children.get(n.id) ?? []));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Where clicking a row of the dashboard's children table goes. */
export function drillTarget(child: { id: string; kind: string }): { kind: 'org'; id: string } | { kind: 'route'; path: string } {
  if (child.kind === 'class') return { kind: 'route', path: `/classes/${child.id}` };
  return { kind: 'org', id: child.id };
}

// ---------- trend ----------

export interface TrendChartData {
  days: string[];
  labels: string[];
  completeness: (number | null)[];
  submitted: number[];
  expected: number[];
  fever: number[];
  absentSick: number[];
  isolation: number[];
}

/** Maps the trend series to the arrays the charts plot; labels are MM-DD. */
export function mapTrend(series: readonly TrendPoint[]): TrendChartData {
  const out: TrendChartData = { days: [], labels: [], completeness: [], submitted: [], expected: [], fever: [], absentSick: [], isolation: [] };
  for (const p of series) {
    out.days.push(p.day);
    out.labels.push(p.day.length >= 10 ? p.day.slice(5) : p.day);
    out.completeness.push(completenessPct(p.submitted ?? 0, p.expected ?? 0));
    out.submitted.push(p.submitted ?? 0);
    out.expected.push(p.expected ?? 0);
    out.fever.push(p.fever ?? 0);
    out.absentSick.push(p.absent_sick ?? 0);
    out.isolation.push(p.isolation ?? 0);
  }
  return out;
}

// ---------- time ----------

/** hh:mm:ss of an ISO instant in the viewer's time zone ('—' when missing or invalid). */
export function clockTime(iso: string | null | undefined): string {
  return formatTime(iso, true);
}

// ---------- daily report ----------

import { SYMPTOM_CODES } from './daily';

export { SYMPTOM_CODES };

/** Figures that must all be zero for a zero report (mirrors figures_all_clear on the server). */
export const ABNORMAL_FIGURES = ['fever', 'absent_sick', 'isolation', 'sent_to_clinic', 'suspected', 'confirmed', 'staff_fever'] as const;

/** What keeps a report from being a zero report: [figure key or 'symptoms.<code>', count]. */
export function abnormalItems(f: Partial<Figures> | null | undefined): [string, number][] {
  if (!f) return [];
  const out: [string, number][] = [];
  for (const k of ABNORMAL_FIGURES) {
    const n = Number(f[k] ?? 0);
    if (n) out.push([k, n]);
  }
  for (const [code, n] of Object.entries(f.symptoms ?? {})) if (n) out.push([`symptoms.${code}`, n]);
  return out;
}

export interface FigureRow {
  key: string;
  value: number;
  /** Drawn in red when not zero. */
  alarm: boolean;
}
export interface FigureGroup {
  key: string;
  rows: FigureRow[];
}

/** The figures in the order of a 日报告 form, grouped. Symptoms keep the WS/T 772 order. */
export function figureGroups(f: Partial<Figures> | null | undefined): FigureGroup[] {
  const v = (k: keyof Figures) => Number((f?.[k] as number | undefined) ?? 0);
  const row = (key: keyof Figures, alarm = false): FigureRow => ({ key, value: v(key), alarm });
  const symptoms = f?.symptoms ?? {};
  const codes = [...SYMPTOM_CODES.filter((c) => c !== 'fever'), ...Object.keys(symptoms).filter((c) => !(SYMPTOM_CODES as readonly string[]).includes(c))];
  return [
    { key: 'students', rows: [row('enrolled'), row('present'), ...(['not_checked', 'classes', 'classes_checked'] as const).filter((k) => f?.[k] !== undefined).map((k) => row(k)), row('absent'), row('absent_sick', true), row('absent_personal'), row('absent_other'), row('absent_unknown')] },
    { key: 'reports', rows: [row('reports'), row('reports_late'), row('missing_reports')] },
    {
      key: 'health',
      rows: [
        row('fever', true),
        ...codes.map((c) => ({ key: `symptoms.${c}`, value: Number(symptoms[c] ?? 0), alarm: true })),
      ],
    },
    { key: 'handling', rows: [row('isolation', true), row('sent_to_clinic', true), row('gate_diverted'), row('suspected', true), row('confirmed', true)] },
    { key: 'staff', rows: [row('staff'), row('staff_reports'), row('staff_absent'), row('staff_fever', true)] },
  ];
}

/** Splits a list into rows of `n` cells (the last row padded with null). */
export function chunk<T>(list: readonly T[], n: number): (T | null)[][] {
  const out: (T | null)[][] = [];
  for (let i = 0; i < list.length; i += n) {
    const r: (T | null)[] = list.slice(i, i + n);
    while (r.length < n) r.push(null);
    out.push(r);
  }
  return out;
}

// ---------- notifications ----------

/** The app route of a notification's link; old or unknown app paths map to their current page. */
export function notificationRoute(link: string | null | undefined): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return null;
  if (!link.startsWith('/')) return null;
  if (link === '/dropout' || link.startsWith('/dropout/') || link.startsWith('/dropout?')) return '/absences';
  return link;
}

/** Window event the notifications page sends after marking messages read (the bell reloads). */
export const NOTIFICATIONS_CHANGED = 'xa:notifications-changed';

/** Badge text for an unread count. */
export function badgeText(n: number): string {
  if (!n || n <= 0) return '';
  return n > 99 ? '99+' : String(n);
}

// ---------- policy ----------

/** A policy value as people read it: 37.3, 10, 07:30; '—' for none. */
export function formatPolicyValue(value: PolicyValue | undefined, type?: PolicyType): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') {
    if (type === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
    return String(value);
  }
  return String(value);
}

/** True when two policy values are the same (37.3 and 37.30, '7:30' and '07:30'). */
export function sameValue(a: PolicyValue | undefined, b: PolicyValue | undefined): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  if (typeof a === 'string' && typeof b === 'string' && /^\d{1,2}:\d{2}$/.test(a) && /^\d{1,2}:\d{2}$/.test(b))
    return a.padStart(5, '0') === b.padStart(5, '0');
  return a === b;
}

/**
 * The node's own values to save from the edited draft: a key with a value is set at this node,
 * null or '' means "inherit" (not stored). `changed` lists keys that differ from `own`.
 */
export function policyEdits(
  own: Record<string, PolicyValue>,
  draft: Record<string, PolicyValue | undefined>,
): { values: Record<string, ApiPolicyValue>; changed: string[] } {
  const values: Record<string, ApiPolicyValue> = {};
  for (const [k, v] of Object.entries(draft)) if (v !== null && v !== undefined && v !== '') values[k] = v;
  const keys = new Set([...Object.keys(own), ...Object.keys(values)]);
  const changed = [...keys].filter((k) => !sameValue(own[k] ?? null, values[k] ?? null)).sort();
  return { values, changed };
}

/**
 * Whether a value would loosen the parent's (client-side hint; the server decides): "lower" means
 * a lower value is stricter, so a higher one loosens.
 */
export function loosens(spec: Pick<PolicySpec, 'tighter' | 'type'>, parent: PolicyValue | undefined, value: PolicyValue | undefined): boolean {
  if (parent === null || parent === undefined || value === null || value === undefined || value === '') return false;
  const ord = (v: PolicyValue): number | null => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string') {
      const m = /^(\d{1,2}):(\d{2})$/.exec(v);
      if (m) return Number(m[1]) * 60 + Number(m[2]);
    }
    return null;
  };
  const a = ord(value);
  const b = ord(parent);
  if (a === null || b === null) return false;
  if (spec.tighter === 'lower') return a > b + 1e-9;
  if (spec.tighter === 'higher') return a < b - 1e-9;
  return false;
}

/** The policy key of a server error field ("values.fever_threshold" → "fever_threshold"). */
export function policyErrorKey(field: string | null | undefined): string | null {
  if (!field) return null;
  const m = /^values\.([A-Za-z0-9_]+)$/.exec(field);
  return m ? m[1] : null;
}
