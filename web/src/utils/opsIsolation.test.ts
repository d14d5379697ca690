import { describe, expect, it } from 'vitest';
import {
  composeStepNote,
  dueInfo,
  groupByStage,
  minutesSince,
  overdueCount,
  parseHotline,
  splitMinutes,
  stepBody,
  stepFields,
  stepsForStage,
  validateStep,
  type BoardItem,
  type StepForm,
} from './opsIsolation';

const form = (over: Partial<StepForm> = {}): StepForm => ({
  temperature: null,
  note: '',
  clinic: '',
  hotline: '',
  diagnosis: '',
  certificate: false,
  ...over,
});

describe('steps per stage', () => {
  it('follows the workflow observation → isolation → away → awaiting return', () => {
    expect(stepsForStage('observation')).toEqual(['recheck', 'isolate', 'close']);
    expect(stepsForStage('isolation')).toEqual(['notify_guardian', 'picked_up', 'sent_to_clinic', 'close']);
    expect(stepsForStage('away')).toEqual(['outcome', 'close']);
    expect(stepsForStage('awaiting_return')).toEqual(['return', 'close']);
  });
  it('offers nothing once returned or closed', () => {
    expect(stepsForStage('returned')).toEqual([]);
    expect(stepsForStage('closed')).toEqual([]);
    expect(stepsForStage('bogus')).toEqual([]);
  });
  it('asks for what each step needs', () => {
    expect(stepFields('recheck').temperature).toBe('required');
    expect(stepFields('sent_to_clinic')).toMatchObject({ clinic: true, hotline: true, temperature: 'none' });
    expect(stepFields('outcome').diagnosis).toBe(true);
    expect(stepFields('return').certificate).toBe(true);
    expect(validateStep('recheck', form())).toBe('needTemperature');
    expect(validateStep('recheck', form({ temperature: 37.9 }))).toBeNull();
    expect(validateStep('sent_to_clinic', form({ clinic: '  ' }))).toBe('needClinic');
    expect(validateStep('outcome', form())).toBe('needDiagnosis');
    expect(validateStep('return', form())).toBe('needCertificate');
    expect(validateStep('return', form({ certificate: true }))).toBeNull();
    expect(validateStep('close', form())).toBeNull();
  });
});

describe('step body and the clinic hotline', () => {
  it('sends only the fields of the step', () => {
    expect(stepBody('recheck', form({ temperature: 37.9, clinic: 'x' }))).toEqual({ step: 'recheck', temperature: 37.9 });
    expect(stepBody('return', form({ certificate: true, temperature: 36.5 }))).toEqual({ step: 'return', certificate: true });
    expect(stepBody('outcome', form({ diagnosis: ' 流感 ', note: '甲流' }))).toEqual({ step: 'outcome', diagnosis: '流感', note: '甲流' });
  });
  it('writes the hotline into the note of a sent-to-clinic step and reads it back', () => {
    const note = composeStepNote('sent_to_clinic', { hotline: '0539-8888120', note: '家长陪同' });
    expect(note).toBe('☎ 0539-8888120；家长陪同');
    expect(parseHotline(note)).toBe('0539-8888120');
    expect(stepBody('sent_to_clinic', form({ clinic: '市人民医院发热门诊', hotline: '0539-8888120' }))).toEqual({
      step: 'sent_to_clinic',
      clinic: '市人民医院发热门诊',
      note: '☎ 0539-8888120',
    });
    expect(composeStepNote('picked_up', { hotline: '0539-8888120', note: '' })).toBe('');
  });
  it('finds a hotline written by hand', () => {
    expect(parseHotline('发热门诊热线：0539 1234567')).toBe('0539 1234567');
    expect(parseHotline('Hotline 120')).toBeNull(); // too short to be a number
    expect(parseHotline('')).toBeNull();
    expect(parseHotline(null)).toBeNull();
  });
});

describe('due times', () => {
  const now = Date.parse('2026-11-24T23:15:00Z');
  it('counts minutes until and since the due time', () => {
    expect(dueInfo('2026-11-24T23:20:00Z', now)).toEqual({ minutes: 5, overdue: false });
    expect(dueInfo('2026-11-24T23:15:30Z', now)).toEqual({ minutes: 1, overdue: false });
    expect(dueInfo('2026-11-24T23:15:00Z', now)).toEqual({ minutes: 0, overdue: false });
    expect(dueInfo('2026-11-24T23:05:00Z', now)).toEqual({ minutes: 10, overdue: true });
    expect(dueInfo(null, now)).toBeNull();
    expect(dueInfo('garbage', now)).toBeNull();
  });
  it('splits durations and counts elapsed minutes', () => {
    expect(splitMinutes(125)).toEqual({ h: 2, m: 5 });
    expect(splitMinutes(-3)).toEqual({ h: 0, m: 0 });
    expect(minutesSince('2026-11-24T23:10:00Z', now)).toBe(5);
    expect(minutesSince('2026-11-25T00:00:00Z', now)).toBe(0);
    expect(minutesSince(null, now)).toBe(0);
  });
  it('groups the board by stage with what is due first', () => {
    const items: BoardItem[] = [
      { id: 'a', stage: 'observation', opened_at: '2026-11-24T23:00:00Z', next: { action: 'recheck', due_at: '2026-11-24T23:30:00Z' } },
      { id: 'b', stage: 'observation', opened_at: '2026-11-24T23:01:00Z', next: { action: 'recheck', due_at: '2026-11-24T23:11:00Z' } },
      { id: 'c', stage: 'isolation', opened_at: '2026-11-24T22:00:00Z', next: { action: 'notify_guardian', due_at: null } },
      { id: 'd', stage: 'closed', opened_at: '2026-11-20T22:00:00Z', next: null },
      { id: 'e', stage: 'returned', opened_at: '2026-11-22T22:00:00Z', next: null },
    ];
    const g = groupByStage(items);
    expect(g.observation.map((x) => x.id)).toEqual(['b', 'a']);
    expect(g.isolation.map((x) => x.id)).toEqual(['c']);
    expect(g.away).toEqual([]);
    expect(g.done.map((x) => x.id)).toEqual(['e', 'd']);
    expect(overdueCount(items, now)).toBe(1);
  });
});
