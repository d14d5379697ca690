import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { apiHooks } from '@/api';
import { ApiError } from '@/api/errors';
import { useAuthStore } from './auth';

const me = (over: Record<string, unknown> = {}) => ({
  id: 'u1',
  username: 'bureau',
  display_name: '王局',
  must_change_password: false,
  grants: [{ id: 'g1', role: 'bureau_admin', org_id: '371300', org_name: '临沂市', org_kind: 'city' }],
  ...over,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

type Handler = (req: Request) => Response | Promise<Response>;
let routes: Record<string, Handler>;
let seen: Request[];

beforeEach(() => {
  setActivePinia(createPinia());
  const auth = useAuthStore();
  apiHooks.getCsrfToken = () => auth.csrfToken;
  routes = {};
  seen = [];
  vi.stubGlobal('fetch', async (req: Request) => {
    seen.push(req.clone());
    const key = `${req.method} ${new URL(req.url).pathname}`;
    const h = routes[key];
    return h ? h(req) : json(404, { error: { code: 'not_found', field: null, message: 'no route ' + key } });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('auth store', () => {
  it('is signed out after GET /api/auth/me answers 401', async () => {
    routes['GET /api/auth/me'] = () => json(401, { error: { code: 'unauthenticated', field: null, message: '未登录' } });
    const auth = useAuthStore();
    await auth.fetchMe();
    expect(auth.loaded).toBe(true);
    expect(auth.isAuthenticated).toBe(false);
    expect(auth.has('tokens')).toBe(false);
  });

  it('loads the session once even when asked concurrently', async () => {
    routes['GET /api/auth/me'] = () => json(200, { user: me(), csrf_token: 'c0' });
    const auth = useAuthStore();
    await Promise.all([auth.fetchMe(), auth.fetchMe(), auth.fetchMe()]);
    await auth.fetchMe();
    expect(seen.filter((r) => r.url.endsWith('/api/auth/me'))).toHaveLength(1);
    expect(auth.me?.display_name).toBe('王局');
    expect(auth.csrfToken).toBe('c0');
  });

  it('propagates non-401 failures of /me', async () => {
    routes['GET /api/auth/me'] = () => json(500, { error: { code: 'internal', field: null, message: 'boom' } });
    const auth = useAuthStore();
    await expect(auth.fetchMe()).rejects.toBeInstanceOf(ApiError);
    expect(auth.isAuthenticated).toBe(false);
  });

  it('logs in, derives roles and capabilities, and sends the CSRF token afterwards', async () => {
    routes['POST /api/auth/login'] = () => json(200, { user: me(), csrf_token: 'csrf-abc' });
    routes['POST /api/auth/logout'] = () => new Response(null, { status: 204 });
    const auth = useAuthStore();
    const user = await auth.login('bureau', 'pw');
    expect(user.username).toBe('bureau');
    expect(seen[0].headers.get('X-CSRF-Token')).toBeNull();
    expect(await seen[0].json()).toEqual({ username: 'bureau', password: 'pw' });
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.roles).toEqual(['bureau_admin']);
    expect(auth.primaryGrant?.org_name).toBe('临沂市');
    expect(auth.has('users')).toBe(true);
    expect(auth.has('orgEdit')).toBe(true);

    await auth.logout();
    expect(seen[1].headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(auth.isAuthenticated).toBe(false);
    expect(auth.csrfToken).toBeNull();
  });

  it('a viewer cannot manage users', async () => {
    routes['POST /api/auth/login'] = () =>
      json(200, { user: me({ grants: [{ id: 'g', role: 'bureau_viewer', org_id: 'c', org_name: '罗庄区', org_kind: 'county' }] }), csrf_token: 'x' });
    const auth = useAuthStore();
    await auth.login('viewer', 'pw');
    expect(auth.has('users')).toBe(false);
    expect(auth.has('audit')).toBe(false);
    expect(auth.has('tokens')).toBe(true);
  });

  it('keeps the store signed out and rethrows on bad credentials', async () => {
    routes['POST /api/auth/login'] = () => json(401, { error: { code: 'bad_credentials', field: null, message: '用户名或密码错误' } });
    const auth = useAuthStore();
    await expect(auth.login('x', 'y')).rejects.toMatchObject({ status: 401, code: 'bad_credentials', message: '用户名或密码错误' });
    expect(auth.isAuthenticated).toBe(false);
  });

  it('clears must_change_password after a successful change and picks up a rotated CSRF token', async () => {
    routes['POST /api/auth/login'] = () => json(200, { user: me({ must_change_password: true }), csrf_token: 'before' });
    routes['POST /api/auth/password'] = () => new Response(null, { status: 204 });
    routes['GET /api/auth/me'] = () => json(200, { user: me(), csrf_token: 'after' });
    const auth = useAuthStore();
    await auth.login('new', 'Init1234');
    expect(auth.mustChangePassword).toBe(true);
    await auth.changePassword('Init1234', 'Better5678');
    const pwReq = seen.find((r) => r.url.endsWith('/api/auth/password'))!;
    expect(pwReq.headers.get('X-CSRF-Token')).toBe('before');
    expect(await pwReq.json()).toEqual({ old_password: 'Init1234', new_password: 'Better5678' });
    expect(auth.mustChangePassword).toBe(false);
    expect(auth.csrfToken).toBe('after');
  });

  it('surfaces field errors from a rejected password change and keeps the flag', async () => {
    routes['POST /api/auth/login'] = () => json(200, { user: me({ must_change_password: true }), csrf_token: 'c' });
    routes['POST /api/auth/password'] = () =>
      json(400, { error: { code: 'invalid', field: 'new_password', message: '新密码须包含字母和数字' } });
    const auth = useAuthStore();
    await auth.login('new', 'Init1234');
    await expect(auth.changePassword('Init1234', 'short')).rejects.toMatchObject({ field: 'new_password' });
    expect(auth.mustChangePassword).toBe(true);
  });

  it('logout clears local state even when the server session is already gone', async () => {
    routes['POST /api/auth/login'] = () => json(200, { user: me(), csrf_token: 'c' });
    routes['POST /api/auth/logout'] = () => json(401, { error: { code: 'unauthenticated', field: null, message: '' } });
    const auth = useAuthStore();
    await auth.login('a', 'b');
    await auth.logout();
    expect(auth.isAuthenticated).toBe(false);
  });

  it('markMustChangePassword flips the flag (server answered password_change_required)', async () => {
    routes['POST /api/auth/login'] = () => json(200, { user: me(), csrf_token: 'c' });
    const auth = useAuthStore();
    await auth.login('a', 'b');
    auth.markMustChangePassword();
    expect(auth.mustChangePassword).toBe(true);
  });
});
