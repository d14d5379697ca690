// Which roles may sit on which org node (the server's role table, GET /api/roles), for the user
// dialogs' role pickers and their checks before sending.
import type { RoleInfo } from '@/api/types';
import { kindLabel, roleLabel } from '@/i18n';

export const ALL_ROLES = [
  'bureau_admin',
  'bureau_viewer',
  'inspector',
  'school_admin',
  'school_doctor',
  'head_teacher',
  'teacher',
  'gate_guard',
  'canteen_manager',
  'family',
];

export interface GrantRow {
  role: string;
  org_id: string | null;
}

/** Roles that may sit on a node of `kind` (all roles when the kind or the role table is unknown). */
export function rolesFor(infos: readonly RoleInfo[], kind: string | undefined): string[] {
  if (infos.length === 0) return ALL_ROLES;
  if (!kind) return infos.map((r) => r.role);
  return infos.filter((r) => r.org_kinds.includes(kind)).map((r) => r.role);
}

/** What is wrong with grant rows before sending ('' when nothing); `kindOf` gives a node's kind. */
export function grantRowProblem(
  rows: readonly GrantRow[],
  infos: readonly RoleInfo[],
  kindOf: (id: string) => string | undefined,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  if (rows.length === 0) return t('users.grantRequired');
  for (const r of rows) {
    if (!r.role || !r.org_id) return t('users.grantIncomplete');
    if (!rolesFor(infos, kindOf(r.org_id)).includes(r.role)) {
      return t('users.roleNotAllowed', { role: roleLabel(r.role), kind: kindLabel(kindOf(r.org_id) ?? '') });
    }
  }
  return '';
}
