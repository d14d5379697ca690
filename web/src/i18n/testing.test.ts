import { describe, expect, it } from 'vitest';
import { chineseIn, flattenMessages, messageParityProblems, placeholders } from './testing';

describe('message test helpers', () => {
  it('flattens a tree to dotted keys', () => {
    expect([...flattenMessages({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })]).toEqual([
      ['a.b', 'x'],
      ['a.c.d', 'y'],
      ['e', 'z'],
    ]);
    expect(placeholders('{b} and {a}, {a}')).toEqual(['{a}', '{a}', '{b}']);
  });
  it('names every break of the pairing and passes a good pair', () => {
    expect(messageParityProblems({ a: '甲 {n}', b: { c: '乙' } }, { a: 'A {n}', b: { c: 'C' } })).toEqual([]);
    expect(
      messageParityProblems({ a: '甲 {n}', onlyZh: '丙', empty: ' ', at: '邮件' }, { a: 'A {m}', onlyEn: 'X', empty: 'E', at: 'mail@x' }),
    ).toEqual([
      'onlyZh: only in zh-CN',
      'onlyEn: only in en',
      'a: placeholders {n} in zh-CN, {m} in en',
      'empty: empty in zh-CN',
      'at: a character of [@|]',
    ]);
    expect(messageParityProblems({ a: '¥' }, { a: '$5' }, /[@|$]/)).toEqual(['a: a character of [@|$]']);
    expect(chineseIn({ a: 'ok', b: { c: '中文' } })).toEqual(['b.c: 中文']);
  });
});
