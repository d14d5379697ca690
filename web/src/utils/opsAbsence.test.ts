import { describe, expect, it } from 'vitest';
import { absenceTone, canReturn, dropoutTone, needsTrace, sortAbsences, traceBody } from './opsAbsence';

describe('absence list', () => {
  const a = (id: string, status: string, due_at: string | null, class_name = '一年级1班', name = id) => ({ id, name, class_name, status, due_at });
  it('puts overdue ones on top, then untraced by due time, then traced and returned', () => {
    const items = [
      a('r', 'returned', null),
      a('t', 'traced', null),
      a('u2', 'untraced', '2026-11-25T02:00:00Z'),
      a('o', 'overdue', '2026-11-25T00:00:00Z'),
      a('u1', 'untraced', '2026-11-25T01:00:00Z'),
      a('o0', 'overdue', '2026-11-24T23:00:00Z'),
    ];
    expect(sortAbsences(items).map((x) => x.id)).toEqual(['o0', 'o', 'u1', 'u2', 't', 'r']);
  });
  it('keeps the server order (class, name) among finished ones', () => {
    const items = [a('x', 'traced', null, '一年级1班', '甲'), a('y', 'returned', null), a('z', 'traced', null, '一年级2班', '乙')];
    expect(sortAbsences(items).map((x) => x.id)).toEqual(['x', 'z', 'y']);
  });
  it('knows what can be done next', () => {
    expect(needsTrace({ status: 'overdue' })).toBe(true);
    expect(needsTrace({ status: 'untraced' })).toBe(true);
    expect(needsTrace({ status: 'traced' })).toBe(false);
    expect(canReturn({ status: 'traced' })).toBe(true);
    expect(canReturn({ status: 'returned' })).toBe(false);
    expect(canReturn({ status: 'untraced' })).toBe(false);
    expect(absenceTone('overdue')).toBe('danger');
    expect(absenceTone('traced')).toBe('primary');
    expect(dropoutTone('escalated')).toBe('danger');
    expect(dropoutTone('closed')).toBe('info');
  });
  it('sends symptoms, clinic and diagnosis only for a sick absence', () => {
    expect(traceBody({ reason: 'sick', symptoms: ['fever', 'cough'], clinic: ' 社区卫生院 ', diagnosis: '', note: '' })).toEqual({
      reason: 'sick',
      symptoms: ['fever', 'cough'],
      clinic: '社区卫生院',
    });
    expect(traceBody({ reason: 'personal', symptoms: ['fever'], clinic: 'x', diagnosis: 'y', note: ' 家中有事 ' })).toEqual({
      reason: 'personal',
      symptoms: [],
      note: '家中有事',
    });
  });
});
