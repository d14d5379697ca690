import { describe, expect, it } from 'vitest';
import { absenceScopes, defaultAbsenceScope, resolveSchool } from './opsScope';

const school = { org_id: '5', org_kind: 'school', org_name: '临沂第一实验小学', role: 'gate_guard' };
const cls = { org_id: '7', org_kind: 'class', org_name: '一年级1班', role: 'head_teacher' };
const county = { org_id: '2', org_kind: 'county', org_name: '兰山区', role: 'bureau_admin' };

describe('school of the school-operations pages', () => {
  it('takes the selected school, else the school grant', () => {
    expect(resolveSchool([school], null)).toEqual({ id: '5', name: '临沂第一实验小学', kind: 'school' });
    expect(resolveSchool([school], { id: '7', kind: 'class', name: '一年级1班' })?.id).toBe('5');
    expect(resolveSchool([county], { id: '6', kind: 'school', name: '兰山小学' })).toEqual({ id: '6', name: '兰山小学', kind: 'school' });
  });
  it('is null when there is none (the page asks to pick one)', () => {
    expect(resolveSchool([county], { id: '2', kind: 'county', name: '兰山区' })).toBeNull();
    expect(resolveSchool([], null)).toBeNull();
  });
});

describe('scope of the absence page', () => {
  it('offers a head teacher the class', () => {
    const s = absenceScopes([cls], { id: '7', kind: 'class', name: '一年级1班' });
    expect(s).toEqual([{ id: '7', name: '一年级1班', kind: 'class' }]);
    expect(defaultAbsenceScope(s, null)?.id).toBe('7');
  });
  it('offers a doctor the school and a class picked in the switcher', () => {
    const s = absenceScopes([{ ...school, role: 'school_doctor' }], { id: '8', kind: 'class', name: '一年级2班' });
    expect(s.map((x) => x.id)).toEqual(['5', '8']);
    expect(defaultAbsenceScope(s, { id: '8', kind: 'class', name: '一年级2班' })?.id).toBe('8');
    expect(defaultAbsenceScope(s, { id: '99', kind: 'grade', name: '一年级' })?.id).toBe('5');
  });
  it('ignores other node kinds', () => {
    expect(absenceScopes([county], { id: '3', kind: 'township', name: 'x' })).toEqual([]);
    expect(defaultAbsenceScope([], null)).toBeNull();
  });
});
