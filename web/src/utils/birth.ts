/**
 * What the API shows of a person's birth (docs/decisions/0010-id-number-exposure.md): the date
 * for roles with the reveal right, otherwise only the year.
 */
export function birthLabel(
  p: { birth_date?: string | null; birth_year?: number | null },
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  if (p.birth_date) return p.birth_date;
  if (p.birth_year != null) return t('people.birthYear', { year: p.birth_year });
  return '—';
}
