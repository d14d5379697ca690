import { describe, expect, it } from 'vitest';
import {
  abnormalItems,
  badgeText,
  buildBreadcrumb,
  chunk,
  clockTime,
  completenessPct,
  completenessTone,
  drillTarget,
  figureGroups,
  formatPct,
  formatPolicyValue,
  loosens,
  mapTrend,
  notificationRoute,
  policyEdits,
  policyErrorKey,
  ratioPct,
  rollupNode,
  sameValue,
  schoolOf,
  schoolsUnder,
  type Figures,
  type PolicySpec,
} from './bureau';

const nodes = [
  { id: '1', parent_id: null, kind: 'city', name: '临沂市' },
  { id: '3', parent_id: '1', kind: 'county', name: '兰山区' },
  { id: '4', parent_id: '3', kind: 'township', name: '兰山街道' },
  { id: '5', parent_id: '4', kind: 'school', name: '临沂第一实验小学' },
  { id: '6', parent_id: '5', kind: 'grade', name: '一年级' },
  { id: '7', parent_id: '6', kind: 'class', name: '一年级1班' },
  { id: '9', parent_id: '4', kind: 'school', name: '兰山区实验中学' },
  { id: '20', parent_id: '1', kind: 'county', name: '罗庄区' },
  { id: '21', parent_id: '20', kind: 'school', name: '罗庄小学' },
];

describe('completeness', () => {
  it('is submitted / expected in percent with one decimal', () => {
    expect(completenessPct(0, 20)).toBe(0);
    expect(completenessPct(7, 8)).toBe(87.5);
    expect(completenessPct(1, 3)).toBe(33.3);
    expect(completenessPct(20, 20)).toBe(100);
  });
  it('is null when nothing is expected and never above 100', () => {
    expect(completenessPct(0, 0)).toBeNull();
    expect(completenessPct(3, 0)).toBeNull();
    // A closed school that submitted anyway does not push the figure past 100 %.
    expect(completenessPct(21, 20)).toBe(100);
  });
  it('reads the server ratio the same way', () => {
    expect(ratioPct(null)).toBeNull();
    expect(ratioPct(undefined)).toBeNull();
    expect(ratioPct(0.875)).toBe(87.5);
    expect(ratioPct(1.2)).toBe(100);
    expect(ratioPct(-1)).toBe(0);
  });
  it('formats and colours', () => {
    expect(formatPct(null)).toBe('—');
    expect(formatPct(100)).toBe('100%');
    expect(formatPct(87.5)).toBe('87.5%');
    expect(completenessTone(100)).toBe('success');
    expect(completenessTone(60)).toBe('warning');
    expect(completenessTone(10)).toBe('danger');
    expect(completenessTone(null)).toBe('info');
  });
});

describe('org navigation', () => {
  it('builds the breadcrumb root first', () => {
    expect(buildBreadcrumb(nodes, '5').map((n) => n.name)).toEqual(['临沂市', '兰山区', '兰山街道', '临沂第一实验小学']);
    expect(buildBreadcrumb(nodes, '1').map((n) => n.id)).toEqual(['1']);
    expect(buildBreadcrumb(nodes, 'nope')).toEqual([]);
    expect(buildBreadcrumb(nodes, null)).toEqual([]);
  });
  it('starts at the visible root when the scope is below the city', () => {
    const county = nodes.filter((n) => n.id !== '1');
    expect(buildBreadcrumb(county, '7').map((n) => n.id)).toEqual(['3', '4', '5', '6', '7']);
  });
  it('survives a parent cycle', () => {
    const bad = [
      { id: 'a', parent_id: 'b', kind: 'county', name: 'A' },
      { id: 'b', parent_id: 'a', kind: 'city', name: 'B' },
    ];
    expect(buildBreadcrumb(bad, 'a').map((n) => n.id)).toEqual(['b', 'a']);
  });
  it('rolls classes and grades up to their school', () => {
    expect(rollupNode(nodes, '7')?.id).toBe('5');
    expect(rollupNode(nodes, '6')?.id).toBe('5');
    expect(rollupNode(nodes, '3')?.id).toBe('3');
    expect(rollupNode(nodes, 'x')).toBeNull();
    expect(schoolOf(nodes, '7')?.id).toBe('5');
    expect(schoolOf(nodes, '5')?.id).toBe('5');
    expect(schoolOf(nodes, '3')).toBeNull();
  });
  it('lists the schools of a subtree', () => {
    expect(schoolsUnder(nodes, '3').map((n) => n.id).sort()).toEqual(['5', '9']);
    expect(schoolsUnder(nodes, '1').map((n) => n.id).sort()).toEqual(['21', '5', '9']);
    expect(schoolsUnder(nodes, '5').map((n) => n.id)).toEqual(['5']);
    expect(schoolsUnder(nodes, null)).toHaveLength(3);
    expect(schoolsUnder(nodes, 'missing')).toEqual([]);
  });
  it('drills into org nodes and links classes to their roster', () => {
    expect(drillTarget({ id: '4', kind: 'township' })).toEqual({ kind: 'org', id: '4' });
    expect(drillTarget({ id: '5', kind: 'school' })).toEqual({ kind: 'org', id: '5' });
    expect(drillTarget({ id: '7', kind: 'class' })).toEqual({ kind: 'route', path: '/classes/7' });
  });
});

