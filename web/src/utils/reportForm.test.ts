import { describe, expect, it } from 'vitest';
import type { MorningReport, MorningReportValues } from '@/api/types';
import {
  clockTime,
  defaultValues,
  errorSection,
  initialValues,
  toPayload,
  toggleSymptom,
} from './reportForm';

describe('initialValues', () => {
  it('defaults: no temperature (it is measured), no symptoms, green, attending', () => {
    expect(initialValues(null)).toEqual(defaultValues());
    expect(initialValues({ report: null, prefill: null })).toEqual(defaultValues());
    expect(defaultValues()).toMatchObject({ temperature: null, symptoms: [], code_color: 'green', attending: true, absence_reason: '' });
  });
  it("prefills yesterday's answers but never its temperature; today's report wins", () => {
    const prefill: MorningReportValues = { temperature: 36.8, symptoms: ['cough'], code_color: 'yellow', household_fever: true, left_city: false, attending: true, absence_reason: '', absence_note: '' };
    const v = initialValues({ report: null, prefill });
    expect(v.temperature).toBeNull();
    expect(v.symptoms).toEqual(['cough']);
    expect(v.code_color).toBe('yellow');
    expect(v.household_fever).toBe(true);
    const report: MorningReport = { ...prefill, id: '1', temperature: null, attending: false, absence_reason: 'sick', absence_note: '发烧', late: false, reported_at: '', updated_at: '', code_color: 'red' };
    const w = initialValues({ report, prefill });
    expect(w.attending).toBe(false);
    expect(w.temperature).toBeNull();
    expect(initialValues({ report: null, prefill: { ...prefill, temperature: null, attending: false } }).temperature).toBeNull();
    // Correcting today's report keeps today's reading.
    expect(initialValues({ report: { ...report, attending: true, temperature: 36.9 }, prefill }).temperature).toBe(36.9);
    expect(w.absence_reason).toBe('sick');
    expect(w.absence_note).toBe('发烧');
    expect(w.code_color).toBe('red');
    // Absence fields of an attending report are not carried into the form.
    expect(initialValues({ report: { ...report, attending: true }, prefill: null }).absence_reason).toBe('');
  });
});

describe('toPayload', () => {
  it('sends absence fields only when not attending', () => {
    const v = { ...defaultValues(), temperature: 36.5, absence_reason: 'sick' as const, absence_note: 'x' };
    expect(toPayload(v)).toEqual({ temperature: 36.5, symptoms: [], code_color: 'green', household_fever: false, left_city: false, attending: true });
    const a = toPayload({ ...v, attending: false, temperature: null, absence_note: '  在家休息 ' });
    expect(a).toEqual({ symptoms: [], code_color: 'green', household_fever: false, left_city: false, attending: false, absence_reason: 'sick', absence_note: '在家休息' });
  });
  it('rounds the temperature', () => {
    expect(toPayload({ ...defaultValues(), temperature: 36.6000001 }).temperature).toBe(36.6);
  });
});

describe('symptoms and errors', () => {
  it('toggles chips keeping the code order', () => {
    expect(toggleSymptom([], 'cough')).toEqual(['cough']);
    expect(toggleSymptom(['headache'], 'fever')).toEqual(['fever', 'headache']);
    expect(toggleSymptom(['fever', 'headache'], 'fever')).toEqual(['headache']);
    // The declaration's days use it too (plain strings); an empty list is "none".
    expect(toggleSymptom<string>(['rash', 'cough'], 'rash')).toEqual(['cough']);
    expect(toggleSymptom<string>(['rash'], 'cough')).toEqual(['cough', 'rash']);
  });
  it('maps server error fields to form sections', () => {
    expect(errorSection('temperature')).toBe('temperature');
    expect(errorSection('symptoms[2]')).toBe('symptoms');
    expect(errorSection('absence_reason')).toBe('absence_reason');
    expect(errorSection('day')).toBeNull();
    expect(errorSection(null)).toBeNull();
  });
  it('shows instants as China time of day', () => {
    expect(clockTime('2026-11-24T23:10:18.162Z')).toBe('07:10');
    expect(clockTime(null)).toBe('—');
  });
});
