import { describe, expect, it } from 'vitest';
import zhBase from '@/i18n/zh-CN';
import zh from '@/i18n/return-school.zh-CN';
import en from '@/i18n/return-school.en';
import { chineseIn, flattenMessages, messageParityProblems } from '@/i18n/testing';
import {
  DECISION_STATUSES,
  DOCUMENT_KINDS,
  LETTER_LEVELS,
  LETTER_PLACEHOLDERS,
  NOT_RETURNED_REASONS,
  RULES,
  addDays,
  countStatuses,
  declaredPercent,
  documentTone,
  filterNotReturned,
  filterPeople,
  fillTemplate,
  formatSize,
  fromMinutes,
  gradeOrder,
  insertAt,
  isDate,
  isImage,
  isKeyPerson,
  isPdf,
  isTime,
  nextAfter,
  normalizeCounts,
  normalizeReturnCounts,
  openDocuments,
  parseField,
  planBody,
  planWarnings,
  returnScopes,
  returnedPercent,
  schoolOf,
  sortByNumber,
  sortByUrgency,
  sortNotReturned,
  sortQueue,
  sortSignatures,
  stagger,
  statusTone,
  timetable,
  toMinutes,
  unknownPlaceholders,
  validatePlan,
  validateReturnMark,
  weekday,
  type DocumentNeeded,
  type NotReturnedRow,
  type ReturnPlan,
} from './returnSchool';

const person = (name: string, status: string, no = '') => ({ person_id: name, name, student_no: no, status, until: null, reasons: [], documents_needed: [], submitted_at: null });

describe('eligibility board', () => {
  const people = [person('甲', 'eligible', '03'), person('乙', 'not_eligible', '02'), person('丙', 'conditional', '01'), person('丁', 'undeclared', '04'), person('戊', 'eligible', '05')];

  it('counts each decision status', () => {
    expect(countStatuses(people)).toEqual({ eligible: 2, conditional: 1, not_eligible: 1, undeclared: 1, total: 5 });
    // Unknown statuses count as undeclared so the total adds up.
    expect(countStatuses([{ status: 'weird' }]).undeclared).toBe(1);
  });

  it('normalises partial counts and computes the declared share', () => {
    const c = normalizeCounts({ eligible: 3, undeclared: 1 });
    expect(c).toEqual({ eligible: 3, conditional: 0, not_eligible: 0, undeclared: 1, total: 4 });
    expect(declaredPercent(c)).toBe(75);
    expect(declaredPercent(normalizeCounts({ eligible: 2, undeclared: 1, total: 3 }))).toBe(66);
    expect(declaredPercent(normalizeCounts(null))).toBe(0);
  });

  it('filters by status and query, sorts by urgency and by number', () => {
    expect(filterPeople(people, 'eligible').map((p) => p.name)).toEqual(['甲', '戊']);
    expect(filterPeople(people, '', '04').map((p) => p.name)).toEqual(['丁']);
    expect(filterPeople(people, '', '乙').map((p) => p.name)).toEqual(['乙']);
    expect(sortByUrgency(people).map((p) => p.status)).toEqual(['not_eligible', 'conditional', 'undeclared', 'eligible', 'eligible']);
    expect(sortByUrgency(people).slice(3).map((p) => p.name)).toEqual(['甲', '戊']);
    expect(sortByNumber(people).map((p) => p.student_no)).toEqual(['01', '02', '03', '04', '05']);
  });

  it('maps statuses to colours', () => {
    expect(DECISION_STATUSES.map(statusTone)).toEqual(['success', 'warning', 'danger', 'info']);
    expect(['approved', 'pending', 'rejected', 'missing'].map(documentTone)).toEqual(['success', 'warning', 'danger', 'info']);
  });

  it('knows a key person by flag or by reason', () => {
    expect(isKeyPerson({ reasons: [{ rule: 'key_person' }] })).toBe(true);
    expect(isKeyPerson({ key_person: false, reasons: [{ rule: 'key_person' }] })).toBe(false);
    expect(isKeyPerson({ reasons: [{ rule: 'outside_city' }] })).toBe(false);
  });

  it('lists the documents the family still has to send', () => {
    const needed: DocumentNeeded[] = [
      { kind: 'negative_test', status: 'missing' },
      { kind: 'trajectory_report', status: 'pending' },
      { kind: 'health_certificate', status: 'rejected' },
    ];
    expect(openDocuments(needed).map((d) => d.kind)).toEqual(['negative_test', 'health_certificate']);
  });
});

