// The one way to read, show and bound a body temperature, for every entry: the typed box
// (components/TemperatureInput.vue: morning report, class check, declaration days) and the gate's
// keypad (components/ops/TemperaturePad.vue: gate and visitors). Range and rounding follow the
// server (daily/rules.cpp: temperature_range); the fever threshold is always the policy's.

/** The range of a reading the server accepts. */
export const TEMP_MIN = 35.0;
export const TEMP_MAX = 42.0;
/**
 * Where the typed box's stepper starts from nothing, and what the declaration's explicit
 * "all normal" writes into an empty day. Never a prefilled value: a temperature is measured, so
 * an untouched form or an unmeasured person has none.
 */
export const TEMP_DEFAULT = 36.5;

/** Rounds to one decimal (36.549 → 36.5) without binary noise. */
export function roundTemperature(t: number): number {
  return Math.round(t * 10) / 10;
}

/** "36.5" (always one decimal); "—" for nothing. */
export function formatTemperature(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return '—';
  return roundTemperature(t).toFixed(1);
}

/** One step of a ± button: ±0.1 kept inside 35.0–42.0; from nothing it starts at 36.5. */
export function stepTemperature(t: number | null, delta: number): number {
  const base = t === null || !Number.isFinite(t) ? TEMP_DEFAULT : t;
  const next = roundTemperature(base + delta);
  return Math.min(TEMP_MAX, Math.max(TEMP_MIN, next));
}

/**
 * Reads what was typed into the temperature box: "36.8", "36,8", "368" (a keypad without a
 * point: three digits mean one decimal) or "37". Returns null for anything unreadable. Out-of-range
 * values are returned as typed: the server answers with a clear error next to the field.
 */
export function parseTemperature(input: string): number | null {
  const s = input.trim().replace(/[,，。]/g, '.').replace(/℃|°C?/gi, '').trim();
  if (s === '') return null;
  if (/^\d{3}$/.test(s)) return roundTemperature(Number(s) / 10);
  if (!/^\d{1,2}(\.\d*)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? roundTemperature(n) : null;
}

/** A reading inside the accepted range. */
export function validTemperature(t: number | null | undefined): t is number {
  return typeof t === 'number' && Number.isFinite(t) && t >= TEMP_MIN && t <= TEMP_MAX;
}

/** A reading at or above the policy's fever threshold; never a fever when the threshold is not known. */
export function isFever(t: number | null | undefined, threshold: number | null | undefined): boolean {
  return typeof t === 'number' && Number.isFinite(t) && typeof threshold === 'number' && t >= threshold;
}

// --- the gate's keypad (digits without a point) ------------------------------------------

/**
 * Keypad digits typed so far → the next digits. Three digits make a reading (3,6,6 → 36.6); a
 * fourth digit starts a new reading.
 */
export function pushDigit(digits: string, d: string): string {
  if (!/^\d$/.test(d)) return digits;
  return digits.length >= 3 ? d : digits + d;
}

/** The reading the keypad digits stand for, read as a typed box reads them: "366" → 36.6, "37" → 37.0, one digit → null. */
export function keypadTemperature(digits: string): number | null {
  return /^\d{2,3}$/.test(digits) ? parseTemperature(digits) : null;
}

/** Two or more digits that do not make a reading inside the range. */
export function keypadOutOfRange(digits: string): boolean {
  return digits.length >= 2 && !validTemperature(keypadTemperature(digits));
}

/**
 * What the keypad's big display shows: the digits so far in a "__._" mask (nothing typed and no
 * reading: "__._", never a default), else the reading.
 */
export function keypadDisplay(digits: string, value: number | null): string {
  if (digits.length === 0 && value === null) return '__._';
  if (digits.length === 1) return `${digits}_._`;
  if (keypadOutOfRange(digits)) return `${digits.slice(0, 2)}.${digits[2] ?? '_'}`;
  if (digits.length === 2) return `${digits}._`;
  return formatTemperature(value);
}
