/** Minimal shape of a node from GET /api/org/tree. */
export interface FlatOrgNode {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  code: string;
}

export type OrgTreeNode<T extends FlatOrgNode = FlatOrgNode> = T & { children: OrgTreeNode<T>[] };

/** Order of levels, top to bottom; used to sort siblings and to suggest a child's kind. */
export const KIND_ORDER = ['province', 'city', 'county', 'township', 'school', 'grade', 'class'] as const;

export function kindRank(kind: string): number {
  const i = (KIND_ORDER as readonly string[]).indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

function compareNodes(a: FlatOrgNode, b: FlatOrgNode): number {
  return (
    kindRank(a.kind) - kindRank(b.kind) ||
    a.code.localeCompare(b.code, 'en', { numeric: true }) ||
    a.name.localeCompare(b.name, 'zh-CN') ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Builds the tree from the flat list the server returns. A node is a root when its parent_id is null
 * or its parent is not in the list (the caller's scope starts below it). Duplicate ids keep the first
 * occurrence; nodes caught in a parent cycle (bad data) are promoted to roots instead of vanishing.
 */
export function buildOrgTree<T extends FlatOrgNode>(nodes: readonly T[]): OrgTreeNode<T>[] {
  const byId = new Map<string, OrgTreeNode<T>>();
  for (const n of nodes) {
    if (!byId.has(n.id)) byId.set(n.id, { ...n, children: [] });
  }
  const roots: OrgTreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parent_id != null && node.parent_id !== node.id ? byId.get(node.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Nodes not reachable from any root sit on a cycle: detach the first of each cycle as a root.
  const reached = new Set<string>();
  const mark = (n: OrgTreeNode<T>) => {
    const stack = [n];
    while (stack.length) {
      const cur = stack.pop()!;
      if (reached.has(cur.id)) continue;
      reached.add(cur.id);
      stack.push(...cur.children);
    }
  };
  roots.forEach(mark);
  for (const node of byId.values()) {
    if (reached.has(node.id)) continue;
    const parent = byId.get(node.parent_id!);
    if (parent) parent.children = parent.children.filter((c) => c !== node);
    roots.push(node);
    mark(node);
  }
  const sortDeep = (list: OrgTreeNode<T>[]) => {
    list.sort(compareNodes);
    list.forEach((c) => sortDeep(c.children));
  };
  sortDeep(roots);
  return roots;
}

/** Depth-first walk over a built tree. */
export function walkTree<T extends FlatOrgNode>(roots: readonly OrgTreeNode<T>[], visit: (n: OrgTreeNode<T>, depth: number) => void): void {
  const go = (list: readonly OrgTreeNode<T>[], depth: number) => {
    for (const n of list) {
      visit(n, depth);
      go(n.children, depth + 1);
    }
  };
  go(roots, 0);
}

/** Finds a node in the built tree. */
export function findInTree<T extends FlatOrgNode>(roots: readonly OrgTreeNode<T>[], id: string): OrgTreeNode<T> | undefined {
  let found: OrgTreeNode<T> | undefined;
  walkTree(roots, (n) => {
    if (!found && n.id === id) found = n;
  });
  return found;
}

/** Ids of a node and everything below it (for "move" targets, which must exclude these). */
export function subtreeIds<T extends FlatOrgNode>(roots: readonly OrgTreeNode<T>[], id: string): Set<string> {
  const out = new Set<string>();
  const start = findInTree(roots, id);
  if (start) walkTree([start], (n) => void out.add(n.id));
  return out;
}

/** The chain of ancestors from a root down to the node (inclusive), within the given nodes. */
export function pathTo<T extends FlatOrgNode>(nodes: readonly T[], id: string): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const path: T[] = [];
  const seen = new Set<string>();
  let cur = byId.get(id);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    path.unshift(cur);
    cur = cur.parent_id != null ? byId.get(cur.parent_id) : undefined;
  }
  return path;
}

/** Counts nodes per kind in the subtree of `id` (or in all roots when id is null). */
export function countByKind<T extends FlatOrgNode>(roots: readonly OrgTreeNode<T>[], id: string | null): Record<string, number> {
  const start = id == null ? roots : [findInTree(roots, id)].filter((n): n is OrgTreeNode<T> => !!n);
  const counts: Record<string, number> = {};
  walkTree(start, (n) => {
    counts[n.kind] = (counts[n.kind] ?? 0) + 1;
  });
  return counts;
}

/** Kinds a child of a node of `parentKind` may have, nearest level first. */
export function childKinds(parentKind: string): string[] {
  const r = kindRank(parentKind);
  return KIND_ORDER.filter((_, i) => i > r);
}
