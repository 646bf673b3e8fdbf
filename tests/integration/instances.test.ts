import { connect, createTestBureau, createTestDatabase, type TestBureau, type TestDatabase } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fleet from '../fixture-plugin/src/server/index.ts';
import { addMember, enable } from '../plugins/helpers.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.ts';

/**
 * Issue 19, items 3 and 4: two app instances on one PostgreSQL database behave as one. What one
 * instance revokes (a logout, a removed membership, a revoked API token, a disabled module) is refused
 * by the other on its very next request: nothing about access is cached in a process. The embedded
 * run starts a throwaway PostgreSQL 15 (two processes cannot share PGlite).
 */

let throwaway: ThrowawayPostgres | null = null;
let target: TestDatabase;
let a: TestBureau;
let b: TestBureau;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throwaway = await startThrowawayPostgres();
  target = await createTestDatabase(process.env.DATABASE_URL ?? throwaway?.url);
  await target.database.close();
  const url = target.url as string;
  a = await createTestBureau({
    plugins: [fleet],
    database: await connect({ databaseUrl: url, poolSize: 3 }),
    config: { databaseUrl: url },
  });
  b = await createTestBureau({
    plugins: [fleet],
    database: await connect({ databaseUrl: url, poolSize: 3 }),
    config: { databaseUrl: url },
  });
}, 240_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await target?.drop();
  await throwaway?.destroy();
});

/** A request to instance `bureau` with a session cookie or a bearer token obtained on the other. */
const on = async (bureau: TestBureau, path: string, auth: { cookie?: string; bearer?: string }, method = 'GET') =>
  (
    await bureau.app.request(`${bureau.origin}${path}`, {
      method,
      headers: {
        origin: bureau.origin,
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
      },
    })
  ).status;

describe('two instances on one database', () => {
  it('a logout on A ends the session on B at once', async () => {
    const user = await a.signup();
    const members = `/api/t/${user.tenant.slug}/members`;
    expect(await on(b, members, { cookie: user.cookie })).toBe(200);
    expect((await user.json('POST', '/api/auth/logout')).status).toBe(200);
    expect(await on(b, members, { cookie: user.cookie })).toBe(401);
  });

  it('a membership removed on A is refused on B at once', async () => {
    const owner = await a.signup();
    const member = await addMember(a, owner, 'member');
    const members = `/api/t/${owner.tenant.slug}/members`;
    expect(await on(b, members, { cookie: member.cookie })).toBe(200);
    const list = await owner.json('GET', members);
    const row = list.body.members.find((m: { email: string }) => m.email === member.email);
    expect((await owner.json('DELETE', `${members}/${row.id}`)).status).toBe(200);
    expect(await on(b, members, { cookie: member.cookie })).toBe(404);
  });

  it('an API token revoked on A is refused on B at once', async () => {
    const owner = await a.signup();
    const slug = owner.tenant.slug;
    const created = await owner.json('POST', `/api/t/${slug}/tokens`, {
      name: 'CI',
      permissions: ['tenant.members.read'],
    });
    expect(created.status).toBe(201);
    expect(await on(b, `/api/t/${slug}/members`, { bearer: created.body.token })).toBe(200);
    expect((await owner.json('DELETE', `/api/t/${slug}/tokens/${created.body.id}`)).status).toBe(200);
    expect(await on(b, `/api/t/${slug}/members`, { bearer: created.body.token })).toBe(401);
  });

  it('a module disabled on A is closed on B at once, and opened again when re-enabled', async () => {
    const owner = await a.signup();
    const vehicles = `/api/t/${owner.tenant.slug}/fleet/vehicles`;
    await enable(owner, 'fleet');
    expect(await on(b, vehicles, { cookie: owner.cookie })).toBe(200);
    expect((await owner.json('DELETE', `/api/t/${owner.tenant.slug}/modules/fleet`)).status).toBe(200);
    expect(await on(b, vehicles, { cookie: owner.cookie })).toBe(403);
    await enable(owner, 'fleet');
    expect(await on(b, vehicles, { cookie: owner.cookie })).toBe(200);
  });
});