describe('document queue', () => {
  it('detects previewable files and formats sizes', () => {
    expect(isImage('image/png')).toBe(true);
    expect(isImage('application/octet-stream', 'a.JPG')).toBe(true);
    expect(isImage('application/pdf', 'a.pdf')).toBe(false);
    expect(isPdf('application/pdf')).toBe(true);
    expect(isPdf('', 'x.PDF')).toBe(true);
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatSize(-1)).toBe('—');
  });

  it('works the oldest first and moves on after a review', () => {
    const docs = sortQueue([
      { id: 'b', uploaded_at: '2026-11-25T01:00:00Z' },
      { id: 'a', uploaded_at: '2026-11-24T23:00:00Z' },
      { id: 'c', uploaded_at: '2026-11-25T02:00:00Z' },
    ]);
    expect(docs.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(nextAfter(docs, 'b')?.id).toBe('c');
    expect(nextAfter(docs, 'c')?.id).toBe('b');
    expect(nextAfter(docs, 'zz')?.id).toBe('a');
    expect(nextAfter([{ id: 'x' }], 'x')).toBeNull();
  });
});

describe('return plan', () => {
  const plan: ReturnPlan = {
    saved: false,
    grades: [
      { id: 'g1', level: 1, name: '一年级', pupils: 40 },
      { id: 'g6', level: 6, name: '六年级', pupils: 38 },
      { id: 'g0', level: 0, name: '幼儿园', pupils: 0 },
    ],
    gates: [
      { id: 'n', name: '北门' },
      { id: 's', name: '南门' },
    ],
    batches: [
      { seq: 1, name: '第一批', grade_ids: ['g6'], return_date: '2026-11-30' },
      { seq: 2, name: '第二批', grade_ids: ['g1', 'g0'], return_date: '2026-12-02' },
    ],
    slots: [
      { grade_id: 'g6', gate_id: 'n', start: '07:30', end: '07:45', meal_start: '11:30', meal_end: '12:00' },
      { grade_id: 'g1', gate_id: 'n', start: '07:45', end: '08:00', meal_start: '11:45', meal_end: '12:15' },
    ],
  };

  it('checks times and dates', () => {
    expect(isTime('07:30')).toBe(true);
    expect(isTime('7:30')).toBe(false);
    expect(isTime('24:00')).toBe(false);
    expect(isTime('')).toBe(false);
    expect(toMinutes('07:30')).toBe(450);
    expect(Number.isNaN(toMinutes('x'))).toBe(true);
    expect(fromMinutes(450)).toBe('07:30');
    expect(fromMinutes(-5)).toBe('00:00');
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate(null)).toBe(false);
    expect(addDays('2026-11-30', 2)).toBe('2026-12-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekday('2026-11-25')).toBe(3);
    expect(weekday('nope')).toBe(-1);
  });

  it('orders grades senior first, kindergarten last', () => {
    expect(gradeOrder(plan.grades).map((g) => g.id)).toEqual(['g6', 'g1', 'g0']);
  });

  it('accepts a good plan', () => {
    expect(validatePlan(plan, ['n', 's'])).toEqual([]);
  });

  it('names the field of each problem as the server does', () => {
    const bad: ReturnPlan = {
      ...plan,
      batches: [
        { seq: 1, name: '', grade_ids: ['g6', 'g1'], return_date: '2026-13-01' },
        { seq: 2, name: '第二批', grade_ids: ['g1', 'g0'], return_date: '2026-12-02' },
        { seq: 3, name: '第三批', grade_ids: [], return_date: '2026-12-01' },
      ],
      slots: [
        { grade_id: 'g6', gate_id: 'x', start: '08:00', end: '07:45', meal_start: '11:30', meal_end: '11:00' },
        { grade_id: 'g1', gate_id: 'n', start: '07:45', end: '', meal_start: '07:50', meal_end: '12:15' },
        { grade_id: 'g1', gate_id: 'n', start: '09:00', end: '09:15', meal_start: '12:00', meal_end: '12:30' },
      ],
    };
    const fields = validatePlan(bad, ['n', 's']).map((i) => `${i.field}:${i.key}`);
    expect(fields).toEqual([
      'batches[0].name:nameRequired',
      'batches[0].return_date:dateRequired',
      'batches[1].grade_ids:gradeTwice',
      'batches[2].return_date:dateOrder',
      'batches[2].grade_ids:gradesRequired',
      'slots[0].gate_id:gateRequired',
      'slots[0].end:endBeforeStart',
      'slots[0].meal_end:mealEndBeforeStart',
      'slots[1].end:timeInvalid',
      'slots[2].grade_id:gradeSlotTwice',
    ]);
    // Every grade of the school must be in a batch, even one without pupils.
    const missing = validatePlan({ ...plan, batches: [plan.batches[0]] });
    expect(missing.map((i) => `${i.field}:${i.key}`)).toEqual(['batches:gradeUnassigned', 'batches:gradeUnassigned']);
    expect(missing[0].params).toEqual({ grade: '一年级' });
  });

  it('refuses overlapping windows at one gate and allows a plan without gates', () => {
    const p = { ...plan, slots: [plan.slots[0], { ...plan.slots[1], start: '07:40', end: '07:55' }] };
    expect(validatePlan(p, ['n', 's']).map((i) => `${i.field}:${i.key}`)).toEqual(['slots[1].start:overlap']);
    expect(validatePlan({ ...p, slots: [p.slots[0], { ...p.slots[1], gate_id: 's' }] }, ['n', 's'])).toEqual([]);
    const gateless = { ...plan, gates: [], slots: plan.slots.map((s) => ({ ...s, gate_id: null })) };
    expect(validatePlan(gateless, [])).toEqual([]);
    expect(planBody(gateless).slots[0].gate_id).toBeNull();
  });

  it('flags a meal before the arrival window ends', () => {
    const p = { ...plan, slots: [{ ...plan.slots[0], meal_start: '07:40', meal_end: '08:10' }] };
    expect(validatePlan(p).map((i) => i.field)).toEqual(['slots[0].meal_start']);
  });

  it('warns when two grades enter one gate too close together', () => {
    const p: ReturnPlan = {
      ...plan,
      batches: [{ seq: 1, name: '一', grade_ids: ['g6', 'g1'], return_date: '2026-11-30' }],
      slots: [
        { grade_id: 'g6', gate_id: 'n', start: '07:30', end: '07:45', meal_start: '11:30', meal_end: '12:00' },
        { grade_id: 'g1', gate_id: 'n', start: '07:35', end: '07:50', meal_start: '11:45', meal_end: '12:15' },
      ],
    };
    const w = planWarnings(p);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ field: 'slots[1].start', key: 'tooClose', params: { a: '六年级', b: '一年级', gap: 10 } });
    // Different gates, or far enough apart: fine.
    expect(planWarnings({ ...p, slots: [p.slots[0], { ...p.slots[1], gate_id: 's' }] })).toEqual([]);
    expect(planWarnings({ ...p, slots: [p.slots[0], { ...p.slots[1], start: '07:45' }] })).toEqual([]);
  });

  it('builds the PUT body with sequence numbers in order', () => {
    const body = planBody({ batches: [{ seq: 9, name: ' 第一批 ', grade_ids: ['g6'], return_date: '2026-11-30', levels: [6] }], slots: [{ ...plan.slots[0], grade_name: 'x', pupils: 3 }] });
    expect(body).toEqual({
      batches: [{ seq: 1, name: '第一批', grade_ids: ['g6'], return_date: '2026-11-30' }],
      slots: [{ grade_id: 'g6', gate_id: 'n', start: '07:30', end: '07:45', meal_start: '11:30', meal_end: '12:00' }],
    });
  });

  it('parses server field names', () => {
    expect(parseField('slots[2].end')).toEqual({ list: 'slots', index: 2, key: 'end' });
    expect(parseField('batches[1].grade_ids')).toEqual({ list: 'batches', index: 1, key: 'grade_ids' });
    expect(parseField('batches[0]')).toEqual({ list: 'batches', index: 0, key: '' });
    expect(parseField('first_date')).toBeNull();
    expect(parseField(null)).toBeNull();
  });

  it('lays out the timetable by batch and arrival time', () => {
    const p: ReturnPlan = {
      ...plan,
      slots: [
        { grade_id: 'g6', gate_id: 's', start: '07:45', end: '08:00', meal_start: '11:30', meal_end: '12:00' },
        { grade_id: 'g6', gate_id: 'n', start: '07:30', end: '07:45', meal_start: '11:30', meal_end: '12:00' },
        { grade_id: 'g1', gate_id: 'n', start: '07:45', end: '08:00', meal_start: '11:45', meal_end: '12:15' },
        { grade_id: 'g0', gate_id: 'n', start: '08:30', end: '08:45', meal_start: '11:45', meal_end: '12:15' },
      ],
    };
    const tt = timetable({ ...p, batches: [plan.batches[0], { ...plan.batches[1], grade_ids: ['g1'] }] });
    expect(tt.map((g) => g.index)).toEqual([0, 1, -1]);
    expect(tt[0]).toMatchObject({ name: '第一批', grades: ['六年级'], pupils: 38 });
    expect(tt[0].rows.map((r) => r.gate_name)).toEqual(['北门', '南门']);
    expect(tt[1].rows[0]).toMatchObject({ grade_name: '一年级', pupils: 40 });
    expect(tt[2].rows[0].grade_name).toBe('幼儿园');
  });

  it('re-staggers a batch gate by gate', () => {
    const p = {
      batches: [{ seq: 1, name: '一', grade_ids: ['g6', 'g1', 'g2'], return_date: '2026-11-30' }],
      slots: [
        { grade_id: 'g6', gate_id: 'n', start: '', end: '', meal_start: '', meal_end: '' },
        { grade_id: 'g1', gate_id: 'n', start: '', end: '', meal_start: '', meal_end: '' },
        { grade_id: 'g2', gate_id: 's', start: '', end: '', meal_start: '', meal_end: '' },
        { grade_id: 'g9', gate_id: 'n', start: '09:00', end: '09:10', meal_start: '', meal_end: '' },
      ],
    };
    const out = stagger(p, 0, { first: '07:30', step: 15, length: 10, mealFirst: '11:30', mealLength: 20 });
    expect(out.map((s) => `${s.start}-${s.end} ${s.meal_start}-${s.meal_end}`)).toEqual([
      '07:30-07:40 11:30-11:50',
      '07:45-07:55 11:45-12:05',
      '07:30-07:40 11:30-11:50',
      '09:00-09:10 -',
    ]);
    expect(stagger(p, 5, { first: '07:30', step: 15, length: 10, mealFirst: '11:30', mealLength: 20 })).toBe(p.slots);
  });
});

