import { i18n } from '@/i18n/core';

/** Code lists the server uses; each has a label group under `enums.<group>` in the i18n messages. */
export const ENUMS = {
  schoolType: ['kindergarten', 'primary', 'junior', 'senior', 'nine_year', 'complete_secondary', 'vocational', 'special'],
  dayReason: ['school_day', 'weekend', 'holiday', 'workday', 'outside_term', 'closed', 'postponed', 'school_holiday'],
  periodStatus: ['open', 'closed', 'postponed', 'holiday'],
  tag: ['left_behind', 'poor', 'disabled', 'single_parent', 'medical_family'],
  placeKind: [
    'classroom',
    'canteen',
    'dormitory',
    'toilet',
    'garbage_station',
    'clinic',
    'isolation_room',
    'library',
    'gym',
    'office',
    'lab',
    'playground',
    'gate_area',
    'other',
  ],
  historyKind: ['enrol', 'transfer_class', 'transfer_school', 'status'],
  studentStatus: ['enrolled', 'transferred', 'suspended', 'graduated'],
  staffStatus: ['active', 'left'],
  gender: ['M', 'F'],
  personKind: ['student', 'staff'],
  staffRole: ['teacher', 'head_teacher', 'doctor', 'guard', 'canteen', 'cleaner', 'dorm_manager', 'driver', 'admin'],
  docType: ['cn_id', 'hk_mo_permit', 'tw_permit', 'passport', 'foreign_permanent', 'other'],
} as const;

export type EnumGroup = keyof typeof ENUMS;

/** Label for a server code; unknown codes (added by the server later) show the code itself. */
export function enumLabel(group: EnumGroup, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const key = `enums.${group}.${code}`;
  return i18n.global.te(key) ? i18n.global.t(key) : code;
}

/** Status codes valid for a person kind. */
export function statusesFor(kind: string): readonly string[] {
  return kind === 'staff' ? ENUMS.staffStatus : ENUMS.studentStatus;
}

/** Either status list (the person status labels share one lookup). */
export function personStatusLabel(code: string | null | undefined): string {
  if (code && (ENUMS.staffStatus as readonly string[]).includes(code)) return enumLabel('staffStatus', code);
  return enumLabel('studentStatus', code);
}

/** Element Plus tag colour for a calendar reason / status. */
export function reasonTone(reason: string): 'success' | 'info' | 'warning' | 'danger' | 'primary' {
  switch (reason) {
    case 'school_day':
      return 'success';
    case 'workday':
      return 'primary';
    case 'holiday':
    case 'school_holiday':
      return 'warning';
    case 'closed':
    case 'postponed':
      return 'danger';
    default:
      return 'info';
  }
}

/** Grade levels each school type may have (kindergarten −3…−1, 小学 1–6, 初中 7–9, 高中 10–12). */
export const GRADE_RANGES: Record<string, [number, number]> = {
  kindergarten: [-3, -1],
  primary: [1, 6],
  junior: [7, 9],
  senior: [10, 12],
  nine_year: [1, 9],
  complete_secondary: [7, 12],
  vocational: [10, 12],
  special: [1, 12],
};

/** Levels a school of this type may add, leaving out the ones it already has. */
export function addableGradeLevels(schoolType: string, existing: readonly number[]): number[] {
  const [lo, hi] = GRADE_RANGES[schoolType] ?? [1, 12];
  const out: number[] = [];
  for (let l = lo; l <= hi; l++) if (l !== 0 && !existing.includes(l)) out.push(l);
  return out;
}

/** Name of a grade level from the localised list school.gradeNames (小班 … 高三). */
export function gradeLabel(level: number): string {
  const names = i18n.global.t('school.gradeNames').split(',');
  const idx = level < 0 ? level + 3 : level + 2;
  return names[idx] ?? String(level);
}
