import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestBureau, type TestBureau, type TestUser, withTenant } from '@bureau/core';
import type { Kysely } from 'kysely';
import accounting from '../src/server/index.ts';

export interface Books {
  t: TestBureau;
  user: TestUser;
  /** `/api/t/<slug>/accounting` */
  base: string;
  get<T = any>(path: string): Promise<{ status: number; body: T }>;
  post<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  patch<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  del<T = any>(path: string): Promise<{ status: number; body: T }>;
}

/** A Bureau with accounting installed and a tenant that enabled it. */
export async function openBooks(
  t?: TestBureau,
  tenant: { country?: string; currency?: string; name?: string } = {},
): Promise<Books> {
  const bureau = t ?? (await createTestBureau({ plugins: [accounting] }));
  const user = await bureau.signup({ tenant });
  await bureau.enableModule(user, 'accounting');
  return booksFor(bureau, user);
}

export function booksFor(t: TestBureau, user: TestUser): Books {
  const base = `/api/t/${user.tenant.slug}/accounting`;
  return {
    t,
    user,
    base,
    get: (path) => user.json('GET', `${base}${path}`),
    post: (path, body) => user.json('POST', `${base}${path}`, body ?? {}),
    patch: (path, body) => user.json('PATCH', `${base}${path}`, body ?? {}),
    del: (path) => user.json('DELETE', `${base}${path}`),
  };
}

export const line = (
  account: string,
  side: 'debit' | 'credit',
  amount: string,
  extra: Record<string, unknown> = {},
) => ({
  account,
  [side]: amount,
  ...extra,
});

/** Books of a tenant (named `name`) on a Bureau whose clock says `now`, and a second tenant's books beside them. */
export async function booksWithNeighbour(now: string, tenant: { name?: string } = {}): Promise<[Books, Books]> {
  const t = await createTestBureau({ plugins: [accounting], clock: { now: () => new Date(now) } });
  const books = await openBooks(t, tenant);
  const neighbour = await t.signup({});
  await t.enableModule(neighbour, 'accounting');
  return [books, booksFor(t, neighbour)];
}

/** A file under the read-only `shared/oracles` beside the checkout. */
export const oracle = (path: string) => fileURLToPath(new URL(`../../../../shared/oracles/${path}`, import.meta.url));

const xmlDir = mkdtempSync(join(tmpdir(), 'bureau-xml-'));

/** xmllint's verdict on a generated file against an official schema in `shared/oracles` (exit 0 = valid). */
export function xmllint(xml: string, xsd: string): { ok: boolean; output: string } {
  const file = join(xmlDir, `${xsd.replace(/\W/g, '_')}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', oracle(xsd), file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed (apt-get install -y libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, output: `${r.stderr}${r.stdout}` };
}

/** Runs SQL as the request role in the books' tenant transaction; resolves to the SQLSTATE it failed with (or 'ok'). */
export async function attemptSql(b: Books, fn: (trx: Kysely<any>) => Promise<unknown>): Promise<string> {
  try {
    await withTenant(b.t.runtime.db, b.user.tenant.id, async (trx) => {
      await fn(trx);
    });
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}
