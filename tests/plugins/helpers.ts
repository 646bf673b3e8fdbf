import type { TestBureau, TestUser } from '@bureau/core';

/**
 * Enables a module as a tenant admin does in the UI: with `confirm: true`, accepting the add-on price
 * billing shows for a module the plan does not include.
 */
export async function enable(user: TestUser, moduleId: string): Promise<void> {
  const res = await user.json('PUT', `/api/t/${user.tenant.slug}/modules/${moduleId}`, { confirm: true });
  if (res.status !== 200) throw new Error(`enable ${moduleId} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Makes a new user a member of `admin`'s tenant with `role`, through an invitation; returns them acting there. */
export async function addMember(t: TestBureau, admin: TestUser, role: string): Promise<TestUser> {
  const user = await t.signup();
  const inv = await admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, {
    email: user.email,
    role,
    confirm: true, // accept a seat beyond the plan
  });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = new URL(inv.body.link).searchParams.get('token');
  const accepted = await user.json('POST', `/api/invitations/${token}/accept`, {});
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { ...user, tenant: admin.tenant };
}

/** A custom role of `admin`'s tenant holding exactly `permissions`. */
export async function createRole(admin: TestUser, key: string, permissions: string[]): Promise<void> {
  const res = await admin.json('POST', `/api/t/${admin.tenant.slug}/roles`, { key, name: key, permissions });
  if (res.status !== 201) throw new Error(`role failed: ${res.status} ${JSON.stringify(res.body)}`);
}
