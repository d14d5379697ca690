/** Pure helpers of the gate kiosk: scanner input, the remembered gate, arrival windows, results. */
import type { GateCandidate as ServerGateCandidate, GateRef as ServerGateRef } from '@/api/types';

/** A pass code as the server prints it on the class passes: XA-<person id>-<8 hex digits>. */
export const PASS_CODE_RE = /^XA-(\d{1,19})-([0-9a-f]{8})$/;
const PASS_CODE_IN_TEXT = /XA[-_](\d{1,19})[-_]([0-9a-f]{8})(?![0-9a-f])/i;

/** The lookup's q is at most 50 characters on the server. */
export const MAX_QUERY = 50;

export type ScanInput = { kind: 'code'; code: string } | { kind: 'query'; q: string } | { kind: 'empty' };

/**
 * Cleans what a keyboard-wedge scanner or a person typed: full-width characters (a Chinese input
 * method left on) become ASCII, control characters (a scanner's CR/LF/TAB/GS) go, spaces collapse.
 */
export function normalizeScan(raw: string): string {
  let s = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) s += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) s += ' ';
    else if (c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2212) s += '-';
    else if (c < 0x20 || c === 0x7f) s += ' ';
    else s += ch;
  }
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * What the kiosk should look up: a pass code (also found inside a longer scanned text such as a
 * URL, and whatever the letter case the scanner sent), else a name or student-number search.
 */
export function parseScanInput(raw: string): ScanInput {
  const s = normalizeScan(raw);
  if (!s) return { kind: 'empty' };
  const m = PASS_CODE_IN_TEXT.exec(s.replace(/\s+/g, ''));
  if (m) return { kind: 'code', code: `XA-${m[1]}-${m[2].toLowerCase()}` };
  return { kind: 'query', q: s.slice(0, MAX_QUERY) };
}

// --- temperature --------------------------------------------------------------------------

// One range, rounding and format for every temperature entry: ./temperature (the gate and
// visitors pages read these two from here).
export { formatTemperature, validTemperature } from './temperature';

// --- arrival window (comes with the return plan; null until then) -----------------------

/** A staggered arrival window as text, or null when none is set. */
export function formatArrivalWindow(w: unknown): string | null {
  if (w === null || w === undefined || w === '') return null;
  if (typeof w === 'string') return w;
  if (typeof w === 'object') {
    const o = w as Record<string, unknown>;
    const from = o.from ?? o.start;
    const to = o.to ?? o.end;
    if (typeof from === 'string' && typeof to === 'string') {
      const gate = typeof o.gate === 'string' && o.gate ? ` ${o.gate}` : '';
      return `${from}–${to}${gate}`;
    }
  }
  return null;
}

// --- the remembered gate ------------------------------------------------------------------

/** A gate as remembered on the device: the id and name of the lookup's gates. */
export type GateRef = Pick<ServerGateRef, 'id' | 'name'>;

export interface GateChoice {
  gateId: string | null;
  gates: GateRef[];
}

export const GATE_STORAGE_PREFIX = 'xiaoan.gate.';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The gate this device stands at, for a school (remembered in localStorage). */
export function readGateChoice(schoolId: string, store: Storage | null = storage()): GateChoice {
  try {
    const raw = store?.getItem(GATE_STORAGE_PREFIX + schoolId);
    if (raw) {
      const v = JSON.parse(raw) as Partial<GateChoice>;
      const gates = Array.isArray(v.gates) ? v.gates.filter((g): g is GateRef => !!g && typeof g.id === 'string' && typeof g.name === 'string') : [];
      return { gateId: typeof v.gateId === 'string' ? v.gateId : null, gates };
    }
  } catch {
    /* unreadable: start again */
  }
  return { gateId: null, gates: [] };
}

export function writeGateChoice(schoolId: string, choice: GateChoice, store: Storage | null = storage()): void {
  try {
    store?.setItem(GATE_STORAGE_PREFIX + schoolId, JSON.stringify(choice));
  } catch {
    /* storage full or unavailable */
  }
}

/** The school's gates as the server lists them now; keeps the chosen gate if it still exists, else the first. */
export function mergeGates(choice: GateChoice, gates: GateRef[]): GateChoice {
  const keep = choice.gateId && gates.some((g) => g.id === choice.gateId) ? choice.gateId : (gates[0]?.id ?? null);
  return { gateId: keep, gates };
}

// --- result -------------------------------------------------------------------------------

/** How long a result stays on screen before the kiosk is ready for the next person. */
export const RESULT_MS = { released: 5000, diverted: 12000 } as const;

export function resultDuration(released: boolean): number {
  return released ? RESULT_MS.released : RESULT_MS.diverted;
}

/** The texts of a return decision's reasons (why a person may not return today). */
export function decisionReasons(d: ServerGateCandidate['return_decision'] | undefined): string[] {
  return (d?.reasons ?? []).map((r) => r.text ?? '').filter(Boolean);
}
