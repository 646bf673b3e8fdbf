/**
 * Issue 11, item 10: the request role's reach. Each test runs SQL as the request role inside tenant
 * A's transaction (exactly as a request does: withTenant) and passes because the attack fails.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
