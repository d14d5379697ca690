import { describe, expect, it } from 'vitest';
import zh from '@/i18n/return-bureau.zh-CN';
import en from '@/i18n/return-bureau.en';
import { chineseIn, flattenMessages, messageParityProblems } from '@/i18n/testing';
import {
  activeLevelCounts,
  aggregateImpact,
  appStatusTone,
  approvals,
  areaActive,
  areaBody,
  chainStages,
  changeDirection,
  addDays,
  cnDate,
  defaultEndDate,
  decodeCsv,
  declaredPct,
  dropCsvLines,
  drillable,
  filterAreas,
  groupRowErrors,
  levelTone,
  localDay,
  orderRows,
  riskCsvHints,
  riskCsvTemplate,
  summaryFacts,
  validateAreaDraft,
  DECISION_STATUSES,
  NOT_RETURNED_REASONS,
  RISK_LEVELS,
  type ReopenApplication,
  type RiskArea,
} from './returnBureau';

const area = (p: Partial<RiskArea>): RiskArea => ({
  id: '1',
  org_id: '1',
  region_code: '371302',
  region_name: '山东省临沂市兰山区',
  street: '',
  level: 'medium',
  start_date: '2026-11-20',
  end_date: null,
  note: '',
  active: true,
  created_at: '2026-11-20T01:00:00Z',
  created_by_name: 'admin',
  ...p,
});

