import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkUpload,
  declarationDays,
  documentsToUpload,
  emptyDeclaration,
  errorKeyFor,
  flattenRegions,
  initialDeclaration,
  isDay,
  lastDays,
  latestOfKind,
  markAllNormal,
  parseFieldPath,
  prefilledDays,
  regionLabel,
  searchRegions,
  sectionOf,
  shortDay,
  shortHash,
  toBody,
  uncoveredDays,
  uploadUrl,
  validateDeclaration,
  weekday,
  type Declaration,
  type Decision,
  type DocumentRow,
} from './declaration';

const TODAY = '2026-11-25';
const DAYS = lastDays(TODAY);

function filled(): Declaration {
  const v = emptyDeclaration(DAYS);
  v.residence = [{ region_code: '371302', place: '兰山区金雀山街道', from: DAYS[0], to: TODAY }];
  v.daily = markAllNormal(v.daily);
  return v;
}

describe('days', () => {
  it('builds the 14 days ending today, across a month end', () => {
    expect(DAYS).toHaveLength(14);
    expect(DAYS[0]).toBe('2026-11-12');
    expect(DAYS[13]).toBe(TODAY);
    expect(lastDays('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('prefers the server list of days, sorted', () => {
    expect(declarationDays({ days: ['2026-11-13', '2026-11-12'] }, TODAY)).toEqual(['2026-11-12', '2026-11-13']);
    expect(declarationDays({ days: [] }, TODAY)).toEqual(DAYS);
    expect(declarationDays(null, TODAY)).toEqual(DAYS);
  });
  it('checks real calendar days and formats them', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-11-5')).toBe(false);
    expect(isDay(null)).toBe(false);
    expect(shortDay('2026-11-05')).toBe('11-05');
    expect(weekday('2026-11-25')).toBe(3); // a Wednesday
  });
});

describe('prefill merge', () => {
  it('starts empty with one residence row over the 14 days', () => {
    const v = initialDeclaration(DAYS, null, null);
    expect(v.residence).toEqual([{ region_code: '', place: '', from: '2026-11-12', to: TODAY }]);
    expect(v.daily.map((d) => d.day)).toEqual(DAYS);
    expect(v.daily.every((d) => d.temperature === null && d.symptoms.length === 0)).toBe(true);
    expect(v.code_color).toBe('green');
    expect(v.test).toEqual({ date: null, result: 'none' });
  });
  it('fills daily rows from the morning reports and keeps the other days empty', () => {
    const prefill = { daily: [{ day: '2026-11-24', temperature: 36.6, symptoms: [] }, { day: '2026-11-23', temperature: '37.8', symptoms: ['cough'] }], code_color: 'yellow' };
    const v = initialDeclaration(DAYS, null, prefill as never);
    expect(v.daily.find((d) => d.day === '2026-11-24')!.temperature).toBe(36.6);
    expect(v.daily.find((d) => d.day === '2026-11-23')).toEqual({ day: '2026-11-23', temperature: 37.8, symptoms: ['cough'] });
    expect(v.daily.find((d) => d.day === '2026-11-12')!.temperature).toBeNull();
    expect(v.code_color).toBe('yellow');
    expect([...prefilledDays(prefill as never)].sort()).toEqual(['2026-11-23', '2026-11-24']);
  });
  it('uses the stored declaration first, and the prefill for days it left blank', () => {
    const stored: Declaration = {
      residence: [{ region_code: '370102', place: '历下区', from: '2026-11-12', to: '2026-11-20' }],
      contacts: { case_contact: true, risk_area_contact: false, note: 'x' },
      daily: [{ day: '2026-11-12', temperature: 36.4, symptoms: [] }],
      code_color: 'green',
      quarantine: { status: 'home', end_date: '2026-11-30' },
      abroad: { returned: false, country: '', entry_date: null },
      test: { date: '2026-11-23', result: 'negative' },
    };
    const prefill = { daily: [{ day: '2026-11-12', temperature: 37.0, symptoms: [] }, { day: '2026-11-13', temperature: 36.8, symptoms: [] }] };
    const v = initialDeclaration(DAYS, stored, prefill);
    expect(v.daily[0].temperature).toBe(36.4);
    expect(v.daily[1].temperature).toBe(36.8);
    expect(v.residence[0].region_code).toBe('370102');
    expect(v.contacts.case_contact).toBe(true);
    expect(v.quarantine).toEqual({ status: 'home', end_date: '2026-11-30' });
    expect(v.test).toEqual({ date: '2026-11-23', result: 'negative' });
    // the values are copies: editing the form does not change the answer
    v.residence[0].place = 'changed';
    expect(stored.residence[0].place).toBe('历下区');
  });
  it('"all normal" fills blanks with 36.5 and clears symptoms but keeps measured values', () => {
    const daily = [
      { day: 'a', temperature: null, symptoms: ['cough'] },
      { day: 'b', temperature: 36.9, symptoms: [] },
    ];
    expect(markAllNormal(daily)).toEqual([
      { day: 'a', temperature: 36.5, symptoms: [] },
      { day: 'b', temperature: 36.9, symptoms: [] },
    ]);
    expect(daily[0].symptoms).toEqual(['cough']);
  });
});

describe('body', () => {
  it('trims, nulls empty dates, clears dependent fields and leaves blank days out', () => {
    const v = filled();
    v.daily[2] = { day: v.daily[2].day, temperature: null, symptoms: [] };
    v.residence[0].place = '  兰山区  ';
    v.quarantine = { status: 'none', end_date: '2026-11-30' };
    v.abroad = { returned: false, country: '日本', entry_date: '2026-11-01' };
    v.test = { date: '', result: 'none' } as never;
    const { body, dailyDays } = toBody(v);
    expect(body.residence[0].place).toBe('兰山区');
    expect(body.quarantine.end_date).toBeNull();
    expect(body.abroad).toEqual({ returned: false, country: '', entry_date: null });
    expect(body.test).toEqual({ date: null, result: 'none' });
    expect(body.daily).toHaveLength(13);
    expect(dailyDays[2]).toBe('2026-11-15');
  });
});

describe('client checks', () => {
  it('accepts a complete declaration', () => {
    expect(validateDeclaration(filled(), DAYS)).toEqual({});
  });
  it('names residence problems by the server field names', () => {
    const v = filled();
    v.residence.push({ region_code: '37010', place: '', from: '2026-11-20', to: '2026-11-18' });
    v.residence.push({ region_code: '370102', place: '', from: '2026-11-26', to: '' });
    const p = validateDeclaration(v, DAYS);
    expect(p['residence[1].region_code'].key).toBe('regionRequired');
    expect(p['residence[1].to'].key).toBe('toBeforeFrom');
    expect(p['residence[2].from'].key).toBe('future');
    expect(p['residence[2].to'].key).toBe('dateRequired');
    expect(p['residence[0].to']).toBeUndefined();
  });
  it('checks temperatures, quarantine, abroad and test', () => {
    const v = filled();
    v.daily[3].temperature = 43;
    v.quarantine.status = 'home';
    v.abroad = { returned: true, country: ' ', entry_date: '2026-12-01' };
    v.test = { date: null, result: 'negative' };
    const p = validateDeclaration(v, DAYS);
    expect(p['daily@2026-11-15.temperature'].key).toBe('temperatureRange');
    expect(p['quarantine.end_date'].key).toBe('dateRequired');
    expect(p['abroad.country'].key).toBe('required');
    expect(p['abroad.entry_date'].key).toBe('future');
    expect(p['test.date'].key).toBe('dateRequired');
  });
  it('finds the days no place covers', () => {
    const res = [
      { region_code: '370102', place: '', from: '2026-11-12', to: '2026-11-19' },
      { region_code: '371302', place: '', from: '2026-11-21', to: TODAY },
    ];
    expect(uncoveredDays(res, DAYS)).toEqual(['2026-11-20']);
    expect(uncoveredDays([], DAYS)).toHaveLength(14);
  });
});

describe('server error fields', () => {
  const shown = new Set(['residence', 'residence[0].to', 'residence[0].region_code', 'residence[1]', 'daily', 'daily@2026-11-15.temperature', 'test.date', 'quarantine', 'quarantine.end_date']);
  it('parses paths', () => {
    expect(parseFieldPath('residence[0].to')).toEqual([
      { name: 'residence', index: 0 },
      { name: 'to', index: null },
    ]);
    expect(parseFieldPath('test.date')).toEqual([
      { name: 'test', index: null },
      { name: 'date', index: null },
    ]);
    expect(parseFieldPath('a b')).toBeNull();
    expect(parseFieldPath(null)).toBeNull();
  });
  it('maps a field to the nearest key the form shows', () => {
    expect(errorKeyFor('residence[0].to', [], shown)).toBe('residence[0].to');
    expect(errorKeyFor('residence[1].place', [], shown)).toBe('residence[1]');
    expect(errorKeyFor('residence[5].from', [], shown)).toBe('residence');
    expect(errorKeyFor('test.date', [], shown)).toBe('test.date');
    expect(errorKeyFor('quarantine.status', [], shown)).toBe('quarantine');
    expect(errorKeyFor('abroad.country', [], shown)).toBe('abroad');
    expect(errorKeyFor(null, [], shown)).toBeNull();
  });
  it('maps daily[i] through the days that were sent', () => {
    const sent = ['2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];
    expect(errorKeyFor('daily[3].temperature', sent, shown)).toBe('daily@2026-11-15.temperature');
    expect(errorKeyFor('daily[3].symptoms', sent, shown)).toBe('daily@2026-11-15.temperature');
    expect(errorKeyFor('daily[9].temperature', sent, shown)).toBe('daily');
    expect(errorKeyFor('daily', sent, shown)).toBe('daily');
  });
  it('knows the section of a key', () => {
    expect(sectionOf('residence[0].to')).toBe('residence');
    expect(sectionOf('daily@2026-11-15.temperature')).toBe('daily');
    expect(sectionOf('test.date')).toBe('test');
    expect(sectionOf('code_color')).toBe('code_color');
  });
});

describe('documents', () => {
  const doc = (id: string, kind: DocumentRow['kind'], at: string): DocumentRow => ({
    id,
    person_id: 'p',
    kind,
    filename: 'a.png',
    mime: 'image/png',
    size: 10,
    status: 'pending',
    reason: '',
    uploaded_at: at,
    reviewed_at: null,
    reviewer_name: '',
  });
  it('lists what is still to upload', () => {
    const decision: Decision = {
      status: 'conditional',
      until: null,
      reasons: [],
      gaps: [],
      documents_needed: [
        { kind: 'trajectory_report', status: 'missing' },
        { kind: 'negative_test', status: 'pending' },
        { kind: 'health_certificate', status: 'rejected' },
      ],
    };
    expect(documentsToUpload(decision).map((d) => d.kind)).toEqual(['trajectory_report', 'health_certificate']);
    expect(documentsToUpload(null)).toEqual([]);
  });
  it('finds the latest upload of a kind', () => {
    const docs = [doc('1', 'negative_test', '2026-11-24T01:00:00Z'), doc('2', 'negative_test', '2026-11-25T01:00:00Z'), doc('3', 'trajectory_report', '2026-11-26T01:00:00Z')];
    expect(latestOfKind(docs, 'negative_test')!.id).toBe('2');
    expect(latestOfKind(docs, 'abroad')).toBeNull();
  });
  it('checks a file before sending it', () => {
    expect(checkUpload({ name: 'a.png', type: 'image/png', size: 100 })).toBeNull();
    expect(checkUpload({ name: 'a.pdf', type: 'application/pdf', size: 100 })).toBeNull();
    expect(checkUpload({ name: 'a.docx', type: 'application/msword', size: 100 })).toBe('type');
    expect(checkUpload({ name: 'a.jpg', type: 'image/jpeg', size: 6 * 1024 * 1024 })).toBe('size');
    expect(checkUpload({ name: 'a.jpg', type: 'image/jpeg', size: 0 })).toBe('empty');
  });
  it('builds the upload URL and shortens hashes', () => {
    expect(uploadUrl('/api/me/documents', 'negative_test', '核酸 1.jpg')).toBe('/api/me/documents?kind=negative_test&filename=%E6%A0%B8%E9%85%B8+1.jpg');
    expect(shortHash('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(null)).toBe('');
  });
});

describe('regions', () => {
  const tree = [
    { code: '11', name: '北京市', children: [{ code: '1101', name: '市辖区', children: [{ code: '110101', name: '东城区' }] }] },
    {
      code: '37',
      name: '山东省',
      children: [
        { code: '3701', name: '济南市', children: [{ code: '370102', name: '历下区' }, { code: '370103', name: '市中区' }] },
        { code: '3713', name: '临沂市', children: [{ code: '371302', name: '兰山区' }, { code: '371311', name: '罗庄区' }] },
      ],
    },
  ];
  const list = flattenRegions(tree);
  it('flattens to counties and labels them without repeating a municipality', () => {
    expect(list).toHaveLength(5);
    expect(regionLabel(list[0])).toBe('北京市 东城区');
    expect(regionLabel(list.find((r) => r.code === '370102'))).toBe('山东省 济南市 历下区');
    expect(regionLabel(null)).toBe('');
  });
  it('searches by code prefix or name', () => {
    expect(searchRegions(list, '3701').map((r) => r.code)).toEqual(['370102', '370103']);
    expect(searchRegions(list, '兰山').map((r) => r.code)).toEqual(['371302']);
    expect(searchRegions(list, '济南').map((r) => r.code)).toEqual(['370102', '370103']);
    expect(searchRegions(list, '临沂 罗庄').map((r) => r.code)).toEqual(['371311']);
    expect(searchRegions(list, ' ')).toEqual([]);
  });
});
