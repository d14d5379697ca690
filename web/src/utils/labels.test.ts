import { describe, expect, it } from 'vitest';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';
import { setLocale } from '@/i18n';
import { ENUMS, addableGradeLevels, enumLabel, gradeLabel, personStatusLabel, reasonTone, statusesFor, type EnumGroup } from './labels';
import { fieldErrorFor } from './personForm';

describe('enum labels', () => {
  it('every code of every list has a zh-CN and an en label', () => {
    const zh: Record<string, Record<string, string> | undefined> = zhCN.enums;
    const enE: Record<string, Record<string, string> | undefined> = en.enums;
    for (const [group, codes] of Object.entries(ENUMS)) {
      for (const c of codes) {
        expect(zh[group]?.[c], `${group}.${c}`).toBeTruthy();
        expect(enE[group]?.[c], `${group}.${c}`).toBeTruthy();
      }
    }
  });

  it('localises the codes of the brief', () => {
    setLocale('zh-CN');
    expect(enumLabel('schoolType', 'nine_year')).toBe('九年一贯制');
    expect(enumLabel('schoolType', 'complete_secondary')).toBe('完全中学');
    expect(enumLabel('dayReason', 'workday')).toBe('调休上学日');
    expect(enumLabel('dayReason', 'school_holiday')).toBe('放假');
    expect(enumLabel('tag', 'medical_family')).toBe('医务人员子女');
    expect(enumLabel('placeKind', 'garbage_station')).toBe('垃圾站');
    expect(enumLabel('historyKind', 'transfer_school')).toBe('转学');
    expect(personStatusLabel('left')).toBe('离职');
    expect(personStatusLabel('enrolled')).toBe('在读');
    setLocale('en');
    expect(enumLabel('placeKind', 'isolation_room')).toBe('Isolation room');
    setLocale('zh-CN');
  });

  it('unknown codes show the code, empty shows a dash', () => {
    expect(enumLabel('tag', 'martian' as string)).toBe('martian');
    expect(enumLabel('tag' as EnumGroup, null)).toBe('—');
  });

  it('status lists follow the person kind', () => {
    expect(statusesFor('staff')).toEqual(['active', 'left']);
    expect(statusesFor('student')).toContain('graduated');
  });

  it('colours calendar reasons', () => {
    expect(reasonTone('school_day')).toBe('success');
    expect(reasonTone('closed')).toBe('danger');
    expect(reasonTone('weekend')).toBe('info');
  });

  it('grade levels by school type, skipping existing ones', () => {
    expect(addableGradeLevels('primary', [1, 2])).toEqual([3, 4, 5, 6]);
    expect(addableGradeLevels('kindergarten', [])).toEqual([-3, -2, -1]);
    expect(addableGradeLevels('complete_secondary', [7])).toEqual([8, 9, 10, 11, 12]);
    expect(addableGradeLevels('unknown', []).length).toBe(12);
    setLocale('zh-CN');
    expect(gradeLabel(-3)).toBe('小班');
    expect(gradeLabel(1)).toBe('一年级');
    expect(gradeLabel(9)).toBe('初三');
    expect(gradeLabel(12)).toBe('高三');
  });
});

describe('fieldErrorFor', () => {
  it('matches the field and its sub-fields only', () => {
    const e = { field: 'guardians[0].phone', message: 'bad phone' };
    expect(fieldErrorFor(e, 'guardians')).toBe('bad phone');
    expect(fieldErrorFor(e, 'guardian')).toBe('');
    expect(fieldErrorFor({ field: 'id_number', message: 'x' }, 'id_number')).toBe('x');
    expect(fieldErrorFor(null, 'name')).toBe('');
  });
});
