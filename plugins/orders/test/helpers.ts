import type { TestBureau, TestUser } from '@bureau/core';

/** A tenant's orders API, as the tests call it. */
export function shop(u: TestUser) {
  const base = `/api/t/${u.tenant.slug}/orders`;
  return {
    base,
    get: <T = any>(p: string) => u.json<T>('GET', `${base}${p}`),
    post: <T = any>(p: string, body: unknown = {}) => u.json<T>('POST', `${base}${p}`, body),
    patch: <T = any>(p: string, body: unknown = {}) => u.json<T>('PATCH', `${base}${p}`, body),
    request: (method: string, p: string, body?: unknown) => u.request(method, `${base}${p}`, body),
    async product(sku: string, extra: Record<string, unknown> = {}) {
      const res = await u.json('POST', `${base}/products`, {
        sku,
        name: `Product ${sku}`,
        unitPrice: '100.00',
        vatRate: '21',
        ...extra,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body as { id: string; sku: string; gtin: string | null };
    },
    async stock(productId: string, quantity: number, extra: Record<string, unknown> = {}) {
      const res = await u.json('POST', `${base}/stock/adjustments`, {
        productId,
        quantity,
        reason: 'opening stock',
        ...extra,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body;
    },
    async level(productId: string) {
      return (await u.json('GET', `${base}/stock?productId=${productId}`)).body as {
        onHand: number;
        reserved: number;
        available: number;
      };
    },
    async order(lines: Array<{ productId: string; quantity: number | string }>, extra: Record<string, unknown> = {}) {
      const res = await u.json('POST', `${base}/orders`, {
        customer: { name: 'Pekárna U Mlýna s.r.o.' },
        lines,
        ...extra,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body as { id: string; number: string };
    },
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
