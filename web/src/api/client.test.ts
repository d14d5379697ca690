import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type ApiHooks } from './client';
import { ApiError, toApiError } from './errors';

describe('toApiError', () => {
  it('reads the standard error envelope', () => {
    const e = toApiError(400, { error: { code: 'invalid', field: 'new_password', message: '新密码至少 8 位' } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(Error);
    expect([e.status, e.code, e.field, e.message]).toEqual([400, 'invalid', 'new_password', '新密码至少 8 位']);
    expect(e.generic).toBe(false);
  });

  it('parses a JSON string body and normalises an empty field to null', () => {
    const e = toApiError(423, JSON.stringify({ error: { code: 'locked', field: '', message: '账号已锁定，请 15 分钟后再试' } }));
    expect([e.code, e.field, e.message]).toEqual(['locked', null, '账号已锁定，请 15 分钟后再试']);
  });

  it.each([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'too_large'],
    [423, 'locked'],
    [429, 'rate_limited'],
    [502, 'server'],
    [418, 'http_418'],
  ])('derives a code from status %i when the body is not an error envelope', (status, code) => {
    const e = toApiError(status, '<html>Bad Gateway</html>');
    expect(e.code).toBe(code);
    expect(e.field).toBeNull();
    expect(e.generic).toBe(true);
  });
});

function harness(respond: (req: Request) => Response | Promise<Response>, hooks: Partial<ApiHooks> = {}) {
  const seen: Request[] = [];
  const fetchFn = vi.fn(async (req: Request) => {
    seen.push(req.clone());
    return respond(req);
  });
  const onError = vi.fn();
  const client = createApiClient(
    { getCsrfToken: () => 'csrf-123', getLocale: () => 'zh-CN', onError, ...hooks },
    { baseUrl: 'http://xiaoan.test', fetch: fetchFn },
  );
  return { client, seen, onError };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createApiClient', () => {
  it('sends Accept-Language on every call and X-CSRF-Token only on unsafe methods', async () => {
    const { client, seen } = harness((req) =>
      req.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { status: 'ok', version: '1', engine: 'sqlite' }),
    );
    await client.GET('/api/health');
    await client.DELETE('/api/tokens/{id}', { params: { path: { id: 't1' } } });
    expect(seen[0].method).toBe('GET');
    expect(seen[0].url).toBe('http://xiaoan.test/api/health');
    expect(seen[0].headers.get('Accept-Language')).toBe('zh-CN');
    expect(seen[0].headers.get('X-CSRF-Token')).toBeNull();
    expect(seen[0].credentials).toBe('include');
    expect(seen[1].method).toBe('DELETE');
    expect(seen[1].url).toBe('http://xiaoan.test/api/tokens/t1');
    expect(seen[1].headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('uses the current locale and token at call time', async () => {
    let locale = 'zh-CN';
    let token: string | null = null;
    const { client, seen } = harness(() => json(200, { user: {}, csrf_token: 'x' }), {
      getLocale: () => locale,
      getCsrfToken: () => token,
    });
    await client.POST('/api/auth/login', { body: { username: 'a', password: 'b' } });
    locale = 'en';
    token = 'tok-2';
    await client.POST('/api/auth/login', { body: { username: 'a', password: 'b' } });
    expect(seen[0].headers.get('X-CSRF-Token')).toBeNull();
    expect(seen[1].headers.get('Accept-Language')).toBe('en');
    expect(seen[1].headers.get('X-CSRF-Token')).toBe('tok-2');
    expect(await seen[1].json()).toEqual({ username: 'a', password: 'b' });
  });

  it('returns data on success', async () => {
    const { client } = harness(() => json(200, { nodes: [{ id: '1', parent_id: null, kind: 'city', name: '临沂市', code: '371300' }] }));
    const { data } = await client.GET('/api/org/tree');
    expect(data?.nodes[0].name).toBe('临沂市');
  });

  it('throws ApiError with status, code, field and the server message, and reports it to onError', async () => {
    const { client, onError } = harness(() =>
      json(400, { error: { code: 'invalid', field: 'old_password', message: '当前密码不正确' } }),
    );
    const err = await client
      .POST('/api/auth/password', { body: { old_password: 'x', new_password: 'abcdefg1' } })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'invalid', field: 'old_password', message: '当前密码不正确' });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][0]).toBe(err);
  });

  it('maps 401 bad_credentials and 423 locked', async () => {
    const { client } = harness((req) =>
      req.headers.get('X-Test') === 'locked'
        ? json(423, { error: { code: 'locked', field: null, message: '账号已锁定，请于 15 分钟后重试' } })
        : json(401, { error: { code: 'bad_credentials', field: null, message: '用户名或密码错误' } }),
    );
    await expect(client.POST('/api/auth/login', { body: { username: 'u', password: 'p' } })).rejects.toMatchObject({
      status: 401,
      code: 'bad_credentials',
    });
    await expect(
      client.POST('/api/auth/login', { body: { username: 'u', password: 'p' }, headers: { 'X-Test': 'locked' } }),
    ).rejects.toMatchObject({ status: 423, code: 'locked', message: '账号已锁定，请于 15 分钟后重试' });
  });

  it('turns a failed fetch into ApiError code "network" (status 0)', async () => {
    const { client, onError } = harness(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.GET('/api/health')).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('accepts 204 No Content', async () => {
    const { client } = harness(() => new Response(null, { status: 204 }));
    const r = await client.POST('/api/auth/logout');
    expect(r.response.status).toBe(204);
    expect(r.data).toBeUndefined();
  });
});
