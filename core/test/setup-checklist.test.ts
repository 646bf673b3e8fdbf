import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, definePlugin, type TestBureau, type TestUser } from '../src/index.ts';

/**
 * The first-hour checklist (issue 20 item 6): a firm's administrator, a provider and a member each get
 * their own; a step is done when its page did it, read from the data, and undone when it is undone.
 */
const books = definePlugin({
  id: 'books',
  version: '1.0.0',
  title: { en: 'Books', cs: 'Knihy' },
  description: { en: 'Test module', cs: 'Testovací modul' },
  permissions: { 'books.read': { en: 'Read', cs: 'Číst' } },
  memberPermissions: ['books.read'],
  migrations: {},
});
/** A module members get nothing of: it is not among what a member can use. */
const vault = definePlugin({
  id: 'vault',
  version: '1.0.0',
  title: { en: 'Vault', cs: 'Trezor' },
  description: { en: 'Test module', cs: 'Testovací modul' },
  permissions: { 'vault.read': { en: 'Read', cs: 'Číst' } },
  migrations: {},
});

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau({ plugins: [books, vault] });
});
afterAll(() => t.close());

const setup = async (u: TestUser, slug = u.tenant.slug) => u.json('GET', `/api/t/${slug}/setup`);
const stepsOf = (body: { steps: { id: string; done: boolean }[] }) =>
  Object.fromEntries(body.steps.map((s) => [s.id, s.done]));

async function join(admin: TestUser, user: TestUser, role: string) {
  const inv = await admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, {
    email: user.email,
    role,
    confirm: true,
  });
  expect(inv.status).toBe(201);
  const token = new URL(inv.body.link).searchParams.get('token');
  expect((await user.json('POST', `/api/invitations/${token}/accept`)).status).toBe(200);
}

describe('the setup checklist', () => {
  it('walks a new firm owner from nothing to done, and a removed bank account undoes its step', async () => {
    const owner = await t.signup();
    const first = await setup(owner);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ audience: 'firm', canUse: [] });
    expect(stepsOf(first.body)).toEqual({ profile: false, bank: false, modules: false, people: false });
    expect(first.body.steps.map((s: { path: string }) => s.path)).toEqual([
      '/settings/company',
      '/settings/company',
      '/settings/modules',
      '/settings/members',
    ]);

    const profile = {
      legalName: 'Pekárna Novák s.r.o.',
      ico: '25596641',
      street: 'Náměstí 1',
      city: 'Brno',
      zip: '602 00',
      country: 'CZ',
      defaultCurrency: 'CZK',
      locale: 'cs',
    };
    // A Czech firm without its IČO has not finished its profile.
    expect((await owner.json('PUT', `/api/t/${owner.tenant.slug}/profile`, { ...profile, ico: null })).status).toBe(
      200,
    );
    expect(stepsOf((await setup(owner)).body).profile).toBe(false);
    expect((await owner.json('PUT', `/api/t/${owner.tenant.slug}/profile`, profile)).status).toBe(200);
    expect(stepsOf((await setup(owner)).body)).toMatchObject({ profile: true, bank: false });

    const withBank = {
      ...profile,
      bankAccounts: [{ accountNumber: '19-2000145399/0800', currency: 'CZK', isDefault: true }],
    };
    expect((await owner.json('PUT', `/api/t/${owner.tenant.slug}/profile`, withBank)).status).toBe(200);
    expect(stepsOf((await setup(owner)).body).bank).toBe(true);

    expect((await owner.json('PUT', `/api/t/${owner.tenant.slug}/modules/books`, { confirm: true })).status).toBe(200);
    const withModule = (await setup(owner)).body;
    expect(stepsOf(withModule).modules).toBe(true);
    expect(withModule.canUse).toEqual(['books']);

    const invited = await owner.json('POST', `/api/t/${owner.tenant.slug}/invitations`, {
      email: `colleague-${owner.tenant.slug}@example.test`,
      role: 'member',
      confirm: true,
    });
    expect(invited.status).toBe(201);
    expect(stepsOf((await setup(owner)).body)).toEqual({ profile: true, bank: true, modules: true, people: true });

    expect((await owner.json('PUT', `/api/t/${owner.tenant.slug}/profile`, profile)).status).toBe(200);
    expect(stepsOf((await setup(owner)).body).bank).toBe(false);
  });

  it("gives a member no steps, only the modules their role lets them use; another firm's caller gets nothing", async () => {
    const owner = await t.signup();
    for (const id of ['books', 'vault']) {
      expect((await owner.json('PUT', `/api/t/${owner.tenant.slug}/modules/${id}`, { confirm: true })).status).toBe(
        200,
      );
    }
    const member = await t.signup();
    await join(owner, member, 'member');
    const seen = await setup(member, owner.tenant.slug);
    expect(seen.status).toBe(200);
    expect(seen.body.audience).toBe('member');
    expect(seen.body.steps).toEqual([]);
    expect(seen.body.canUse).toEqual(['books']);
    expect((await setup(owner)).body.canUse).toEqual(['books', 'vault']);

    const stranger = await t.signup();
    expect((await setup(stranger, owner.tenant.slug)).status).toBe(404);
  });

  it('asks a provider for its first client, done once a client is invited', async () => {
    const provider = await t.signup({ tenant: { kind: 'provider' } });
    const before = (await setup(provider)).body;
    expect(before.audience).toBe('provider');
    expect(before.steps.find((s: { id: string }) => s.id === 'client')).toEqual({
      id: 'client',
      done: false,
      path: '/engagements',
    });
    const client = await t.signup();
    const invited = await provider.json('POST', `/api/t/${provider.tenant.slug}/clients`, {
      client: { slug: client.tenant.slug },
      modules: ['books'],
    });
    expect(invited.status).toBe(201);
    expect(stepsOf((await setup(provider)).body).client).toBe(true);
  });
});
