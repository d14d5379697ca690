// The Element Plus tag type of a school daily report's status (dashboard table and side panel).
export function reportStatusType(status: string | undefined | null): 'success' | 'warning' | 'info' | 'danger' {
  if (status === 'submitted') return 'success';
  if (status === 'reopened') return 'danger';
  if (status === 'compiled') return 'warning';
  return 'info';
}
