import { describe, expect, it } from 'vitest';
import {
  TEMP_MAX,
  TEMP_MIN,
  formatTemperature,
  isFever,
  keypadDisplay,
  keypadOutOfRange,
  keypadTemperature,
  parseTemperature,
  pushDigit,
  stepTemperature,
  validTemperature,
} from './temperature';

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
    expect(stepTemperature(36.9, 0.1)).toBe(37);
    expect(stepTemperature(Number.NaN, 0.1)).toBe(36.6);
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

describe('temperature keypad', () => {
  it('reads three digits as a reading with one decimal', () => {
    let d = '';
    for (const k of '366') d = pushDigit(d, k);
    expect(d).toBe('366');
    expect(keypadTemperature(d)).toBe(36.6);
    expect(keypadTemperature('378')).toBe(37.8);
    expect(keypadTemperature('37')).toBe(37);
    expect(keypadTemperature('3')).toBeNull();
    expect(keypadTemperature('')).toBeNull();
  });
  it('starts a new reading after three digits and ignores non-digits', () => {
    expect(pushDigit('366', '3')).toBe('3');
    expect(pushDigit('36', '.')).toBe('36');
  });
  it('validates the range', () => {
    expect(validTemperature(36.5)).toBe(true);
    expect(validTemperature(34.9)).toBe(false);
    expect(validTemperature(42.1)).toBe(false);
    expect(validTemperature(null)).toBe(false);
  });
  it('reads the keypad as the typed box reads the same digits', () => {
    for (const d of ['35', '350', '366', '37', '378', '420']) expect(keypadTemperature(d)).toBe(parseTemperature(d));
    expect(validTemperature(TEMP_MIN)).toBe(true);
    expect(validTemperature(TEMP_MAX)).toBe(true);
  });
  it('flags two or more digits outside the range', () => {
    expect(keypadOutOfRange('3')).toBe(false);
    expect(keypadOutOfRange('36')).toBe(false);
    expect(keypadOutOfRange('34')).toBe(true);
    expect(keypadOutOfRange('45')).toBe(true);
    expect(keypadOutOfRange('421')).toBe(true);
  });
  it('shows the digits in a mask and never a default reading', () => {
    expect(keypadDisplay('', null)).toBe('__._');
    expect(keypadDisplay('3', null)).toBe('3_._');
    expect(keypadDisplay('3', 36.6)).toBe('3_._');
    expect(keypadDisplay('36', 36)).toBe('36._');
    expect(keypadDisplay('366', 36.6)).toBe('36.6');
    expect(keypadDisplay('45', null)).toBe('45._');
    expect(keypadDisplay('451', null)).toBe('45.1');
    // A reading stepped with ± (no digits) shows as the reading.
    expect(keypadDisplay('', 37.1)).toBe('37.1');
  });
});