describe('not returned', () => {
  const row = (
    name: string,
    state: NotReturnedRow['state'],
    reason: string | null,
    expected: string | null,
    kind: NotReturnedRow['kind'] = 'student',
    cls: string | null = '一年级1班',
  ): NotReturnedRow => ({
    person_id: name,
    name,
    kind,
    class_name: cls ?? '',
    state,
    reason: reason ?? '',
    expected_date: expected,
    note: '',
    dropout_case_id: null,
    return_date: null,
  });
  const rows = [
    row('甲', 'not_returned', 'sick', '2026-12-01'),
    row('乙', 'unaccounted', null, null),
    row('丙', 'not_returned', 'dropout_risk', null),
    row('丁', 'not_returned', 'abroad', '2026-11-28', 'staff', null),
  ];

  it('puts the unaccounted first, then dropout risk, then by expected date', () => {
    expect(sortNotReturned(rows).map((r) => r.name)).toEqual(['乙', '丙', '丁', '甲']);
  });

  it('filters by kind, state, reason and query', () => {
    expect(filterNotReturned(rows, { kind: 'staff' }).map((r) => r.name)).toEqual(['丁']);
    expect(filterNotReturned(rows, { state: 'unaccounted' }).map((r) => r.name)).toEqual(['乙']);
    expect(filterNotReturned(rows, { reason: 'sick' }).map((r) => r.name)).toEqual(['甲']);
    expect(filterNotReturned(rows, { query: '1班' })).toHaveLength(3);
  });

  it('validates the mark form', () => {
    const base = { state: 'not_returned', reason: 'sick', expected_date: '2026-12-01', note: '' };
    expect(validateReturnMark(base, '2026-11-25')).toBeNull();
    expect(validateReturnMark({ ...base, reason: '' })).toEqual({ field: 'reason', key: 'reasonRequired' });
    expect(validateReturnMark({ ...base, expected_date: '2026-11-24' }, '2026-11-25')).toEqual({ field: 'expected_date', key: 'datePast' });
    expect(validateReturnMark({ ...base, expected_date: 'soon' })).toEqual({ field: 'expected_date', key: 'dateInvalid' });
    expect(validateReturnMark({ ...base, reason: 'other' })).toEqual({ field: 'note', key: 'noteRequired' });
    expect(validateReturnMark({ ...base, expected_date: null })).toBeNull();
    expect(validateReturnMark({ state: 'returned', reason: '', expected_date: null, note: '' })).toBeNull();
  });

  it('normalises counts and computes the returned share', () => {
    const c = normalizeReturnCounts({ expected: 8, returned: 6, by_reason: { sick: 1 } });
    expect(c).toMatchObject({ enrolled: 0, expected: 8, returned: 6, not_returned: 0, unaccounted: 0, by_reason: { sick: 1 } });
    expect(returnedPercent(c)).toBe(75);
    expect(returnedPercent(normalizeReturnCounts(undefined))).toBe(0);
  });
});

