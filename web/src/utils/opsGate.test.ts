import { describe, expect, it } from 'vitest';
import {
  formatArrivalWindow,
  mergeGates,
  normalizeScan,
  parseScanInput,
  readGateChoice,
  resultDuration,
  writeGateChoice,
} from './opsGate';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('scanner input', () => {
  it('recognises a pass code as the server prints it', () => {
    expect(parseScanInput('XA-123-1a2b3c4d')).toEqual({ kind: 'code', code: 'XA-123-1a2b3c4d' });
  });
  it('tolerates what scanners and input methods do to it', () => {
    // trailing CR/LF and TAB of a keyboard-wedge scanner
    expect(parseScanInput('XA-123-1a2b3c4d\r\n')).toEqual({ kind: 'code', code: 'XA-123-1a2b3c4d' });
    // caps lock on
    expect(parseScanInput('xa-123-1A2B3C4D')).toEqual({ kind: 'code', code: 'XA-123-1a2b3c4d' });
    // full-width characters from a Chinese input method
    expect(parseScanInput('ＸＡ－１２３－１ａ２ｂ３ｃ４ｄ')).toEqual({ kind: 'code', code: 'XA-123-1a2b3c4d' });
    // the code inside a longer text (a URL in the QR)
    expect(parseScanInput('https://x.example/p/XA-9-deadbeef')).toEqual({ kind: 'code', code: 'XA-9-deadbeef' });
    // underscore instead of dash (some keyboard layouts)
    expect(parseScanInput('XA_42_0123abcd')).toEqual({ kind: 'code', code: 'XA-42-0123abcd' });
  });
  it('treats anything else as a name or student-number search', () => {
    expect(parseScanInput('  王 凯 ')).toEqual({ kind: 'query', q: '王 凯' });
    expect(parseScanInput('202600403')).toEqual({ kind: 'query', q: '202600403' });
    // too short a hash is not a pass code
    expect(parseScanInput('XA-123-1a2b')).toEqual({ kind: 'query', q: 'XA-123-1a2b' });
    // too long a hash neither
    expect(parseScanInput('XA-123-1a2b3c4d5')).toEqual({ kind: 'query', q: 'XA-123-1a2b3c4d5' });
    expect(parseScanInput('x'.repeat(80))).toEqual({ kind: 'query', q: 'x'.repeat(50) });
  });
  it('ignores empty input', () => {
    expect(parseScanInput('')).toEqual({ kind: 'empty' });
    expect(parseScanInput(' \r\n\t　')).toEqual({ kind: 'empty' });
  });
  it('normalises full-width punctuation and spaces', () => {
    expect(normalizeScan('张　三（１）')).toBe('张 三(1)');
  });
});

describe('gate choice', () => {
  it('is remembered per school', () => {
    const s = memoryStorage();
    expect(readGateChoice('5', s)).toEqual({ gateId: null, gates: [] });
    writeGateChoice('5', { gateId: '2', gates: [{ id: '1', name: '正门' }, { id: '2', name: '东侧门' }] }, s);
    expect(readGateChoice('5', s).gateId).toBe('2');
    expect(readGateChoice('6', s).gateId).toBeNull();
  });
  it('survives garbage in storage', () => {
    const s = memoryStorage();
    s.setItem('xiaoan.gate.5', '{not json');
    expect(readGateChoice('5', s)).toEqual({ gateId: null, gates: [] });
    s.setItem('xiaoan.gate.5', JSON.stringify({ gateId: 3, gates: [{ id: 1 }, { id: '2', name: 'B' }] }));
    expect(readGateChoice('5', s)).toEqual({ gateId: null, gates: [{ id: '2', name: 'B' }] });
  });
  it('keeps the chosen gate while it exists, else takes the first', () => {
    const gates = [{ id: '1', name: 'A' }, { id: '2', name: 'B' }];
    expect(mergeGates({ gateId: '2', gates: [] }, gates).gateId).toBe('2');
    expect(mergeGates({ gateId: '9', gates: [] }, gates).gateId).toBe('1');
    expect(mergeGates({ gateId: null, gates: [] }, []).gateId).toBeNull();
  });
});

describe('kiosk display', () => {
  it('shows arrival windows only when set', () => {
    expect(formatArrivalWindow(null)).toBeNull();
    expect(formatArrivalWindow('07:20–07:40')).toBe('07:20–07:40');
    expect(formatArrivalWindow({ from: '07:20', to: '07:40', gate: '东侧门' })).toBe('07:20–07:40 东侧门');
    expect(formatArrivalWindow({ start: '07:20', end: '07:40' })).toBe('07:20–07:40');
    expect(formatArrivalWindow({ foo: 1 })).toBeNull();
  });
  it('keeps a diversion on screen longer than a release', () => {
    expect(resultDuration(false)).toBeGreaterThan(resultDuration(true));
  });
});