describe('risk areas', () => {
  it('colours levels', () => {
    expect(levelTone('high')).toBe('danger');
    expect(levelTone('medium')).toBe('warning');
    expect(levelTone('low')).toBe('info');
  });

  it('tells whether an area is in force on a day', () => {
    const a = area({ start_date: '2026-11-20', end_date: '2026-11-24' });
    expect(areaActive(a, '2026-11-19')).toBe(false);
    expect(areaActive(a, '2026-11-20')).toBe(true);
    expect(areaActive(a, '2026-11-24')).toBe(true);
    expect(areaActive(a, '2026-11-25')).toBe(false);
    expect(areaActive({ ...a, active: false })).toBe(false);
    expect(areaActive({ start_date: '2026-11-01', end_date: null })).toBe(true);
  });

  it('filters and orders: active first, severe first, newest first', () => {
    const list = [
      area({ id: 'a', level: 'low', start_date: '2026-11-01' }),
      area({ id: 'b', level: 'high', start_date: '2026-11-02', region_code: '370102', region_name: '济南市历下区' }),
      area({ id: 'c', level: 'high', start_date: '2026-11-10', active: false, end_date: '2026-11-20' }),
      area({ id: 'd', level: 'medium', start_date: '2026-11-05', street: '金雀山街道' }),
    ];
    expect(filterAreas(list, {}).map((a) => a.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(filterAreas(list, { state: 'ended' }).map((a) => a.id)).toEqual(['c']);
    expect(filterAreas(list, { level: 'high', state: 'active' }).map((a) => a.id)).toEqual(['b']);
    expect(filterAreas(list, { q: '金雀山' }).map((a) => a.id)).toEqual(['d']);
    expect(filterAreas(list, { q: '3701' }).map((a) => a.id)).toEqual(['b']);
    expect(activeLevelCounts(list)).toEqual({ high: 1, medium: 1, low: 1 });
  });

  it('ends an area as of yesterday by default', () => {
    expect(addDays('2026-12-01', -1)).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(defaultEndDate({ start_date: '2026-11-20' }, '2026-11-25')).toBe('2026-11-24');
    expect(defaultEndDate({ start_date: '2026-11-25' }, '2026-11-25')).toBe('2026-11-25');
  });

  it('checks the add form and builds the body', () => {
    const d = { org_id: '1', region_code: ' 371302 ', street: ' 金雀山街道 ', level: 'medium', start_date: '2026-11-25', end_date: '', note: '' };
    expect(validateAreaDraft(d)).toEqual({});
    expect(areaBody(d)).toEqual({ org_id: '1', region_code: '371302', street: '金雀山街道', level: 'medium', start_date: '2026-11-25', note: '' });
    expect(areaBody({ ...d, end_date: '2026-12-01' }).end_date).toBe('2026-12-01');
    const bad = validateAreaDraft({ ...d, region_code: '3713', level: 'extreme', start_date: '', end_date: '2026-11-01' });
    expect(Object.keys(bad).sort()).toEqual(['level', 'region_code', 'start_date']);
    expect(validateAreaDraft({ ...d, end_date: '2026-11-01' })).toEqual({ end_date: 'riskAreas.errors.endBeforeStart' });
  });
});

describe('risk CSV', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('offers a template with the server header', () => {
    const tpl = riskCsvTemplate();
    expect(tpl.startsWith('\ufeff地区代码,街道,风险等级,开始日期,结束日期\r\n')).toBe(true);
    expect(riskCsvHints(enc(tpl))).toEqual({ missing: [], rows: 2, undecodable: false, empty: false });
  });

  it('hints at missing columns, empty files and GBK files', () => {
    expect(riskCsvHints(enc('地区代码,风险等级\n371302,中\n\n'))).toEqual({
      missing: ['街道', '开始日期', '结束日期'],
      rows: 1,
      undecodable: false,
      empty: false,
    });
    expect(riskCsvHints(enc('region_code,street,level,start_date,end_date\n')).missing).toEqual([]);
    expect(riskCsvHints(enc(' ,, \n')).empty).toBe(true);
    expect(riskCsvHints(new Uint8Array([0xb5, 0xd8, 0xc7, 0xf8])).undecodable).toBe(true); // 地区 in GBK
  });

  it('reads UTF-8 and GBK and drops the rows with problems', () => {
    expect(decodeCsv(enc('\ufeff地区代码\n'))).toBe('地区代码\n');
    expect(decodeCsv(new Uint8Array([0xb5, 0xd8, 0xc7, 0xf8]))).toBe('地区');
    const text = '地区代码,街道,风险等级,开始日期,结束日期\r\n650102,,低,2026-11-25,\r\n999999,,中,2026-11-25,\r\n370102,,高,2026-11-25,\r\n';
    expect(dropCsvLines(text, [3])).toBe('地区代码,街道,风险等级,开始日期,结束日期\r\n650102,,低,2026-11-25,\r\n370102,,高,2026-11-25,\r\n');
    expect(dropCsvLines('a\nb\nc', [1, 3])).toBe('b');
  });

  it('groups row errors by row', () => {
    expect(
      groupRowErrors([
        { row: 3, field: 'level', message: 'bad level' },
        { row: 2, field: 'region_code', message: 'unknown' },
        { row: 3, field: 'start_date', message: 'bad date' },
      ]),
    ).toEqual([
      { row: 2, items: [{ field: 'region_code', message: 'unknown' }] },
      {
        row: 3,
        items: [
          { field: 'level', message: 'bad level' },
          { field: 'start_date', message: 'bad date' },
        ],
      },
    ]);
  });
});

describe('impact', () => {
  it('knows which way a change goes', () => {
    expect(changeDirection('eligible', 'not_eligible')).toBe(1);
    expect(changeDirection('conditional', 'not_eligible')).toBe(1);
    expect(changeDirection('not_eligible', 'eligible')).toBe(-1);
    expect(changeDirection('eligible', 'conditional')).toBe(1);
    expect(changeDirection('conditional', 'undeclared')).toBe(0);
  });

  it('aggregates per school, blocked and most affected first', () => {
    const v = aggregateImpact({
      changed: 4,
      to_not_eligible: 2,
      to_eligible: 1,
      schools: [
        {
          school_id: '7',
          name: '乙校',
          county_name: '河东区',
          changes: [{ person_id: '1', name: '张三', class_name: '一年级1班', from: 'not_eligible', to: 'eligible' }],
        },
        {
          school_id: '5',
          name: '甲校',
          county_name: '兰山区',
          changes: [
            { person_id: '3', name: '王五', class_name: '二年级1班', from: 'eligible', to: 'conditional' },
            { person_id: '2', name: '李四', class_name: '一年级1班', from: 'eligible', to: 'not_eligible' },
            { person_id: '4', name: '赵六', class_name: '一年级2班', from: 'conditional', to: 'not_eligible' },
          ],
        },
      ],
      blocked_schools: [
        { school_id: '5', name: '甲校' },
        { school_id: '9', name: '丙校' },
      ],
    });
    expect(v.changed).toBe(4);
    expect(v.toNotEligible).toBe(2);
    expect(v.toEligible).toBe(1);
    expect(v.schools.map((s) => [s.name, s.toNotEligible, s.toEligible, s.other, s.blocked])).toEqual([
      ['甲校', 2, 0, 1, true],
      ['乙校', 0, 1, 0, false],
    ]);
    expect(v.schools[0].changes.map((c) => c.name)).toEqual(['李四', '赵六', '王五']);
    expect(v.blocked).toEqual([{ school_id: '9', name: '丙校' }]);
    expect(v.empty).toBe(false);
  });

  it('fills totals from the changes and tells an empty impact', () => {
    const v = aggregateImpact({
      schools: [{ school_id: '1', name: 'A', county_name: '', changes: [{ person_id: '1', name: 'x', class_name: '', from: 'eligible', to: 'not_eligible' }] }],
    });
    expect([v.changed, v.toNotEligible, v.toEligible]).toEqual([1, 1, 0]);
    expect(aggregateImpact(null).empty).toBe(true);
    expect(aggregateImpact({ changed: 0, to_not_eligible: 0, to_eligible: 0, schools: [], blocked_schools: [] }).empty).toBe(true);
  });
});

describe('reopening', () => {
  const base: Pick<ReopenApplication, 'chain' | 'steps' | 'status' | 'stage'> = {
    chain: ['county', 'city'],
    status: 'pending',
    stage: 'county',
    steps: [{ at: '2026-11-25T00:00:00Z', level: 'school', org_name: '一小', actor_name: 'principal', decision: 'submit', comment: '' }],
  };

  it('shows the chain while waiting at the county', () => {
    expect(chainStages(base).map((s) => [s.level, s.state])).toEqual([
      ['school', 'done'],
      ['county', 'current'],
      ['city', 'waiting'],
    ]);
  });

  it('moves on to the city and finishes', () => {
    const county = { at: '2026-11-25T01:00:00Z', level: 'county', org_name: '兰山区', actor_name: 'lanshan', decision: 'approve' as const, comment: '同意' };
    const city = { at: '2026-11-25T02:00:00Z', level: 'city', org_name: '临沂市', actor_name: 'admin', decision: 'approve' as const, comment: '' };
    const atCity = chainStages({ ...base, stage: 'city', steps: [...base.steps, county] });
    expect(atCity.map((s) => s.state)).toEqual(['done', 'done', 'current']);
    expect(atCity[1].org_name).toBe('兰山区');
    const done = { ...base, status: 'approved' as const, stage: '', steps: [city, ...base.steps, county] };
    expect(chainStages(done).map((s) => s.state)).toEqual(['done', 'done', 'done']);
    expect(approvals(done).map((s) => s.level)).toEqual(['county', 'city']);
  });

  it('stops at a rejection', () => {
    const rej = { at: '2026-11-25T01:00:00Z', level: 'county', org_name: '兰山区', actor_name: 'lanshan', decision: 'reject' as const, comment: '材料不全' };
    const v = chainStages({ ...base, status: 'rejected' as const, stage: '', steps: [...base.steps, rej] });
    expect(v.map((s) => s.state)).toEqual(['done', 'rejected', 'waiting']);
    expect(v[1].comment).toBe('材料不全');
    expect(appStatusTone('rejected')).toBe('danger');
    expect(appStatusTone('approved')).toBe('success');
    expect(appStatusTone('pending')).toBe('warning');
  });

  it('writes dates the Chinese way and takes the local day of an instant', () => {
    expect(cnDate('2026-12-01')).toBe('2026年12月1日');
    expect(cnDate('')).toBe('');
    expect(localDay('2026-11-24T17:30:00Z')).toBe('2026-11-25');
    expect(localDay(null)).toBe('');
  });
});

describe('return overview', () => {
  it('builds the facts of the report sentence', () => {
    const f = summaryFacts({
      enrolled: 210,
      expected: 200,
      returned: 180,
      not_returned: 15,
      unaccounted: 5,
      students_not_returned: 17,
      staff_not_returned: 3,
      by_reason: { sick: 2, abroad: 3, other: 0, risk_area: 10, isolating: 0, dropout_risk: 0 },
    });
    expect(f.notBack).toBe(20);
    expect([f.students, f.staff, f.unaccounted]).toEqual([17, 3, 5]);
    expect(f.reasons).toEqual([
      ['abroad', 3],
      ['risk_area', 10],
      ['sick', 2],
    ]);
    expect(f.returnPct).toBe(90);
    expect(summaryFacts({ not_returned: 2, unaccounted: 1 }).notBack).toBe(3);
    expect(summaryFacts(null).returnPct).toBeNull();
  });

  it('computes the declared share and drill-down', () => {
    expect(declaredPct({ enrolled: 8, eligible: 4, conditional: 1, not_eligible: 1, undeclared: 2 })).toBe(75);
    expect(declaredPct({ enrolled: 0 })).toBeNull();
    expect(drillable({ kind: 'school' })).toBe(true);
    expect(drillable({ kind: 'class' })).toBe(false);
  });

  it('orders classes by grade', () => {
    const rows = [{ name: '三年级1班', kind: 'class' }, { name: '一年级10班', kind: 'class' }, { name: '一年级2班', kind: 'class' }];
    expect(orderRows(rows).map((r) => r.name)).toEqual(['一年级2班', '一年级10班', '三年级1班']);
    // Chinese class numbers and grades by number, not by pinyin or code point (issue 16).
    const cn = ['一年级(三)班', '三年级(一)班', '一年级(二)班', '二年级(十二)班', '二年级(二)班'].map((name) => ({ name, kind: 'class' }));
    expect(orderRows(cn).map((r) => r.name)).toEqual(['一年级(二)班', '一年级(三)班', '二年级(二)班', '二年级(十二)班', '三年级(一)班']);
    const mixed = [{ name: 'b', kind: 'school' }, { name: 'a', kind: 'township' }];
    expect(orderRows(mixed)).toEqual(mixed);
  });
});

describe('return-bureau messages', () => {
  const zhFlat = flattenMessages(zh);

  it('have the same keys and placeholders in both languages, never empty', () => {
    expect(messageParityProblems(zh, en, /[@|$]/)).toEqual([]);
  });

  it('keep only the assigned top-level sections', () => {
    expect(Object.keys(zh).sort()).toEqual(['menu', 'reopening', 'returnImpact', 'returnOverview', 'returnPolicy', 'riskAreas']);
    expect(zhFlat.get('menu.riskAreas')).toBe('风险地区');
    expect(zhFlat.get('reopening.notice')).toBe('开学通知书');
  });

  it('zh-CN is Chinese and en is not', () => {
    expect(chineseIn(en)).toEqual([]);
    for (const [key, msg] of zhFlat) {
      const words = msg.replace(/\{\w+\}/g, '');
      if (/[A-Za-z]{2,}/.test(words) || words.trim().length > 2) expect(/[\u4e00-\u9fff]/.test(msg), `${key}: ${msg}`).toBe(true);
    }
  });

  it('label every code the pages show', () => {
    for (const l of RISK_LEVELS) expect(zhFlat.has(`riskAreas.levels.${l}`), l).toBe(true);
    for (const s of DECISION_STATUSES) expect(zhFlat.has(`returnImpact.status.${s}`), s).toBe(true);
    for (const r of NOT_RETURNED_REASONS) expect(zhFlat.has(`returnOverview.reasons.${r}`), r).toBe(true);
    for (const s of ['pending', 'approved', 'rejected']) expect(zhFlat.has(`reopening.status.${s}`), s).toBe(true);
    for (const l of ['school', 'county', 'city', 'province']) expect(zhFlat.has(`reopening.levels.${l}`), l).toBe(true);
  });
});
