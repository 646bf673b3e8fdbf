import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import hr from '../src/server/index.ts';

export interface Hr {
  t: TestBureau;
  user: TestUser;
  base: string;
  get<T = any>(path: string, as?: TestUser): Promise<{ status: number; body: T }>;
  post<T = any>(path: string, body?: unknown, as?: TestUser): Promise<{ status: number; body: T }>;
  put<T = any>(path: string, body?: unknown, as?: TestUser): Promise<{ status: number; body: T }>;
  patch<T = any>(path: string, body?: unknown, as?: TestUser): Promise<{ status: number; body: T }>;
}

/** A Bureau with hr installed (or the given one) and a tenant whose owner enabled it. */
export async function openHr(t?: TestBureau): Promise<Hr> {
  const bureau = t ?? (await createTestBureau({ plugins: [hr] }));
  const user = await bureau.signup();
  await bureau.enableModule(user, 'hr');
  return hrFor(bureau, user);
}

export function hrFor(t: TestBureau, user: TestUser): Hr {
  const base = `/api/t/${user.tenant.slug}/hr`;
  return {
    t,
    user,
    base,
    get: (path, as) => (as ?? user).json('GET', `${base}${path}`),
    post: (path, body, as) => (as ?? user).json('POST', `${base}${path}`, body ?? {}),
    put: (path, body, as) => (as ?? user).json('PUT', `${base}${path}`, body ?? {}),
    patch: (path, body, as) => (as ?? user).json('PATCH', `${base}${path}`, body ?? {}),
  };
}

/** Makes a new user a member of `admin`'s tenant with a custom role holding `permissions`. */
export async function memberWith(
  t: TestBureau,
  admin: TestUser,
  key: string,
  permissions: string[],
): Promise<TestUser> {
  const slug = admin.tenant.slug;
  const role = await admin.json('POST', `/api/t/${slug}/roles`, { key, name: key, permissions });
  if (role.status !== 201 && role.status !== 409) throw new Error(`role: ${role.status} ${JSON.stringify(role.body)}`);
  const user = await t.signup();
  const inv = await admin.json('POST', `/api/t/${slug}/invitations`, { email: user.email, role: key, confirm: true });
  if (inv.status !== 201) throw new Error(`invite: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = new URL(inv.body.link).searchParams.get('token');
  const accepted = await user.json('POST', `/api/invitations/${token}/accept`, {});
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { ...user, tenant: admin.tenant };
}

/** Counts rows of an hr table across tenants (to prove a refusal wrote nothing). */
export async function count(t: TestBureau, table: string): Promise<number> {
  const row = await t.runtime.db
    .selectFrom(`hr.${table}`)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Valid birth numbers (divisible by 11): a man born 15 Mar 1985, a woman born 12 Mar 2001. */
export const BN_MAN = '850315/1239';
export const BN_WOMAN = '015312/0011';

const SEPA_XSD = join(import.meta.dirname, '../../../../shared/oracles/sepa/pain.001.001.03.xsd');

/** xmllint's verdict on a generated pain.001.001.03 file against the official schema (exit 0 = valid). */
export function xmllintPain001(xml: string): { ok: boolean; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'hr-sepa-')), 'order.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SEPA_XSD, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed (apt-get install -y libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, output: `${r.stderr}${r.stdout}` };
}
