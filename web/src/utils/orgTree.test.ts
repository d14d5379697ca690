import { describe, expect, it } from 'vitest';
import { buildOrgTree, childKinds, countByKind, findInTree, pathTo, subtreeIds, walkTree, type FlatOrgNode } from './orgTree';

const n = (id: string, parent_id: string | null, kind: string, name: string, code = id): FlatOrgNode => ({ id, parent_id, kind, name, code });

// Shuffled on purpose: children before parents.
const demo: FlatOrgNode[] = [
  n('s2', 't2', 'school', '罗庄区实验小学', '371311002'),
  n('t1', 'c1', 'township', '兰山街道', '371302001'),
  n('c2', 'city', 'county', '罗庄区', '371311'),
  n('city', 'prov', 'city', '临沂市', '371300'),
  n('t2', 'c2', 'township', '罗庄街道', '371311001'),
  n('c1', 'city', 'county', '兰山区', '371302'),
  n('prov', null, 'province', '山东省', '370000'),
  n('s1', 't1', 'school', '兰山区第一中学', '371302001'),
];

const names = (list: { name: string }[]) => list.map((x) => x.name);

describe('buildOrgTree', () => {
  it('nests a shuffled flat list and sorts siblings by code', () => {
    const roots = buildOrgTree(demo);
    expect(names(roots)).toEqual(['山东省']);
    const city = roots[0].children[0];
    expect(city.name).toBe('临沂市');
    expect(names(city.children)).toEqual(['兰山区', '罗庄区']);
    expect(names(city.children[1].children)).toEqual(['罗庄街道']);
    expect(names(city.children[1].children[0].children)).toEqual(['罗庄区实验小学']);
    let count = 0;
    walkTree(roots, () => count++);
    expect(count).toBe(demo.length);
  });

  it('treats nodes whose parent is outside the list as roots (scoped callers)', () => {
    const county = demo.filter((x) => ['c2', 't2', 's2'].includes(x.id));
    const roots = buildOrgTree(county);
    expect(names(roots)).toEqual(['罗庄区']);
    expect(roots[0].parent_id).toBe('city');
    expect(names(roots[0].children)).toEqual(['罗庄街道']);

    // Two separate grants: two roots, ordered by level then code.
    const two = buildOrgTree([n('x', 'gone', 'school', '乙校', '2'), n('y', 'gone', 'county', '某县', '9'), n('z', 'gone', 'school', '甲校', '1')]);
    expect(names(two)).toEqual(['某县', '甲校', '乙校']);
  });

  it('does not mutate its input and ignores duplicate ids', () => {
    const input = [n('a', null, 'city', 'A'), n('b', 'a', 'county', 'B'), n('b', 'a', 'county', 'B-dup')];
    const copy = JSON.parse(JSON.stringify(input));
    const roots = buildOrgTree(input);
    expect(input).toEqual(copy);
    expect(names(roots[0].children)).toEqual(['B']);
  });

  it('keeps nodes that sit on a parent cycle instead of dropping them', () => {
    const roots = buildOrgTree([n('a', 'b', 'county', 'A'), n('b', 'a', 'county', 'B'), n('self', 'self', 'city', 'S')]);
    let count = 0;
    walkTree(roots, () => count++);
    expect(count).toBe(3);
  });

  it('returns an empty forest for no nodes', () => {
    expect(buildOrgTree([])).toEqual([]);
  });
});

describe('tree helpers', () => {
  const roots = buildOrgTree(demo);

  it('finds nodes, subtrees and paths', () => {
    expect(findInTree(roots, 't2')?.name).toBe('罗庄街道');
    expect(findInTree(roots, 'nope')).toBeUndefined();
    expect([...subtreeIds(roots, 'c2')].sort()).toEqual(['c2', 's2', 't2']);
    expect(names(pathTo(demo, 's2'))).toEqual(['山东省', '临沂市', '罗庄区', '罗庄街道', '罗庄区实验小学']);
  });

  it('counts nodes per kind in a subtree', () => {
    expect(countByKind(roots, 'city')).toEqual({ city: 1, county: 2, township: 2, school: 2 });
    expect(countByKind(roots, 'c1')).toEqual({ county: 1, township: 1, school: 1 });
    expect(countByKind(roots, null)).toEqual({ province: 1, city: 1, county: 2, township: 2, school: 2 });
    expect(countByKind(roots, 'missing')).toEqual({});
  });

  it('suggests child kinds below the parent level', () => {
    expect(childKinds('county')[0]).toBe('township');
    expect(childKinds('county')).toContain('school');
    expect(childKinds('county')).not.toContain('city');
    expect(childKinds('class')).toEqual([]);
  });
});
