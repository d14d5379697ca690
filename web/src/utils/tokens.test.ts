import { afterEach, describe, expect, it } from 'vitest';
import { cssVar, cssVars } from './tokens';

describe('cssVar', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('style');
  });

  it('reads a custom property set on the root, trimmed', () => {
    document.documentElement.style.setProperty('--xa-test-colour', '  #1f5fbf ');
    expect(cssVar('--xa-test-colour')).toBe('#1f5fbf');
  });

  it('follows a change of the property (read at call time, not cached)', () => {
    document.documentElement.style.setProperty('--xa-test-colour', '#111111');
    expect(cssVar('--xa-test-colour')).toBe('#111111');
    document.documentElement.style.setProperty('--xa-test-colour', '#222222');
    expect(cssVar('--xa-test-colour')).toBe('#222222');
  });

  it('returns the fallback for an unset property', () => {
    expect(cssVar('--xa-not-set')).toBe('');
    expect(cssVar('--xa-not-set', '#000')).toBe('#000');
  });

  it('reads the tokens of a stylesheet on :root', () => {
    const style = document.createElement('style');
    style.textContent = ':root { --xa-sheet-token: #0e7537; }';
    document.head.appendChild(style);
    try {
      expect(cssVar('--xa-sheet-token')).toBe('#0e7537');
    } finally {
      style.remove();
    }
  });

  it('reads several tokens at once', () => {
    document.documentElement.style.setProperty('--xa-a', '#aaaaaa');
    document.documentElement.style.setProperty('--xa-b', '#bbbbbb');
    expect(cssVars({ a: '--xa-a', b: '--xa-b', c: '--xa-c' })).toEqual({ a: '#aaaaaa', b: '#bbbbbb', c: '' });
  });
});
