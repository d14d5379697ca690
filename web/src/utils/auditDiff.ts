export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  key: string;
  kind: DiffKind;
  before: unknown;
  after: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableStringify).join(',') + ']';
  if (isPlainObject(v)) {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + stableStringify(v[k])).join(',') + '}';
  }
  return JSON.stringify(v) ?? 'undefined';
}

/**
 * Field-level diff of an audit entry's before/after objects. Nested objects are flattened with dotted
 * keys so a changed phone inside {"profile": {...}} shows as "profile.phone".
 */
export function diffObjects(before: unknown, after: unknown, prefix = ''): DiffRow[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)])).sort();
  const rows: DiffRow[] = [];
  for (const k of keys) {
    const key = prefix ? `${prefix}.${k}` : k;
    const inB = Object.prototype.hasOwnProperty.call(b, k);
    const inA = Object.prototype.hasOwnProperty.call(a, k);
    if (inB && inA && isPlainObject(b[k]) && isPlainObject(a[k])) {
      rows.push(...diffObjects(b[k], a[k], key));
      continue;
    }
    let kind: DiffKind;
    if (!inB) kind = 'added';
    else if (!inA) kind = 'removed';
    else kind = stableStringify(b[k]) === stableStringify(a[k]) ? 'same' : 'changed';
    rows.push({ key, kind, before: inB ? b[k] : undefined, after: inA ? a[k] : undefined });
  }
  return rows;
}

export function formatJsonValue(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