describe('trend', () => {
  it('maps the series to chart arrays', () => {
    const d = mapTrend([
      { day: '2026-11-23', expected: 20, submitted: 18, on_time: 17, zero: 10, reports: 100, enrolled: 200, fever: 2, absent_sick: 3, isolation: 1 },
      { day: '2026-11-22', expected: 0, submitted: 0, on_time: 0, zero: 0, reports: 0, enrolled: 0, fever: 0, absent_sick: 0, isolation: 0 },
    ]);
    expect(d.labels).toEqual(['11-23', '11-22']);
    expect(d.days).toEqual(['2026-11-23', '2026-11-22']);
    expect(d.completeness).toEqual([90, null]);
    expect(d.fever).toEqual([2, 0]);
    expect(d.absentSick).toEqual([3, 0]);
    expect(d.isolation).toEqual([1, 0]);
    expect(mapTrend([]).labels).toEqual([]);
  });
  it('shows the clock time of as_of', () => {
    expect(clockTime(null)).toBe('—');
    expect(clockTime('bad')).toBe('—');
    expect(clockTime('2026-11-25T07:10:05')).toBe('07:10:05');
  });
});

describe('daily report figures', () => {
  const f = (over: Partial<Figures> = {}): Figures => ({
    enrolled: 480, staff: 24, reports: 400, reports_late: 3, missing_reports: 80, present: 478, absent: 2,
    absent_sick: 0, absent_personal: 2, absent_other: 0, absent_unknown: 0, fever: 0,
    symptoms: { fever: 0, cough: 0, other: 0 }, isolation: 0, sent_to_clinic: 0, gate_diverted: 0,
    suspected: 0, confirmed: 0, staff_reports: 20, staff_absent: 0, staff_fever: 0, ...over,
  });
  it('lists what prevents a zero report', () => {
    expect(abnormalItems(f())).toEqual([]);
    expect(abnormalItems(f({ fever: 1, absent_sick: 2, symptoms: { cough: 3, fever: 1 } }))).toEqual([
      ['fever', 1],
      ['absent_sick', 2],
      ['symptoms.cough', 3],
      ['symptoms.fever', 1],
    ]);
    expect(abnormalItems(null)).toEqual([]);
  });
  it('groups the figures in form order', () => {
    const g = figureGroups(f({ fever: 1 }));
    expect(g.map((x) => x.key)).toEqual(['students', 'reports', 'health', 'handling', 'staff']);
    const health = g.find((x) => x.key === 'health')!;
    expect(health.rows[0]).toEqual({ key: 'fever', value: 1, alarm: true });
    // every symptom but "fever" (counted as the fever row), in WS/T 772 order
    expect(health.rows.map((r) => r.key)).toContain('symptoms.abdominal_pain');
    expect(health.rows.map((r) => r.key)).not.toContain('symptoms.fever');
    expect(health.rows.find((r) => r.key === 'symptoms.cough')!.value).toBe(0);
    expect(g[0].rows[0]).toEqual({ key: 'enrolled', value: 480, alarm: false });
  });
  it('keeps unknown symptom codes', () => {
    const g = figureGroups(f({ symptoms: { new_thing: 2 } }));
    expect(g.find((x) => x.key === 'health')!.rows.some((r) => r.key === 'symptoms.new_thing' && r.value === 2)).toBe(true);
  });
  it('chunks rows', () => {
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3, null]]);
    expect(chunk([], 2)).toEqual([]);
  });
});

