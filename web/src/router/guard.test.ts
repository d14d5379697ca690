import { describe, expect, it } from 'vitest';
import { decide, safeRedirect, type GuardState, type GuardTarget } from './guard';
import { can } from '@/utils/permissions';

const state = (roles: string[] | null, mustChange = false): GuardState => ({
  isAuthenticated: roles !== null,
  mustChangePassword: mustChange,
  has: (cap) => roles !== null && can(roles, cap),
});
const to = (fullPath: string, meta: GuardTarget['meta'] = {}, query: Record<string, unknown> = {}): GuardTarget => ({
  path: fullPath.split('?')[0],
  fullPath,
  meta,
  query,
});

describe('route guard', () => {
  it('sends signed-out users to /login with a redirect back', () => {
    expect(decide(to('/users?q=zhang', { cap: 'users' }), state(null))).toEqual({
      path: '/login',
      query: { redirect: '/users?q=zhang' },
    });
    expect(decide(to('/'), state(null))).toEqual({ path: '/login' });
    expect(decide(to('/password'), state(null))).toEqual({ path: '/login', query: { redirect: '/password' } });
  });

  it('lets signed-out users see the login page', () => {
    expect(decide(to('/login', { public: true }), state(null))).toBe(true);
  });

  it('forces the password change before anything else', () => {
    const s = state(['bureau_admin'], true);
    expect(decide(to('/org'), s)).toEqual({ path: '/password', query: { redirect: '/org' } });
    expect(decide(to('/'), s)).toEqual({ path: '/password' });
    expect(decide(to('/password'), s)).toBe(true);
    expect(decide(to('/login', { public: true }, { redirect: '/audit' }), s)).toEqual({
      path: '/password',
      query: { redirect: '/audit' },
    });
  });

  it('moves signed-in users away from /login to the redirect target', () => {
    const s = state(['teacher']);
    expect(decide(to('/login', { public: true }, { redirect: '/org' }), s)).toEqual({ path: '/org' });
    expect(decide(to('/login', { public: true }, { redirect: 'https://evil.example/' }), s)).toEqual({ path: '/' });
    expect(decide(to('/login', { public: true }), s)).toEqual({ path: '/' });
  });

  it('checks capabilities per role', () => {
    expect(decide(to('/users', { cap: 'users' }), state(['bureau_admin']))).toBe(true);
    expect(decide(to('/users', { cap: 'users' }), state(['school_admin']))).toBe(true);
    expect(decide(to('/audit', { cap: 'audit' }), state(['school_admin']))).toBe(true);
    expect(decide(to('/users', { cap: 'users' }), state(['bureau_viewer']))).toEqual({ path: '/' });
    expect(decide(to('/audit', { cap: 'audit' }), state(['teacher', 'family']))).toEqual({ path: '/' });
    expect(decide(to('/tokens', { cap: 'tokens' }), state(['teacher']))).toBe(true);
    expect(decide(to('/org'), state(['bureau_viewer']))).toBe(true);
  });
});

describe('safeRedirect', () => {
  it.each([
    ['/users', '/users'],
    ['/audit?actor=1', '/audit?actor=1'],
    [['/org', '/x'], '/org'],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['https://evil.example', null],
    ['javascript:alert(1)', null],
    ['/login', null],
    ['/login?redirect=/x', null],
    [undefined, null],
    [42, null],
  ])('%j → %j', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});
