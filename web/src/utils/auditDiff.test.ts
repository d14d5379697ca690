import { describe, expect, it } from 'vitest';
import { diffObjects, formatJsonValue } from './auditDiff';

describe('diffObjects', () => {
  it('classifies added, removed, changed and unchanged fields, flattening nested objects', () => {
    const rows = diffObjects(
      { name: '罗庄区', code: '371311', disabled: false, meta: { phone: '1', tags: ['a'] }, gone: 1 },
      { name: '罗庄区教育局', code: '371311', disabled: true, meta: { phone: '2', tags: ['a'] }, extra: null },
    );
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r.kind]));
    expect(byKey).toEqual({
      code: 'same',
      disabled: 'changed',
      extra: 'added',
      gone: 'removed',
      'meta.phone': 'changed',
      'meta.tags': 'same',
      name: 'changed',
    });
    expect(rows.find((r) => r.key === 'name')).toMatchObject({ before: '罗庄区', after: '罗庄区教育局' });
  });

  it('treats a null before (create) as all fields added and a null after (delete) as removed', () => {
    expect(diffObjects(null, { a: 1 }).map((r) => r.kind)).toEqual(['added']);
    expect(diffObjects({ a: 1 }, null).map((r) => r.kind)).toEqual(['removed']);
    expect(diffObjects(null, null)).toEqual([]);
  });

  it('compares objects inside arrays independent of key order', () => {
    expect(diffObjects({ g: [{ a: 1, b: 2 }] }, { g: [{ b: 2, a: 1 }] })[0].kind).toBe('same');
  });

  it('formats values for display', () => {
    expect(formatJsonValue('x')).toBe('x');
    expect(formatJsonValue({ a: 1 })).toBe('{"a":1}');
    expect(formatJsonValue(undefined)).toBe('');
    expect(formatJsonValue(null)).toBe('null');
  });
});
