/**
 * Every policy key of the server's defaults document (src/policy/defaults.json) with the editor its
 * value needs and its unit. Labels and hints are i18n messages (policyFields.keys.<key>.label /
 * .hint in src/i18n/audit-policy.*.ts); policyFields.test.ts fails when the server gains a key this
 * table or either locale does not describe.
 */
import type { PolicyType, PolicyValue } from './bureau';

export type PolicyUnit = 'celsius' | 'minutes' | 'hours' | 'days' | 'people' | 'times' | 'sittings';
/**
 * switch: on/off; number: number input; time: HH:mm picker; choices: several of fixed options
 * stored as "a,b" (ordered: the order matters, e.g. an approval chain); batches: groups of grade
 * levels stored as "12,9;11,8"; text: free text.
 */
export type PolicyEditor = 'switch' | 'number' | 'time' | 'choices' | 'batches' | 'text';

export interface PolicyField {
  section: string;
  editor: PolicyEditor;
  unit?: PolicyUnit;
  /** Step of a number input (0.1 for temperatures). */
  step?: number;
  /** Options of a choices editor (labels: policyFields.options.<value>). */
  options?: readonly string[];
  ordered?: boolean;
}

const LEVELS = ['high', 'medium', 'low'] as const;
const CHAIN = ['county', 'city', 'province'] as const;

export const POLICY_FIELDS: Record<string, PolicyField> = {
  report_window_start: { section: 'report', editor: 'time' },
  report_window_end: { section: 'report', editor: 'time' },
  reminder_at: { section: 'report', editor: 'time' },
  fever_threshold: { section: 'check', editor: 'number', unit: 'celsius', step: 0.1 },
  screening_recheck: { section: 'check', editor: 'number', unit: 'celsius', step: 0.1 },
  gate_divert_home_report: { section: 'check', editor: 'switch' },
  gate_infrared_source: { section: 'check', editor: 'switch' },
  staff_checks_min: { section: 'check', editor: 'number', unit: 'times' },
  observation_recheck_minutes: { section: 'isolation', editor: 'number', unit: 'minutes' },
  fever_free_hours: { section: 'isolation', editor: 'number', unit: 'hours' },
  trace_within_minutes: { section: 'absence', editor: 'number', unit: 'minutes' },
  dropout_days: { section: 'absence', editor: 'number', unit: 'days' },
  dropout_escalate_after: { section: 'absence', editor: 'number', unit: 'times' },
  compile_at: { section: 'daily_report', editor: 'time' },
  report_deadline: { section: 'daily_report', editor: 'time' },
  daily_report_block_unchecked: { section: 'daily_report', editor: 'switch' },
  alert_class_fever: { section: 'alert', editor: 'number', unit: 'people' },
  alert_class_symptom: { section: 'alert', editor: 'number', unit: 'people' },
  alert_school_symptom: { section: 'alert', editor: 'number', unit: 'people' },
  alert_school_symptom_days: { section: 'alert', editor: 'number', unit: 'days' },
  alert_class_sick_primary: { section: 'alert', editor: 'number', unit: 'people' },
  alert_class_sick_secondary: { section: 'alert', editor: 'number', unit: 'people' },
  alert_school_sick_primary: { section: 'alert', editor: 'number', unit: 'people' },
  alert_school_sick_secondary: { section: 'alert', editor: 'number', unit: 'people' },
  return_declaration_days: { section: 'return', editor: 'number', unit: 'days' },
  return_risk_levels: { section: 'return', editor: 'choices', options: LEVELS },
  return_risk_days: { section: 'return', editor: 'number', unit: 'days' },
  return_risk_test: { section: 'return', editor: 'switch' },
  return_isolation_certificate: { section: 'return', editor: 'switch' },
  return_outside_city: { section: 'return', editor: 'switch' },
  return_key_person: { section: 'return', editor: 'switch' },
  return_health_code: { section: 'return', editor: 'switch' },
  return_symptom_days: { section: 'return', editor: 'number', unit: 'days' },
  return_abroad_days: { section: 'return', editor: 'number', unit: 'days' },
  reopen_chain: { section: 'reopen', editor: 'choices', options: CHAIN, ordered: true },
  reopen_block_levels: { section: 'reopen', editor: 'choices', options: LEVELS },
  return_batch_order: { section: 'reopen', editor: 'batches' },
  return_batch_gap_days: { section: 'reopen', editor: 'number', unit: 'days' },
  arrival_first: { section: 'reopen', editor: 'time' },
  arrival_interval_minutes: { section: 'reopen', editor: 'number', unit: 'minutes' },
  meal_first: { section: 'reopen', editor: 'time' },
  meal_interval_minutes: { section: 'reopen', editor: 'number', unit: 'minutes' },
  meal_sittings: { section: 'reopen', editor: 'number', unit: 'sittings' },
};

