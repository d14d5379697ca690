import { describe, expect, it } from 'vitest';
import type { RoleInfo } from '@/api/types';
import { ALL_ROLES, grantRowProblem, rolesFor } from './roles';

const infos: RoleInfo[] = [
  { role: 'school_admin', org_kinds: ['school'] },
  { role: 'head_teacher', org_kinds: ['class'] },
  { role: 'bureau_admin', org_kinds: ['city', 'county'] },
];
const kinds: Record<string, string> = { s1: 'school', c1: 'class', k1: 'county' };
const kindOf = (id: string) => kinds[id];
const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key);

describe('user roles', () => {
  it('offers the roles that may sit on a node of that kind', () => {
    expect(rolesFor(infos, 'school')).toEqual(['school_admin']);
    expect(rolesFor(infos, 'county')).toEqual(['bureau_admin']);
    expect(rolesFor(infos, 'village')).toEqual([]);
  });
  it('offers every role of the table when the node is unknown, and all roles without a table', () => {
    expect(rolesFor(infos, undefined)).toEqual(['school_admin', 'head_teacher', 'bureau_admin']);
    expect(rolesFor([], 'school')).toBe(ALL_ROLES);
  });
  it('checks grant rows before sending', () => {
    expect(grantRowProblem([], infos, kindOf, t)).toBe('users.grantRequired');
    expect(grantRowProblem([{ role: '', org_id: 's1' }], infos, kindOf, t)).toBe('users.grantIncomplete');
    expect(grantRowProblem([{ role: 'school_admin', org_id: null }], infos, kindOf, t)).toBe('users.grantIncomplete');
    expect(grantRowProblem([{ role: 'head_teacher', org_id: 's1' }], infos, kindOf, t)).toMatch(/^users\.roleNotAllowed /);
    expect(grantRowProblem([{ role: 'school_admin', org_id: 's1' }, { role: 'head_teacher', org_id: 'c1' }], infos, kindOf, t)).toBe('');
  });
});
