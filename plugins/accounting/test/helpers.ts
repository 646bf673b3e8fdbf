import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
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
