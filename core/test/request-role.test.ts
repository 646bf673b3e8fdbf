/**
 * Issue 11, item 10: the request role's reach. Each test runs SQL as the request role inside tenant
 * A's transaction (exactly as a request does: withTenant) and passes because the attack fails, on
 * PGlite and on PostgreSQL (DATABASE_URL).
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../src/bureau.ts';
import { switchTenant } from '../src/db/with-tenant.ts';
import { createTestBureau, type TestBureau, type TestUser, withTenant } from '../src/index.ts';

let t: TestBureau;
let a: TestUser;
let b: TestUser;

beforeAll(async () => {
  t = await createTestBureau();
  a = await t.signup();
  b = await t.signup();
});
afterAll(() => t.close());

/** Runs `fn` as the request role in A's transaction; the SQLSTATE it failed with, or 'ok'. */
async function asRequestRoleInA(fn: (trx: Kysely<any>) => Promise<unknown>): Promise<string> {
  try {
    await withTenant(t.runtime.db, a.tenant.id, async (trx) => {
      await fn(trx);
    });
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

const rows = <T>(trx: Kysely<any>, q: ReturnType<typeof sql<T>>) => q.execute(trx).then((r) => r.rows);

describe('the request role inside tenant A', () => {
  it('sees only the people of tenant A in core.users', async () => {
    let emails: string[] = [];
    expect(
      await asRequestRoleInA(async (trx) => {
        emails = (await rows(trx, sql<{ email: string }>`select email from core.users`)).map((r) => r.email);
      }),
    ).toBe('ok');
    expect(emails).toEqual([a.email]);
    expect(emails).not.toContain(b.email);
  });

  it('cannot read sessions, password hashes or reset links', async () => {
    for (const stmt of [
      'select * from core.sessions',
      'select password_hash from core.users',
      'select * from core.password_resets',
    ]) {
      expect(await asRequestRoleInA((trx) => sql.raw(stmt).execute(trx)), stmt).toBe('42501');
    }
  });

  // Inserting stays possible: a provider creates its new client's tenant in its own request.
  it('cannot change or delete tenants, its own or another', async () => {
    for (const stmt of [
      `update core.tenants set name = 'taken' where id = '${b.tenant.id}'`,
      `update core.tenants set name = 'renamed' where id = '${a.tenant.id}'`,
      `update core.tenants set slug = 'moved'`,
      `delete from core.tenants where id = '${b.tenant.id}'`,
      'truncate core.tenants cascade',
    ]) {
      expect(await asRequestRoleInA((trx) => sql.raw(stmt).execute(trx)), stmt).toBe('42501');
    }
    const names = await t.runtime.db.selectFrom('core.tenants').select('name').where('id', '=', b.tenant.id).execute();
    expect(names[0]?.name).not.toBe('taken');
  });

  it('cannot repoint its transaction to tenant B, nor change its role', async () => {
    for (const q of [
      sql`select set_config('bureau.tenant_id', ${b.tenant.id}, true)`,
      sql`select set_config('bureau.tenant_id', ${b.tenant.id}, false)`,
      sql`select set_config('bureau.switch_key', 'forged', true)`,
      sql`select set_config('role', 'postgres', true)`,
      // The switch function wants the transaction's key, which only the application holds.
      sql`select core.switch_tenant(${b.tenant.id}::uuid, 'a guess')`,
      sql`select core.switch_tenant(${b.tenant.id}::uuid, current_setting('bureau.switch_key'))`,
      sql`select core.switch_tenant(${b.tenant.id}::uuid, null)`,
    ]) {
      expect(await asRequestRoleInA((trx) => q.execute(trx))).toBe('42501');
    }
  });

  it('cannot append a statement of its own (reset role, set, set role) to a query', async () => {
    // What an injection into a query without parameters would send: the tenant transaction speaks the
    // extended protocol only, one statement per message.
    for (const text of [
      'select 1; reset role',
      `select 1; set local bureau.tenant_id = '${b.tenant.id}'`,
      'select 1; set local role postgres',
      'select 1; set session authorization default',
    ]) {
      expect(await asRequestRoleInA((trx) => trx.executeQuery(CompiledQuery.raw(text))), text).toBe('42601');
    }
    // And the role really is the request role all along, the tenant A's.
    let seen: unknown = null;
    await asRequestRoleInA(async (trx) => {
      seen = (
        await sql<{ who: string; tenant: string }>`select current_user as who,
          current_setting('bureau.tenant_id') as tenant`.execute(trx)
      ).rows[0];
    });
    expect(seen).toEqual({ who: 'bureau_app', tenant: a.tenant.id });
  });

  it('calls only the functions that run as their owner declared for it, and PUBLIC none', async () => {
    const { rows } = await sql<{ sig: string; public_exec: boolean; app_exec: boolean }>`
      select p.oid::regprocedure::text as sig,
        has_function_privilege('public', p.oid, 'execute') as public_exec,
        has_function_privilege('bureau_app', p.oid, 'execute') as app_exec
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and n.nspname = 'core' order by 1`.execute(t.runtime.db);
    expect(Object.fromEntries(rows.map((r) => [r.sig, r.app_exec]))).toEqual({
      'core.directory_lookup(text,text)': true,
      'core.engaged_staff()': true,
      'core.switch_tenant(uuid,text)': true,
    });
    for (const r of rows) expect(r.public_exec, r.sig).toBe(false);
    expect(
      (
        await sql<{ ok: boolean }>`select has_function_privilege('public',
          'pg_catalog.set_config(text, text, boolean)', 'execute') as ok`.execute(t.runtime.db)
      ).rows[0]?.ok,
    ).toBe(false);
  });

  it('gets every narrowing back at boot after the grants were lost (as a restore loses them)', async () => {
    // A dump loaded with --no-privileges: default privileges everywhere, set_config for everyone.
    await sql`grant execute on function pg_catalog.set_config(text, text, boolean) to public`.execute(t.runtime.db);
    await sql`grant execute on function core.switch_tenant(uuid, text) to public`.execute(t.runtime.db);
    await sql`grant all on core.tenants to bureau_app`.execute(t.runtime.db);
    expect(
      await asRequestRoleInA((trx) => sql`select set_config('bureau.tenant_id', ${b.tenant.id}, true)`.execute(trx)),
    ).toBe('ok');
    await migrateAll(t.runtime.database, t.runtime.plugins);
    expect(
      await asRequestRoleInA((trx) => sql`select set_config('bureau.tenant_id', ${b.tenant.id}, true)`.execute(trx)),
    ).toBe('42501');
    expect(
      await asRequestRoleInA((trx) =>
        sql`update core.tenants set name = 'taken' where id = ${b.tenant.id}`.execute(trx),
      ),
    ).toBe('42501');
    const { rows } = await sql<{ ok: boolean }>`select has_function_privilege('public',
      'core.switch_tenant(uuid, text)', 'execute') as ok`.execute(t.runtime.db);
    expect(rows[0]?.ok).toBe(false);
  });

  it("B's rows stay out of reach in A's transaction", async () => {
    let seen: unknown[] = ['not run'];
    expect(
      await asRequestRoleInA(async (trx) => {
        seen = await rows(
          trx,
          sql`select tenant_id from core.memberships where tenant_id = ${b.tenant.id} union all
              select tenant_id from core.roles where tenant_id = ${b.tenant.id} union all
              select id from core.users where id = ${b.userId}`,
        );
      }),
    ).toBe('ok');
    expect(seen).toEqual([]);
  });

  it('the application itself still switches, with the key it holds, and only for the call', async () => {
    let inside: string[] = [];
    let after: string[] = [];
    expect(
      await asRequestRoleInA(async (trx) => {
        inside = await switchTenant(trx, a.tenant.id, b.tenant.id, async () =>
          (await rows(trx, sql<{ tenant_id: string }>`select tenant_id from core.memberships`)).map((r) => r.tenant_id),
        );
        after = (await rows(trx, sql<{ tenant_id: string }>`select tenant_id from core.memberships`)).map(
          (r) => r.tenant_id,
        );
      }),
    ).toBe('ok');
    expect(inside).toEqual([b.tenant.id]);
    expect(after).toEqual([a.tenant.id]);
  });
});
