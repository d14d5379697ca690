// Vocabulary of the daily health loop shared by every page (the server's lists in
// src/daily/rules.cpp): WS/T 772 symptom codes in the server's order, health code colours,
// absence reasons. The types come from the generated API schema; the lists give their order and
// are checked against it below.
import type { MorningReport } from '@/api/types';

export type SymptomCode = MorningReport['symptoms'][number];
export type CodeColor = MorningReport['code_color'];
export type AbsenceReasonCode = Exclude<MorningReport['absence_reason'], ''>;

export const SYMPTOM_CODES = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'diarrhea',
  'vomiting',
  'rash',
  'conjunctivitis',
  'headache',
  'runny_nose',
  'abdominal_pain',
  'other',
] as const satisfies readonly SymptomCode[];

export const CODE_COLORS = ['green', 'yellow', 'red'] as const satisfies readonly CodeColor[];

export const ABSENCE_REASONS = ['sick', 'personal', 'other'] as const satisfies readonly AbsenceReasonCode[];

// Every code of the schema is in its list (a code the server adds fails the type check here).
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
export const LISTS_COMPLETE: [
  Missing<SymptomCode, (typeof SYMPTOM_CODES)[number]>,
  Missing<CodeColor, (typeof CODE_COLORS)[number]>,
  Missing<AbsenceReasonCode, (typeof ABSENCE_REASONS)[number]>,
] = [true, true, true];