/** Section headings in reading order (labels: policyFields.sections.<section>). */
export const POLICY_FIELD_SECTIONS = ['report', 'check', 'isolation', 'absence', 'daily_report', 'alert', 'return', 'reopen', 'other'] as const;

/** The i18n lookups the label helpers need (vue-i18n's t and te). */
export interface PolicyI18n {
  t: (key: string) => string;
  te: (key: string) => boolean;
}

/**
 * A key's label (policyFields.keys.<key>.label — the one place policy keys are named); a key the
 * server gained after this table reads as "项目 some key" rather than the raw key.
 */
export function policyKeyLabel({ t, te }: PolicyI18n, key: string): string {
  const k = `policyFields.keys.${key}.label`;
  return te(k) ? t(k) : t('policyPage.col.key') + ' ' + key.replace(/_/g, ' ');
}

/** A key's one-line hint ('' when there is none). */
export function policyKeyHint({ t, te }: PolicyI18n, key: string): string {
  const k = `policyFields.keys.${key}.hint`;
  return te(k) ? t(k) : '';
}

/** A section heading; unknown sections read as "其他 / Other". */
export function policySectionLabel({ t, te }: PolicyI18n, section: string): string {
  const k = `policyFields.sections.${section}`;
  return te(k) ? t(k) : t('policyFields.sections.other');
}

/** The editor of a key: the table's, else one that fits the server's type (never a raw spinner for a switch). */
export function editorOf(key: string, type: PolicyType | undefined): PolicyEditor {
  const f = POLICY_FIELDS[key];
  if (f) return f.editor;
  if (type === 'bool') return 'switch';
  if (type === 'int' || type === 'number') return 'number';
  if (type === 'time') return 'time';
  return 'text';
}

/** "a,b" → ['a', 'b'] (blanks dropped). */
export function splitList(v: PolicyValue | undefined, sep = ','): string[] {
  if (typeof v !== 'string') return [];
  return v
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One batch as typed ("12, 9" or "12，9") → "12,9", or null when it is not a list of grade levels −3…12. */
export function normaliseBatch(text: string): string | null {
  const parts = text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (const p of parts) {
    if (!/^-?\d{1,2}$/.test(p)) return null;
    const n = Number(p);
    if (n < -3 || n > 12 || n === 0) return null;
  }
  return parts.map(Number).join(',');
}

export type PolicyProblem =
  | { kind: 'type'; type: string }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'integer' }
  | { kind: 'time' }
  | { kind: 'empty' }
  | { kind: 'option'; value: string }
  | { kind: 'batch'; value: string };

/**
 * What is wrong with a value a person set (null: nothing, or the key inherits). The server checks
 * again and names the field; this catches mistakes before the preview.
 */
export function checkPolicyValue(
  key: string,
  spec: { type: PolicyType; min?: number; max?: number } | undefined,
  v: PolicyValue | undefined,
): PolicyProblem | null {
  if (v === null || v === undefined || !spec) return null;
  const editor = editorOf(key, spec.type);
  if (spec.type === 'bool') return typeof v === 'boolean' ? null : { kind: 'type', type: spec.type };
  if (spec.type === 'int' || spec.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return { kind: 'type', type: spec.type };
    if (spec.type === 'int' && !Number.isInteger(v)) return { kind: 'integer' };
    if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))
      return { kind: 'range', min: spec.min ?? -Infinity, max: spec.max ?? Infinity };
    return null;
  }
  if (spec.type === 'time') return typeof v === 'string' && /^([01]?\d|2[0-3]):[0-5]\d$/.test(v) ? null : { kind: 'time' };
  if (typeof v !== 'string') return { kind: 'type', type: spec.type };
  if (editor === 'choices') {
    const items = splitList(v);
    if (items.length === 0) return { kind: 'empty' };
    const opts = POLICY_FIELDS[key]?.options ?? [];
    const bad = items.find((i) => !opts.includes(i));
    return bad ? { kind: 'option', value: bad } : null;
  }
  if (editor === 'batches') {
    const batches = splitList(v, ';');
    if (batches.length === 0) return { kind: 'empty' };
    const bad = batches.find((b) => normaliseBatch(b) === null);
    return bad ? { kind: 'batch', value: bad } : null;
  }
  return null;
}
