// Vocabulary of the daily health loop shared by every page (the server's lists in
// src/daily/rules.cpp): WS/T 772 symptom codes in the server's order, health code colours,
// absence reasons.
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
] as const;
export type SymptomCode = (typeof SYMPTOM_CODES)[number];

export const CODE_COLORS = ['green', 'yellow', 'red'] as const;
export type CodeColor = (typeof CODE_COLORS)[number];

export const ABSENCE_REASONS = ['sick', 'personal', 'other'] as const;
