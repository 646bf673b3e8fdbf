import type { TestBureau, TestUser } from '@bureau/core';

/** A tenant's IT API, as the tests call it. */
export function itApi(u: TestUser) {
  const base = `/api/t/${u.tenant.slug}/it`;
  return {
    base,
    get: <T = any>(p: string, as?: TestUser) => (as ?? u).json<T>('GET', `${base}${p}`),
    post: <T = any>(p: string, body: unknown = {}, as?: TestUser) => (as ?? u).json<T>('POST', `${base}${p}`, body),
    put: <T = any>(p: string, body: unknown = {}, as?: TestUser) => (as ?? u).json<T>('PUT', `${base}${p}`, body),
    patch: <T = any>(p: string, body: unknown = {}, as?: TestUser) => (as ?? u).json<T>('PATCH', `${base}${p}`, body),
    del: <T = any>(p: string, as?: TestUser) => (as ?? u).json<T>('DELETE', `${base}${p}`),
    async asset(body: Record<string, unknown>) {
      const res = await u.json('POST', `${base}/assets`, { category: 'Laptops', ...body });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body as { id: string; tag: string; status: string };
    },
  };
}

/** Makes a new user a member of `admin`'s tenant with a role (built-in `member` or a custom one). */
export async function memberWith(
  t: TestBureau,
  admin: TestUser,
  key: string,
  permissions?: string[],
): Promise<TestUser> {
  const slug = admin.tenant.slug;
  if (permissions) {
    const role = await admin.json('POST', `/api/t/${slug}/roles`, { key, name: key, permissions });
    if (role.status !== 201 && role.status !== 409)
      throw new Error(`role: ${role.status} ${JSON.stringify(role.body)}`);
  }
  const user = await t.signup();
  const inv = await admin.json('POST', `/api/t/${slug}/invitations`, { email: user.email, role: key, confirm: true });
  if (inv.status !== 201) throw new Error(`invite: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = new URL(inv.body.link).searchParams.get('token');
  const accepted = await user.json('POST', `/api/invitations/${token}/accept`, {});
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { ...user, tenant: admin.tenant };
}

/** Counts all rows of an IT table (to prove a refusal wrote nothing). */
export async function count(t: TestBureau, table: string): Promise<number> {
  const row = await t.runtime.db
    .selectFrom(`it.${table}`)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A member's inbox, newest first (core's notifications). */
export const inbox = async (u: TestUser) =>
  (await u.json('GET', `/api/t/${u.tenant.slug}/notifications?filter=all&limit=100`)).body.items as Array<{
    title: string;
    body: string | null;
    link: string | null;
    category: string | null;
    severity: string;
  }>;
