/**
 * Issue 11, item 11: headers and inputs. Each test performs the attack over HTTP and passes because
 * it fails. (Bidi controls in file names: records.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau } from '../src/index.ts';

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau();
});
afterAll(() => t.close());

const directives = (res: Response) =>
  Object.fromEntries(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  ) as Record<string, string[]>;

describe('Content-Security-Policy', () => {
  it('the API docs page and every answer allow scripts from this origin only, never inline', async () => {
    for (const path of ['/api/docs', '/api/openapi.json', '/api/me', '/healthz']) {
      const res = await t.app.request(`${t.origin}${path}`);
      const csp = directives(res);
      expect(csp['script-src'], path).toEqual(["'self'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'none'"]);
    }
    // The docs page itself carries no inline script that the policy would have to allow.
    const html = await (await t.app.request(`${t.origin}/api/docs`)).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/api\/docs\/assets\//);
      expect(body?.trim()).toBe('');
    }
  });
});

describe('CSRF', () => {
  it('an Authorization header does not exempt a cookie request from the Origin check', async () => {
    const u = await t.signup();
    const res = await t.app.request(`${t.origin}/api/auth/logout-all`, {
      method: 'POST',
      headers: { cookie: u.cookie, authorization: 'Bearer anything', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).code).toBe('csrf');
    // The session survived.
    expect((await u.json('GET', '/api/me')).status).toBe(200);
  });

  it('compares with PUBLIC_URL, not the Host the request names', async () => {
    const u = await t.signup();
    // A request reaching the server under another name (DNS rebinding, a misrouted proxy) with a
    // matching Origin is still foreign.
    const res = await t.app.request('http://evil.example/api/auth/logout-all', {
      method: 'POST',
      headers: { cookie: u.cookie, origin: 'http://evil.example', host: 'evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await u.json('GET', '/api/me')).status).toBe(200);
  });

  it('a Bearer request without a cookie still needs no Origin', async () => {
    const u = await t.signup();
    const made = await u.json('POST', `/api/t/${u.tenant.slug}/tokens`, {
      name: 'ci',
      permissions: ['tenant.members.read', 'tenant.tokens.manage'],
    });
    expect(made.status).toBe(201);
    const call = (headers: Record<string, string>) =>
      t.app.request(`${t.origin}/api/t/${u.tenant.slug}/roles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${made.body.token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ key: 'x', name: 'X', permissions: [] }),
      });
    const without = await call({});
    const withOrigin = await call({ origin: t.origin });
    // The CSRF guard lets it through; the route's own permission check answers, the same either way.
    expect(((await without.json()) as any).code).not.toBe('csrf');
    expect(without.status).toBe(withOrigin.status);
  });
});

describe('uploads are refused before their body is read when unauthenticated', () => {
  /** A body that records whether anyone pulled a byte of it. */
  function watchedBody() {
    const state = { pulled: false };
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          state.pulled = true;
          controller.enqueue(new Uint8Array(64 * 1024));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return { state, stream };
  }

  for (const [name, auth] of [
    ['no credentials', {}],
    ['an unknown token', { authorization: 'Bearer not-a-real-token-000000000000' }],
    ['a stale session cookie', { cookie: 'bureau_session=0123456789abcdefghijklmnopqrstuv' }],
  ] as const) {
    it(`with ${name}: 401 and not a byte read`, async () => {
      const owner = await t.signup();
      const { state, stream } = watchedBody();
      const res = await t.app.request(
        new Request(`${t.origin}/api/t/${owner.tenant.slug}/records`, {
          method: 'POST',
          headers: { origin: t.origin, 'content-type': 'multipart/form-data; boundary=x', ...auth },
          body: stream,
          duplex: 'half',
        } as RequestInit),
      );
      expect(res.status).toBe(401);
      expect(state.pulled).toBe(false);
    });
  }
});