describe('commitment letters', () => {
  it('fills placeholders and finds unknown ones', () => {
    const body = '{school}：本人{guardian}为{class}{name}的监护人，{date}签订。{foo}';
    expect(fillTemplate(body, { school: '实验小学', guardian: '张伟', class: '一年级1班', name: '张小明', date: '2026-11-25' })).toBe(
      '实验小学：本人张伟为一年级1班张小明的监护人，2026-11-25签订。{foo}',
    );
    expect(unknownPlaceholders(body)).toEqual(['foo']);
    expect(unknownPlaceholders('{name}{name}')).toEqual([]);
  });

  it('inserts a placeholder at the caret', () => {
    expect(insertAt('ab', 1, '{name}')).toEqual({ text: 'a{name}b', caret: 7 });
    expect(insertAt('ab', null, 'X')).toEqual({ text: 'abX', caret: 3 });
    expect(insertAt('ab', 9, 'X')).toEqual({ text: 'abX', caret: 3 });
  });

  it('lists the unsigned first', () => {
    const rows = [
      { name: '乙', signed: { name: '家长' } },
      { name: '甲', signed: null },
      { name: '丙', signed: null },
    ];
    expect(sortSignatures(rows).map((r) => r.name)).toEqual(['丙', '甲', '乙']);
  });
});

