// WCAG 2.1 contrast of the design tokens (tokens.css) and of the UI libraries' colours mapped onto
// them (element-overrides.css, vant-overrides.css) for the pairs pages use together: normal text
// ≥ 4.5:1 on its background, large text and UI parts ≥ 3:1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// vitest runs in web/
const css = ['tokens.css', 'element-overrides.css', 'vant-overrides.css'].map((f) => readFileSync(`src/styles/${f}`, 'utf8')).join('\n');

/** Resolves a custom property of the style sheets to a #rrggbb colour (following var(--x) aliases). */
function token(name: string, depth = 0): string {
  const matches = [...css.matchAll(new RegExp(`--${name}:\\s*([^;]+);`, 'g'))];
  const value = matches.at(-1)?.[1]?.trim();
  if (!value || depth > 5) throw new Error(`no token --${name}`);
  const alias = /^var\(--([a-z0-9-]+)\)$/.exec(value);
  if (alias?.[1]) return token(alias[1], depth + 1);
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1];
  if (!hex) throw new Error(`--${name} is not a colour: ${value}`);
  return hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
}

function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const surfaces = ['xa-bg-surface', 'xa-bg-page', 'xa-bg-muted', 'xa-bg-subtle', 'xa-bg-mobile', 'xa-info-bg'];
const texts = ['xa-text', 'xa-text-regular', 'xa-text-secondary', 'xa-primary-text', 'xa-brand', 'xa-accent', 'xa-success-text', 'xa-warning-text', 'xa-danger-text', 'xa-danger-strong', 'xa-info-text'];
const tones = ['primary', 'success', 'warning', 'danger', 'info'] as const;
const textOf = (tone: (typeof tones)[number]) => (tone === 'primary' ? 'xa-primary-text' : `xa-${tone}-text`);

describe('design tokens meet WCAG 2.1 AA contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrast('000000', 'ffffff')).toBeCloseTo(21, 5);
    expect(contrast('777777', 'ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const text of texts)
    for (const bg of surfaces)
      it(`${text} on ${bg} ≥ 4.5`, () => expect(contrast(token(text), token(bg))).toBeGreaterThanOrEqual(4.5));

  for (const tone of tones)
    for (const bg of ['xa-bg-surface', `xa-${tone}-bg`])
      it(`${textOf(tone)} on ${bg} ≥ 4.5`, () => expect(contrast(token(textOf(tone)), token(bg))).toBeGreaterThanOrEqual(4.5));

  for (const solid of ['xa-primary', 'xa-brand', 'xa-success-solid', 'xa-warning-solid', 'xa-danger-solid', 'xa-text-secondary', 'xa-accent'])
    it(`white text on ${solid} ≥ 4.5`, () => expect(contrast(token('xa-text-inverse'), token(solid))).toBeGreaterThanOrEqual(4.5));

  // Element Plus tags and alerts: the tone as text on its light-9 background; buttons: white on the tone.
  for (const tone of ['primary', 'success', 'warning', 'danger', 'info'])
    it(`Element Plus ${tone}: text on light-9 and white on the tone ≥ 4.5`, () => {
      expect(contrast(token(`el-color-${tone}`), token(`el-color-${tone}-light-9`))).toBeGreaterThanOrEqual(4.5);
      expect(contrast('ffffff', token(`el-color-${tone}`))).toBeGreaterThanOrEqual(4.5);
      // hover and focus: white text on light-3 (buttons), light-3 text on white (link buttons)
      expect(contrast('ffffff', token(`el-color-${tone}-light-3`))).toBeGreaterThanOrEqual(4.5);
    });

  for (const v of ['el-text-color-secondary', 'el-text-color-regular', 'van-text-color-2', 'van-gray-6', 'van-primary-color', 'van-danger-color'])
    it(`${v} on white ≥ 4.5`, () => expect(contrast(token(v), 'ffffff')).toBeGreaterThanOrEqual(4.5));

  it('placeholder text (a select shows it as its text; a waiting step title) ≥ 4.5 on white and grey cards', () => {
    for (const bg of ['xa-bg-surface', 'xa-bg-muted', 'xa-bg-page'])
      expect(contrast(token('el-text-color-placeholder'), token(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('vivid tones used for dots, bars and borders reach 3:1 as UI parts on white where they mark state', () => {
    for (const v of ['xa-primary', 'xa-success-vivid', 'xa-danger-vivid']) expect(contrast(token(v), 'ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('tokens.css holds the tokens only; the family entry does not load the Element Plus overrides', () => {
    const tokens = readFileSync('src/styles/tokens.css', 'utf8');
    expect(tokens).not.toMatch(/--(el|van)-[a-z]/);
    const family = readFileSync('src/family/main.ts', 'utf8');
    expect(family).toContain('styles/tokens.css');
    expect(family).toContain('styles/vant-overrides.css');
    expect(family).not.toContain('element-overrides.css');
  });
});
