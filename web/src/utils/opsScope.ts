/** Which school (or class) the school-operations pages work on. Pure: no stores, no i18n. */

export interface ScopeGrant {
  org_id: string;
  org_kind: string;
  org_name: string;
  role?: string;
}

export interface ScopeNode {
  id: string;
  kind: string;
  name: string;
}

export interface OpsScope {
  id: string;
  name: string;
  kind: 'school' | 'class';
}

/**
 * The school of the gate, visitors and isolation pages: the org switcher's node when it is a
 * school, else the account's first school grant; null when neither (the page asks to pick one).
 */
export function resolveSchool(grants: readonly ScopeGrant[], selected: ScopeNode | null | undefined): OpsScope | null {
  if (selected && selected.kind === 'school') return { id: selected.id, name: selected.name, kind: 'school' };
  const g = grants.find((x) => x.org_kind === 'school');
  return g ? { id: g.org_id, name: g.org_name, kind: 'school' } : null;
}

/**
 * The org nodes the absence page can list: the account's class grants (head teachers) first, then
 * its school grants, then the switcher's node when it is a school or a class. No duplicates.
 */
export function absenceScopes(grants: readonly ScopeGrant[], selected: ScopeNode | null | undefined): OpsScope[] {
  const out: OpsScope[] = [];
  const add = (id: string, name: string, kind: string) => {
    if ((kind === 'school' || kind === 'class') && !out.some((s) => s.id === id)) out.push({ id, name, kind });
  };
  for (const g of grants) if (g.org_kind === 'class') add(g.org_id, g.org_name, g.org_kind);
  for (const g of grants) if (g.org_kind === 'school') add(g.org_id, g.org_name, g.org_kind);
  if (selected) add(selected.id, selected.name, selected.kind);
  return out;
}

/** The scope shown first: the switcher's node when it is one of the options, else the first option. */
export function defaultAbsenceScope(scopes: readonly OpsScope[], selected: ScopeNode | null | undefined): OpsScope | null {
  if (selected) {
    const hit = scopes.find((s) => s.id === selected.id);
    if (hit) return hit;
  }
  return scopes[0] ?? null;
}
