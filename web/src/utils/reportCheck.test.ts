import { describe, expect, it } from 'vitest';
import {
  acceptSuggestions,
  buildMarks,
  checksMissing,
  filterStaff,
  incompleteAbnormal,
  initialTiles,
  presentTile,
  suggestedAbsences,
  summarize,
  tilesChanged,
  type RosterEntry,
  type RosterReport,
  type StaffCheckItem,
} from './reportCheck';

const pupil = (id: string, extra: Partial<RosterEntry> = {}): RosterEntry => ({
  id,
  kind: 'student',
  name: `P${id}`,
  gender: 'M',
  student_no: id,
  staff_role: '',
  class_id: '9',
  class_name: 'C',
  report: null,
  mark: null,
  to_look_at: false,
  look_reasons: [],
  ...extra,
});
const report = (attending: boolean, absence_reason: RosterReport['absence_reason'] = '', temperature: number | null = 36.5): RosterReport => ({
  temperature,
  symptoms: [],
  code_color: 'green',
  attending,
  absence_reason,
  late: false,
  fever: (temperature ?? 0) >= 37.3,
});

describe('class check tiles', () => {
  const roster = [
    pupil('1'),
    pupil('2', { report: report(false, 'sick', null) }),
    pupil('3', { mark: { person_id: '3', status: 'absent', temperature: null, symptoms: [], absence_reason: 'personal' } }),
    pupil('4', { mark: { person_id: '4', status: 'abnormal', temperature: 38.2, symptoms: ['cough'], absence_reason: '' } }),
    pupil('5', { report: report(false, '') }),
  ];

  it('opens with everyone present except saved marks', () => {
    const t = initialTiles(roster);
    expect(t['1']).toEqual(presentTile());
    expect(t['2']).toEqual(presentTile());
    expect(t['3']).toEqual({ status: 'absent', reason: 'personal', temperature: null, symptoms: [] });
    expect(t['4']).toEqual({ status: 'abnormal', reason: 'unknown', temperature: 38.2, symptoms: ['cough'] });
  });

  it('suggests family-reported absences and accepts them with their reason', () => {
    const t = initialTiles(roster);
    const s = suggestedAbsences(roster, t, false);
    expect(s.map((p) => p.id)).toEqual(['2', '5']);
    expect(suggestedAbsences(roster, t, true)).toEqual([]);
    const a = acceptSuggestions(t, s);
    expect(a['2']).toMatchObject({ status: 'absent', reason: 'sick' });
    expect(a['5']).toMatchObject({ status: 'absent', reason: 'unknown' });
    expect(suggestedAbsences(roster, a, false)).toEqual([]);
  });

  it('builds the marks payload: only exceptions, unknown reason left out, roster order', () => {
    const t = initialTiles(roster);
    t['5'] = { ...presentTile(), status: 'absent' };
    t['1'] = { status: 'abnormal', reason: 'unknown', temperature: 37.80000001, symptoms: [] };
    expect(buildMarks(roster, t)).toEqual([
      { person_id: '1', status: 'abnormal', temperature: 37.8 },
      { person_id: '3', status: 'absent', absence_reason: 'personal' },
      { person_id: '4', status: 'abnormal', temperature: 38.2, symptoms: ['cough'] },
      { person_id: '5', status: 'absent' },
    ]);
    expect(buildMarks(roster, Object.fromEntries(roster.map((p) => [p.id, presentTile()])))).toEqual([]);
  });

  it('finds abnormal pupils without a reading', () => {
    const t = initialTiles(roster);
    t['1'] = { ...presentTile(), status: 'abnormal' };
    expect(incompleteAbnormal(roster, t).map((p) => p.id)).toEqual(['1']);
    t['1'].symptoms = ['rash'];
    expect(incompleteAbnormal(roster, t)).toEqual([]);
  });

  it('summarizes: present = enrolled − absent, fevers among abnormal', () => {
    const t = initialTiles(roster);
    expect(summarize(roster, t, 37.3)).toEqual({ enrolled: 5, present: 4, absent: 1, abnormal: 1, fever: 1 });
  });

  it('tells whether anything changed since the saved check', () => {
    const t = initialTiles(roster);
    expect(tilesChanged(roster, t)).toBe(false);
    t['1'] = { ...presentTile(), status: 'absent' };
    expect(tilesChanged(roster, t)).toBe(true);
  });
});

describe('staff checks', () => {
  const item = (name: string, required: number, n: number): StaffCheckItem => ({
    person_id: name,
    name,
    staff_role: required ? 'canteen' : 'teacher',
    outsourced: false,
    checks: Array.from({ length: n }, () => ({ at: '', temperature: 36.5, fever: false, symptoms: [] })),
    required,
    short: n < required,
  });
  const items = [item('张三', 3, 1), item('李四', 3, 3), item('王五', 0, 0)];
  it('filters by need and name', () => {
    expect(filterStaff(items, 'all').length).toBe(3);
    expect(filterStaff(items, 'required').map((i) => i.name)).toEqual(['张三', '李四']);
    expect(filterStaff(items, 'short').map((i) => i.name)).toEqual(['张三']);
    expect(filterStaff(items, 'all', ' 王 ').map((i) => i.name)).toEqual(['王五']);
  });
  it('counts missing checks', () => {
    expect(items.map(checksMissing)).toEqual([2, 0, 0]);
  });
});
