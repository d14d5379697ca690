import { describe, expect, it } from 'vitest';
import { compareClassNames, nameSortKey } from './classOrder';

// The same table as the server's OrgRules.GradeAndClassNamesSortByNumber (src/org/rules_test.cpp).
const ORDERED: string[][] = [
  ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'],
  ['七年级', '八年级', '九年级', '十年级', '十一年级', '十二年级'],
  ['小班', '中班', '大班', '一年级'],
  ['初一', '初二', '初三', '高一', '高二', '高三'],
  ['六年级', '初一', '初三', '高一'],
  ['一年级(三)班', '一年级(十二)班', '二年级(一)班'],
  ['一年级(1)班', '一年级(2)班', '一年级(9)班', '一年级(10)班', '一年级(12)班'],
  ['一年级(一)班', '一年级(二)班', '一年级(九)班', '一年级(十)班', '一年级(十一)班', '一年级(十二)班'],
  ['一年级（2）班', '一年级（10）班'],
  ['三年级1班', '三年级2班', '三年级10班', '四年级1班'],
  ['初一(2)班', '初一(10)班', '初二(1)班', '初三(12)班', '高一(1)班', '高一(11)班', '高二(1)班', '高三(3)班'],
  ['高一1班', '高一2班', '高二1班', '高三1班'],
  ['1班', '2班', '10班', '二十班', '21班'],
  ['一年级', '一年级1班'],
  ['高中部', '高一'].reverse(),
];

describe('compareClassNames', () => {
  it.each(ORDERED.map((names) => [names.join(' < '), names]))('%s', (_, names) => {
    for (let i = 0; i + 1 < names.length; i++) {
      expect(compareClassNames(names[i], names[i + 1]), `${names[i]} < ${names[i + 1]}`).toBeLessThan(0);
      expect(compareClassNames(names[i + 1], names[i]), `${names[i + 1]} > ${names[i]}`).toBeGreaterThan(0);
    }
  });

  it('sorts the issue’s list 一, 三, 二, 五, 六, 四 by number', () => {
    const got = ['一年级', '三年级', '二年级', '五年级', '六年级', '四年级'].sort(compareClassNames);
    expect(got).toEqual(['一年级', '二年级', '三年级', '四年级', '五年级', '六年级']);
  });

  it('reads numerals', () => {
    const nums = (n: string) => nameSortKey(n).filter((p) => typeof p === 'number');
    expect(nums('二十一')).toEqual([21]);
    expect(nums('一百零五')).toEqual([105]);
    expect(nums('高三(12)班')).toEqual([12, 12]);
    expect(nums('初二')).toEqual([8]);
    expect(nums('大班2班')).toEqual([-1, 2]);
    expect(nums('１２班')).toEqual([12]);
  });
});
