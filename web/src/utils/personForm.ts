/**
 * The server's error for a form field: {"error": {"field": "id_number"}} belongs to the id_number
 * item; "guardians[1].phone" or "guardians.1.phone" to the guardians item. '' when it is elsewhere.
 */
export function fieldErrorFor(error: { field: string; message: string } | null | undefined, field: string): string {
  if (!error || !error.field) return '';
  const f = error.field;
  if (f === field || f.startsWith(field + '[') || f.startsWith(field + '.')) return error.message;
  return '';
}
