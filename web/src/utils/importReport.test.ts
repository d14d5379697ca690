import { describe, expect, it } from 'vitest';
import { acceptedRosterFile, groupImportErrors, importChoices } from './importReport';

const e = (row: number, column: string, message = 'bad') => ({ row, column, field: column, code: 'invalid', message });

describe('groupImportErrors', () => {
  it('groups by row in ascending order, keeping the order of errors and unique columns', () => {
    const g = groupImportErrors([e(8, '出生日期'), e(4, '身份证号', 'check digit'), e(6, '姓名'), e(4, '联系电话'), e(4, '身份证号', 'again')]);
    expect(g.map((x) => x.row)).toEqual([4, 6, 8]);
    expect(g[0].columns).toEqual(['身份证号', '联系电话']);
    expect(g[0].errors.map((x) => x.message)).toEqual(['check digit', 'bad', 'again']);
  });
  it('falls back to the field name when the column is empty and handles no errors', () => {
    expect(groupImportErrors([{ row: 2, column: '', field: 'name', code: 'x', message: 'm' }])[0].columns).toEqual(['name']);
    expect(groupImportErrors([])).toEqual([]);
  });
});

describe('importChoices', () => {
  it('import all only when nothing is invalid; valid rows only when both kinds exist', () => {
    expect(importChoices({ rows: 12, valid: 9, invalid: 3 })).toEqual({ all: false, validOnly: true });
    expect(importChoices({ rows: 12, valid: 12, invalid: 0 })).toEqual({ all: true, validOnly: false });
    expect(importChoices({ rows: 0, valid: 0, invalid: 0 })).toEqual({ all: false, validOnly: false });
    expect(importChoices({ rows: 3, valid: 0, invalid: 3 })).toEqual({ all: false, validOnly: false });
  });
});

describe('acceptedRosterFile', () => {
  it('takes .csv and .xlsx in any case', () => {
    expect(acceptedRosterFile('名单.CSV')).toBe(true);
    expect(acceptedRosterFile('roster.xlsx')).toBe(true);
    expect(acceptedRosterFile('roster.xls')).toBe(false);
    expect(acceptedRosterFile('roster.csv.exe')).toBe(false);
  });
});
