import type { TestUser } from '@bureau/core';

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
