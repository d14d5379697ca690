import { describe, expect, it } from 'vitest';
import type { MorningReport, MorningReportValues } from '@/api/types';
import {
  clockTime,
  defaultValues,
  errorSection,
  formatTemperature,
  initialValues,
  isFever,
  parseTemperature,
  stepTemperature,
  toPayload,
  toggleSymptom,
} from './reportForm';

describe('temperatures', () => {
  it('formats with exactly one decimal', () => {
    expect(formatTemperature(36.5)).toBe('36.5');
    expect(formatTemperature(37)).toBe('37.0');
    expect(formatTemperature(36.549999)).toBe('36.5');
    expect(formatTemperature(null)).toBe('—');
    expect(formatTemperature(undefined)).toBe('—');
    expect(formatTemperature(Number.NaN)).toBe('—');
  });
  it('steps by 0.1 inside 35.0–42.0 without binary noise', () => {
    expect(stepTemperature(36.5, 0.1)).toBe(36.6);
    expect(stepTemperature(36.6, -0.1)).toBe(36.5);
    expect(stepTemperature(41.95, 0.1)).toBe(42);
    expect(stepTemperature(35.0, -0.1)).toBe(35);
    expect(stepTemperature(null, 0.1)).toBe(36.6);
    expect(stepTemperature(43, 0.1)).toBe(42);
  });
  it('reads typed values: point, comma, three digits, unit', () => {
    expect(parseTemperature('36.8')).toBe(36.8);
    expect(parseTemperature(' 36,8 ')).toBe(36.8);
    expect(parseTemperature('368')).toBe(36.8);
    expect(parseTemperature('37')).toBe(37);
    expect(parseTemperature('37.')).toBe(37);
    expect(parseTemperature('38.25')).toBe(38.3);
    expect(parseTemperature('36.5℃')).toBe(36.5);
    expect(parseTemperature('43.0')).toBe(43); // out of range: the server says so next to the field
    expect(parseTemperature('')).toBeNull();
    expect(parseTemperature('abc')).toBeNull();
    expect(parseTemperature('3681')).toBeNull();
  });
  it('fever at or above the threshold', () => {
    expect(isFever(37.3, 37.3)).toBe(true);
    expect(isFever(37.2, 37.3)).toBe(false);
    expect(isFever(38, 38.5)).toBe(false);
    expect(isFever(null, 37.3)).toBe(false);
    // No threshold known: no fever shown rather than an invented one.
    expect(isFever(39.5, null)).toBe(false);
    expect(isFever(39.5, undefined)).toBe(false);
  });
});

describe('initialValues', () => {
  it('defaults: no temperature (it is measured), no symptoms, green, attending', () => {
    expect(initialValues(null)).toEqual(defaultValues());
    expect(initialValues({ report: null, prefill: null })).toEqual({
      temperature: null,
      symptoms: [],
      code_color: 'green',
      household_fever: false,
      left_city: false,
      attending: true,
      absence_reason: '',
      absence_note: '',
    });
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
