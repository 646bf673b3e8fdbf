import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantTableViolations } from '../src/db/isolation-guard.ts';
import { createTestBureau, type TestBureau, withTenant } from '../src/index.ts';

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau();
});
afterAll(() => t.close());

describe('isolation guard: the catalogue', () => {
  it('finds every tenant table behind forced RLS with Citus-ready keys', async () => {
    const { tables, violations } = await tenantTableViolations(t.runtime.db);
    expect(tables.length).toBeGreaterThan(4);
    expect(violations).toEqual([]);
  });

  it('notices a table that breaks the rules', async () => {
    await sql`create table core.bad_example (tenant_id uuid not null, id uuid primary key, code text unique)`.execute(
      t.runtime.db,
    );
    try {
      const { violations } = await tenantTableViolations(t.runtime.db);
      const mine = violations.filter((v) => v.table === 'core.bad_example').map((v) => v.rule);
      expect(mine).toEqual(
        expect.arrayContaining(['rls_enabled', 'rls_forced', 'tenant_policy', 'primary_key', 'unique_key']),
      );
    } finally {
      await sql`drop table core.bad_example`.execute(t.runtime.db);
    }
  });
});

describe('isolation guard: withTenant', () => {
  it('sees only its own rows without a filter, refuses writing another tenant, and forgets after commit', async () => {
    const a = await t.signup();
    const b = await t.signup();
    const rows = await withTenant(t.runtime.db, a.tenant.id, (trx) =>
      trx.selectFrom('core.memberships').select('tenant_id').execute(),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tenant_id === a.tenant.id)).toBe(true);
    await expect(
      withTenant(t.runtime.db, a.tenant.id, (trx) =>
        trx
          .insertInto('core.roles')
          .values({
            tenant_id: b.tenant.id,
            id: crypto.randomUUID(),
            key: 'intruder',
            name: 'Intruder',
            permissions: [],
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await withTenant(t.runtime.db, a.tenant.id, (trx) =>
      trx
        .updateTable('core.memberships')
        .set({ role: 'member' })
        .where('tenant_id', '=', b.tenant.id)
        .executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const after = await sql<{
      role: string;
      tenant: string | null;
    }>`select current_user as role, current_setting('bureau.tenant_id', true) as tenant`.execute(t.runtime.db);
    expect(after.rows[0]?.role).not.toBe('bureau_app');
    expect(after.rows[0]?.tenant ?? '').toBe('');
  });

  it('keeps 50 concurrent transactions of two tenants apart', async () => {
    const a = await t.signup();
    const b = await t.signup();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const tenant = i % 2 ? a.tenant.id : b.tenant.id;
        return withTenant(t.runtime.db, tenant, async (trx) => {
          const r = await trx.selectFrom('core.memberships').select('tenant_id').execute();
          return r.every((x) => x.tenant_id === tenant) && r.length > 0;
        });
      }),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it('hides secrets from the request role', async () => {
    const a = await t.signup();
    await expect(
      withTenant(t.runtime.db, a.tenant.id, (trx) => trx.selectFrom('core.sessions').selectAll().execute()),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(t.runtime.db, a.tenant.id, (trx) => trx.selectFrom('core.users').select('password_hash').execute()),
    ).rejects.toThrow(/permission denied/);
  });
});
