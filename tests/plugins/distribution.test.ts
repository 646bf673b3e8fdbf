import { createTestBureau, type TestBureau } from '@bureau/core';
import { type Query, REFERENCE_TABLES, tableDistribution } from '@bureau/core/ops';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 19, item 5: every table of an installation with every module is either distributed by the
 * tenant or a reference table on Citus (docs/scaling.md). A new table that is neither fails here.
 */

let t: TestBureau;

beforeAll(async () => {
  t = await createTestBureau({ plugins: installedPlugins });
});
afterAll(() => t.close());

/** Owner statements on whichever database the suite runs on. */
const query: Query = async (text, params) => {
  const { database } = t.runtime;
  return database.pool
    ? (await database.pool.query(text, params as unknown[])).rows
    : ((await database.pglite?.query<Record<string, any>>(text, params as unknown[]))?.rows ?? []);
};
const names = (list: { table: string }[]) => list.map((x) => x.table);

describe('the Citus layout of every table', () => {
  it('classifies every table as distributed by tenant or reference', async () => {
    const d = await tableDistribution(query);
    expect(d.unclassified, 'give these tables a tenant_id or name them in core/src/db/distribution.ts').toEqual([]);
    expect(names(d.distributed)).toEqual(
      expect.arrayContaining(['core.tenants', 'core.memberships', 'core.audit_log']),
    );
    expect(names(d.reference)).toEqual(expect.arrayContaining(['core.users', 'core.sessions', 'core.migrations']));
    expect(d.distributed.find((x) => x.table === 'core.tenants')?.column).toBe('id');
    // No stale names: every reference table named in code exists.
    expect(names(d.reference)).toEqual(expect.arrayContaining(Object.keys(REFERENCE_TABLES)));
  });

  it('reports a new table that has no tenant_id and no reason', async () => {
    await query('create table core.unclassified_probe (id uuid primary key)');
    try {
      expect((await tableDistribution(query)).unclassified).toEqual(['core.unclassified_probe']);
    } finally {
      await query('drop table core.unclassified_probe');
    }
  });
});