describe('notifications', () => {
  it('maps links to app routes', () => {
    expect(notificationRoute('/daily-report')).toBe('/daily-report');
    expect(notificationRoute('/dropout')).toBe('/absences');
    expect(notificationRoute('/alerts')).toBe('/alerts');
    expect(notificationRoute('')).toBeNull();
    expect(notificationRoute('https://example.org/x')).toBeNull();
    expect(notificationRoute('relative')).toBeNull();
  });
  it('caps the badge', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(5)).toBe('5');
    expect(badgeText(120)).toBe('99+');
  });
});

describe('policy', () => {
  const schema: Record<string, PolicySpec> = {
    alert_class_fever: { value: 1, type: 'int', tighter: 'lower', seed: '', section: 'alert' },
    fever_threshold: { value: 37.3, type: 'number', tighter: 'lower', seed: '', section: 'check', min: 36.5, max: 38.5 },
    report_window_end: { value: '07:30', type: 'time', tighter: 'none', seed: '', section: 'report' },
    report_window_start: { value: '05:00', type: 'time', tighter: 'none', seed: '', section: 'report' },
    staff_checks_min: { value: 3, type: 'int', tighter: 'higher', seed: '', section: 'check' },
    mystery: { value: 1, type: 'int', tighter: 'none', seed: '', section: 'zzz' },
  };
  it('formats values', () => {
    expect(formatPolicyValue(37, 'number')).toBe('37.0');
    expect(formatPolicyValue(37.3, 'number')).toBe('37.3');
    expect(formatPolicyValue(10, 'int')).toBe('10');
    expect(formatPolicyValue('07:30', 'time')).toBe('07:30');
    expect(formatPolicyValue(null)).toBe('—');
    expect(formatPolicyValue(undefined)).toBe('—');
  });
  it('compares values', () => {
    expect(sameValue(37.3, 37.3)).toBe(true);
    expect(sameValue('7:30', '07:30')).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue(37.2, 37.3)).toBe(false);
  });
  it('diffs the draft against the own values', () => {
    const own = { fever_threshold: 37.3, dropout_days: 3 };
    expect(policyEdits(own, { fever_threshold: 37.3, dropout_days: 3 })).toEqual({ values: own, changed: [] });
    expect(policyEdits(own, { fever_threshold: 37.2, dropout_days: null, reminder_at: '06:50' })).toEqual({
      values: { fever_threshold: 37.2, reminder_at: '06:50' },
      changed: ['dropout_days', 'fever_threshold', 'reminder_at'],
    });
    expect(policyEdits({}, { fever_threshold: '' })).toEqual({ values: {}, changed: [] });
  });
  it('hints when a value loosens the parent', () => {
    expect(loosens(schema.fever_threshold, 37.2, 37.5)).toBe(true);
    expect(loosens(schema.fever_threshold, 37.3, 37.2)).toBe(false);
    expect(loosens(schema.staff_checks_min, 3, 2)).toBe(true);
    expect(loosens(schema.staff_checks_min, 3, 4)).toBe(false);
    expect(loosens({ tighter: 'lower', type: 'time' }, '10:00', '10:30')).toBe(true);
    expect(loosens(schema.report_window_end, '07:30', '08:00')).toBe(false);
    expect(loosens(schema.fever_threshold, null, 40)).toBe(false);
  });
  it('reads the key of a server error field', () => {
    expect(policyErrorKey('values.fever_threshold')).toBe('fever_threshold');
    expect(policyErrorKey('note')).toBeNull();
    expect(policyErrorKey(null)).toBeNull();
  });
});