describe('scope', () => {
  it('lists school grants, class grants and the switcher node without duplicates', () => {
    const grants = [
      { org_id: 'c1', org_kind: 'class', org_name: '一年级1班' },
      { org_id: 's1', org_kind: 'school', org_name: '实验小学' },
      { org_id: 'k1', org_kind: 'county', org_name: '兰山区' },
    ];
    expect(returnScopes(grants, { id: 'c1', kind: 'class', name: '一年级1班' }).map((s) => s.id)).toEqual(['s1', 'c1']);
    expect(returnScopes(grants, { id: 's2', kind: 'school', name: '二小' }).map((s) => s.id)).toEqual(['s1', 'c1', 's2']);
    expect(returnScopes([], { id: 'k1', kind: 'county', name: '兰山区' })).toEqual([]);
  });

  it('finds the school above a class', () => {
    const nodes = new Map(
      [
        { id: 's', kind: 'school', name: '实验小学', parent_id: 'k' },
        { id: 'g', kind: 'grade', name: '一年级', parent_id: 's' },
        { id: 'c', kind: 'class', name: '一年级1班', parent_id: 'g' },
      ].map((n) => [n.id, n] as const),
    );
    expect(schoolOf(nodes, 'c')?.id).toBe('s');
    expect(schoolOf(nodes, 'x')).toBeNull();
  });
});

describe('return-school messages', () => {
  const z = flattenMessages(zh);

  it('has the same keys and placeholders in both languages', () => {
    expect(messageParityProblems(zh, en)).toEqual([]);
  });

  it('is Chinese in zh-CN and not in en', () => {
    expect(chineseIn(en)).toEqual([]);
    for (const [k, v] of z) if (!['commitments.sample.date', 'returnPlan.sep'].includes(k)) expect(/[\u4e00-\u9fff]/.test(v), `${k}: ${v}`).toBe(true);
  });

  it('labels every code of the contract', () => {
    for (const s of DECISION_STATUSES) expect(z.has(`eligibility.status.${s}`), s).toBe(true);
    for (const r of RULES) expect(z.has(`eligibility.rule.${r}`), r).toBe(true);
    for (const d of DOCUMENT_KINDS) expect(z.has(`eligibility.docKind.${d}`), d).toBe(true);
    for (const s of ['missing', 'pending', 'approved', 'rejected']) expect(z.has(`eligibility.docStatus.${s}`), s).toBe(true);
    for (const r of NOT_RETURNED_REASONS) expect(z.has(`notReturned.reason.${r}`), r).toBe(true);
    for (const l of LETTER_LEVELS) expect(z.has(`commitments.level.${l}`), l).toBe(true);
    for (const p of LETTER_PLACEHOLDERS) expect(z.has(`commitments.placeholder.${p}`), p).toBe(true);
    for (let w = 0; w < 7; w++) expect(z.has(`returnPlan.week.${w}`)).toBe(true);
  });

  it('uses only its own top-level sections', () => {
    expect(Object.keys(zh).sort()).toEqual(['commitments', 'docReview', 'eligibility', 'menu', 'notReturned', 'returnPlan']);
    const base = new Set(Object.keys(zhBase));
    expect(Object.keys(zh).filter((k) => k !== 'menu' && base.has(k))).toEqual([]);
  });
});
