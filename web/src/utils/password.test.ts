import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password';

describe('passwordProblem', () => {
  it.each([
    ['abc123', 'tooShort'],
    ['abcdefgh', 'needLetterDigit'],
    ['12345678', 'needLetterDigit'],
    ['abcd1234', null],
    ['Xiaoan2024!', null],
  ])('%s → %s', (pw, expected) => {
    expect(passwordProblem(pw)).toBe(expected);
  });
});
