import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau, type TestUser } from '../src/index.ts';

let t: TestBureau;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestBureau();
  owner = await t.signup();
});
afterAll(() => t.close());

const TABLES = ['users', 'tenants', 'memberships', 'invitations', 'roles', 'api_tokens', 'password_resets'];

async function counts() {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.id('core', table)}`.execute(t.runtime.db);
    out[table] = Number(r.rows[0]?.n);
  }
  return out;
}

/** JSON-ish junk: wrong types, missing and extra fields, huge and unicode strings, overflowing numbers. */
const junkValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, -0),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('a'.repeat(5000), '\u0000', '💥'.repeat(100), '2026-02-30', 'not-a-uuid', '<script>'),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const junkBody = fc.oneof(
  fc.dictionary(
    fc.constantFrom('email', 'password', 'name', 'tenant', 'role', 'permissions', 'key', 'token', 'x'),
    junkValue,
  ),
  fc.record({ email: junkValue, password: junkValue, name: junkValue, tenant: fc.dictionary(fc.string(), junkValue) }),
  junkValue,
);
const rawBody = fc.oneof(
  fc.constantFrom('{', '{"email":', 'null', '[]', '"x"', '{"a":1}}', '\u0000'),
  fc.string({ maxLength: 100 }),
);

const ROUTES = (slug: string): [string, string][] => [
  ['POST', '/api/auth/signup'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/password'],
  ['POST', '/api/auth/reset/request'],
  ['POST', '/api/auth/reset/confirm'],
  ['POST', '/api/auth/verify-email'],
  ['POST', '/api/auth/verify-email/resend'],
  ['PATCH', '/api/me'],
  ['POST', '/api/invitations/zzzzzzzzzz/accept'],
  ['POST', `/api/t/${slug}/invitations`],
  ['POST', `/api/t/${slug}/roles`],
  ['PATCH', `/api/t/${slug}/roles/00000000-0000-7000-8000-000000000000`],
  ['PATCH', `/api/t/${slug}/members/not-a-uuid`],
  ['POST', `/api/t/${slug}/tokens`],
  ['DELETE', `/api/t/${slug}/tokens/%00`],
  ['POST', '/api/t/%E0%A4%A/members'],
];

describe('bad input on auth and tenancy routes', () => {
  it('answers 4xx problem+json, never 5xx, and writes nothing', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES(owner.tenant.slug)),
        fc.oneof(
          junkBody.map((b) => JSON.stringify(b) ?? 'null'),
          rawBody,
        ),
        async ([method, path], body) => {
          const res = await owner.request(method, path, body);
          expect(res.status, `${method} ${path} ${body.slice(0, 80)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            const problem = (await res.json()) as { code?: string };
            expect(typeof problem.code).toBe('string');
          } else {
            await res.arrayBuffer();
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await owner.request(
      'POST',
      '/api/auth/login',
      JSON.stringify({ email: 'a@b.cz', password: 'x'.repeat(2_000_000) }),
    );
    expect(res.status).toBe(413);
  });
});
