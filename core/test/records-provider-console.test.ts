import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, definePlugin, type TestBureau, type TestUser } from '../src/index.ts';

/**
 * Issue 18 item 2: "the provider sees it per client". The provider console carries each client's
 * records figures (records past retention, held, open and overdue person requests) when the caller
 * may read the client's records, and nothing of them otherwise.
 */

const now = new Date('2026-06-10T09:00:00Z');
// Two invoices of the ledger class: one from 2014 (past its 10 years), one from last year (kept).
const LEDGER = [
  { id: 'inv-2014', label: 'FV 2014/7', triggerDate: '2014-12-31' },
  { id: 'inv-2025', label: 'FV 2025/1', triggerDate: '2025-12-31' },
];
const ledger = definePlugin({
  id: 'ledger',
  version: '1.0.0',
  title: { en: 'Ledger', cs: 'Kniha' },
  description: { en: 'Invoices', cs: 'Faktury' },
  permissions: { 'ledger.read': { en: 'Read', cs: 'Číst' } },
  migrations: {},
  records: {
    auditRead: 'ledger.read',
    entities: {},
    classes: {
      'ledger.invoices': {
        label: { en: 'Invoices', cs: 'Faktury' },
        statutes: ['cz.vat.documents'],
        trigger: 'tax_period_end',
        disposal: 'delete',
        records: async (_ctx, q) =>
          LEDGER.filter((r) => !q.triggeredBy || r.triggerDate <= q.triggeredBy).filter(
            (r) => !q.ids || q.ids.includes(r.id),
          ),
        dispose: async () => {},
      },
    },
  },
});

let t: TestBureau;
let provider: TestUser;
let staff: TestUser;
let P: string;

async function engage(slug: string, grants: string[], teamGrants: string[], teamId: string): Promise<TestUser> {
  const res = await provider.json('POST', `/api/t/${P}/clients`, {
    newClient: { name: `Client ${slug}`, slug, ownerEmail: `owner@${slug}.example` },
    modules: ['ledger'],
    grants,
    teams: [{ teamId, grants: teamGrants }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const tenant = await t.runtime.db
    .selectFrom('core.tenants')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  await t.runtime.db
    .insertInto('core.tenant_modules')
    .values({ tenant_id: tenant.id, module_id: 'ledger', enabled: true, enabled_at: now })
    .execute();
  return res.body;
}

const clientsOf = async (user: TestUser) => {
  const res = await user.json('GET', `/api/providers/${P}/clients?sort=slug`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.clients.map((c: any) => [c.tenant.slug, c.summary]));
};

beforeAll(async () => {
  t = await createTestBureau({ plugins: [ledger], clock: { now: () => now } });
  provider = await t.signup({ tenant: { kind: 'provider', slug: 'archiv-servis' } });
  P = provider.tenant.slug;
  staff = await t.signup();
  const inv = await provider.json('POST', `/api/t/${P}/invitations`, { email: staff.email, confirm: true });
  const token = new URL(inv.body.link).searchParams.get('token');
  expect((await staff.json('POST', `/api/invitations/${token}/accept`)).status).toBe(200);
  const team = await provider.json('POST', `/api/t/${P}/teams`, { name: 'Spisovna' });
  await provider.json('PUT', `/api/t/${P}/teams/${team.body.id}/members/${staff.userId}`);
  // "with-records" grants the records; "ledger-only" grants the module alone.
  await engage(
    'with-records',
    ['ledger.*', 'tenant.records.read'],
    ['ledger.read', 'tenant.records.read'],
    team.body.id,
  );
  await engage('ledger-only', ['ledger.*'], ['ledger.read'], team.body.id);
});
afterAll(() => t.close());

describe('records in the provider console', () => {
  it("shows a client's records past retention and its open requests where the engagement grants records", async () => {
    const summary = await clientsOf(staff);
    expect(summary['with-records'].records).toEqual({
      recordsDue: 1,
      recordsHeld: 0,
      subjectRequestsOpen: 0,
      subjectRequestsOverdue: 0,
    });
    expect(summary['ledger-only'].records).toBeUndefined();
  });

  it('counts a held record as held and a request past its month as overdue, for the provider admin too', async () => {
    const client = await t.runtime.db
      .selectFrom('core.tenants')
      .select('id')
      .where('slug', '=', 'with-records')
      .executeTakeFirstOrThrow();
    await t.inTenant(client.id, async (ctx) => {
      await ctx.db
        .insertInto('core.legal_holds')
        .values({
          tenant_id: client.id,
          id: crypto.randomUUID(),
          scope: 'class',
          class_key: 'ledger.invoices',
          reason: 'Daňová kontrola',
          created_at: now,
          created_by: 'test',
        })
        .execute();
      // Received on 1 May, due a month later: overdue on 10 June. Received on 1 June: open, in time.
      for (const [received, due] of [
        ['2026-05-01', '2026-06-01'],
        ['2026-06-01', '2026-07-01'],
      ])
        await ctx.db
          .insertInto('core.subject_requests')
          .values({
            tenant_id: client.id,
            id: crypto.randomUUID(),
            kind: 'access',
            subject: JSON.stringify({ name: 'Jana Nováková' }),
            status: 'open',
            received_on: received,
            due_on: due,
            created_at: now,
            created_by: 'test',
          })
          .execute();
    });
    const summary = await clientsOf(provider);
    expect(summary['with-records'].records).toEqual({
      recordsDue: 0,
      recordsHeld: 1,
      subjectRequestsOpen: 2,
      subjectRequestsOverdue: 1,
    });
  });
});
