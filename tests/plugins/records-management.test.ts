import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enable } from './helpers.ts';

/**
 * Issue 18 across departments: a person walked through access and erasure, and record classes
 * through proposal, hold, approval and disposal, with the audit chain still verifying. Accounting and
 * the lab are the worked examples; the contract checks run over every installed plugin.
 */

let now = new Date('2024-03-15T09:00:00Z');
const clock = { now: () => now };
let t: TestBureau;
let owner: TestUser;
let base: string;
const jana = {
  firstName: 'Jana',
  lastName: 'Nováková',
  birthDate: '1985-03-14',
  sex: 'female',
  birthNumber: '855314/0002',
};
let invoiceId: string;
let customerId: string;
let orderId: string;
let patientId: string;
let attachmentId: string;

const get = (path: string) => owner.json('GET', `${base}${path}`);
const post = (path: string, body: unknown = {}) => owner.json('POST', `${base}${path}`, body);
const put = (path: string, body: unknown) => owner.json('PUT', `${base}${path}`, body);
const schedule = async () => {
  const res = await get('/records/schedule');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.classes.map((c: any) => [c.key, c]));
};

beforeAll(async () => {
  t = await createTestBureau({ plugins: installedPlugins, clock });
  owner = await t.signup({ email: 'owner@records.example' });
  base = `/api/t/${owner.tenant.slug}`;
  await enable(owner, 'accounting');
  await enable(owner, 'medical');
  const customer = await post('/accounting/customers', { name: 'Petr Svoboda', email: 'petr@svoboda.example' });
  expect(customer.status, JSON.stringify(customer.body)).toBe(201);
  customerId = customer.body.id;
  const draft = await post('/accounting/invoices', {
    customerId,
    issueDate: '2024-03-15',
    lines: [{ description: 'Work', quantity: '1', unitPrice: '1000.00' }],
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  invoiceId = draft.body.id;
  expect((await post(`/accounting/invoices/${invoiceId}/issue`)).status).toBe(200);
  const patient = await post('/medical/patients', jana);
  expect(patient.status, JSON.stringify(patient.body)).toBe(201);
  patientId = patient.body.id;
  const order = await post('/medical/orders', { patientId, tests: ['K'] });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  orderId = order.body.id;
  const form = new FormData();
  form.set('file', new File([new TextEncoder().encode('requisition scan')], 'requisition.txt'));
  form.set('entityType', 'medical.order');
  form.set('entityId', orderId);
  const up = await t.app.request(`${t.origin}${base}/records`, {
    method: 'POST',
    headers: { origin: t.origin, cookie: owner.cookie },
    body: form,
  });
  expect(up.status).toBe(201);
  attachmentId = ((await up.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

describe('every installed plugin that declares record classes', () => {
  it('lists its records and exports nothing for an unknown person', async () => {
    for (const p of installedPlugins) {
      for (const [key, c] of Object.entries(p.records?.classes ?? {})) {
        const list = await t.inTenant(owner.tenant.id, (ctx) => c.records(ctx, {}));
        expect(Array.isArray(list), key).toBe(true);
        for (const r of list)
          expect(r.triggerDate === null || /^\d{4}-\d{2}-\d{2}$/.test(r.triggerDate), key).toBe(true);
      }
      const pd = p.personalData;
      if (pd) {
        const none = await t.inTenant(owner.tenant.id, (ctx) =>
          pd.export(ctx, {
            name: 'Nobody Atall',
            email: 'nobody@nowhere.example',
            birthNumber: '0001010000',
          }),
        );
        expect(none, p.id).toEqual([]);
      }
    }
  });
});

describe('retention schedule', () => {
  it('shows each class with its statutes, trigger, disposal and nothing due yet', async () => {
    const s = await schedule();
    expect(s['accounting.documents']).toMatchObject({ minimum: { years: 10, months: 0 }, disposal: 'archive', due: 0 });
    expect(s['accounting.documents'].statutes.map((x: any) => x.source).join(' ')).toContain('§ 35');
    expect(s['medical.lab-records']).toMatchObject({ trigger: 'created', disposal: 'delete', due: 0 });
  });

  it('refuses a period below the statutory minimum and changes nothing; lengthening is kept', async () => {
    const short = await put('/records/classes/accounting.documents/period', { years: 5, months: 0 });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({ code: 'below_statutory_minimum', minimum: { years: 10, months: 0 } });
    expect(short.body.source).toContain('235/2004');
    expect((await schedule())['accounting.documents'].lengthened).toBe(false);
    const longer = await put('/records/classes/accounting.documents/period', { years: 12, months: 0 });
    expect(longer.status).toBe(200);
    expect(longer.body).toMatchObject({ period: { years: 12, months: 0 }, lengthened: true });
    expect((await put('/records/classes/accounting.documents/period', { standard: true })).body.lengthened).toBe(false);
    expect((await put('/records/classes/nobody.things/period', { years: 1, months: 0 })).status).toBe(404);
  });
});

describe('a data-subject request', () => {
  let requestId: string;
  it('is recorded with a one-month deadline and the responsible person is e-mailed', async () => {
    const res = await post('/records/requests', {
      kind: 'erasure',
      subject: { name: 'Jana Nováková', birthNumber: '855314/0002', birthDate: '1985-03-14' },
      responsibleUserId: owner.userId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ receivedOn: '2024-03-15', dueOn: '2024-04-15', status: 'open' });
    requestId = res.body.id;
  });

  it('exports what the lab holds about her as JSON and PDF', async () => {
    const data = await get(`/records/requests/${requestId}/data`);
    expect(data.status).toBe(200);
    const lab = data.body.modules.find((m: any) => m.module === 'medical');
    expect(lab.items.map((i: any) => i.recordClass).sort()).toEqual(['medical.lab-records', 'medical.patients']);
    expect(lab.items.find((i: any) => i.recordClass === 'medical.patients').data.birth_number).toBe('8553140002');
    const pdf = await owner.request('GET', `${base}/records/requests/${requestId}/data?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('keeps her lab records under the retention duty and refuses to erase them, changing nothing', async () => {
    const plan = await get(`/records/requests/${requestId}/erasure`);
    expect(plan.body.erase).toEqual([]);
    const kept = plan.body.keep.find((k: any) => k.recordClass === 'medical.lab-records');
    expect(kept.reason).toMatchObject({ kind: 'retention', keepUntil: '2034-03-15' });
    expect(kept.reason.sources[0]).toContain('444/2024');
    const refused = await post(`/records/requests/${requestId}/erase`, {
      items: [{ recordClass: 'medical.lab-records', id: orderId }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('retention_duty');
    expect((await get(`/medical/patients/${patientId}`)).status).toBe(200);
    expect((await get(`/records/requests/${requestId}`)).body.status).toBe('open');
  });
});

describe('disposal', () => {
  it('proposes records past retention, leaves held ones out and refuses to dispose of them', async () => {
    now = new Date('2036-01-02T09:00:00Z');
    const s = await schedule();
    expect(s['accounting.documents'].due).toBe(1);
    expect(s['accounting.partners'].due).toBe(1);
    expect(s['medical.lab-records'].due).toBe(1);
    expect(s['medical.patients'].due).toBe(0); // her order is still there

    const hold = await post('/records/holds', {
      scope: 'subject',
      subject: { birthNumber: '8553140002' },
      reason: 'Court case 12 C 3/2035',
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    expect((await schedule())['medical.lab-records']).toMatchObject({ due: 0, held: 1 });

    expect((await post('/records/disposal/proposals/refresh')).body.proposed).toBe(2);
    const items = (await get('/records/disposal/proposals')).body.items;
    const heldItem = items.find((i: any) => i.recordClass === 'medical.lab-records');
    expect(heldItem.status).toBe('held');
    const refused = await post('/records/disposal/approve', { itemIds: [heldItem.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('records_held');

    expect((await post(`/records/holds/${hold.body.id}/release`)).status).toBe(200);
    expect((await post(`/records/holds/${hold.body.id}/release`)).status).toBe(409);
    expect((await post('/records/disposal/proposals/refresh')).body.proposed).toBe(1);
  });

  it('runs approved disposal as a job: plugins anonymise and delete, files go, the log and the audit chain stay', async () => {
    for (const recordClass of ['accounting.documents', 'accounting.partners', 'medical.lab-records']) {
      const run = await post('/records/disposal/approve', { recordClass });
      expect(run.status, JSON.stringify(run.body)).toBe(202);
      expect(run.body).toMatchObject({ status: 'queued', total: 1 });
    }
    expect(await t.records.runPending()).toBe(3);
    const runs = (await get('/records/disposal/runs')).body.runs;
    expect(runs.map((r: any) => r.error).filter(Boolean)).toEqual([]);
    expect(runs.map((r: any) => r.status)).toEqual(['done', 'done', 'done']);
    expect(
      runs
        .flatMap((r: any) => r.log)
        .map((l: any) => [l.recordClass, l.count])
        .sort(),
    ).toEqual([
      ['accounting.documents', 1],
      ['accounting.partners', 1],
      ['medical.lab-records', 1],
    ]);
    expect((await get(`/medical/orders/${orderId}`)).status).toBe(404);
    expect((await get(`/records/${attachmentId}`)).status).toBe(404);
    const file = await sql`select 1 from core.records where id = ${attachmentId}`.execute(t.runtime.db);
    expect(file.rows).toHaveLength(0);
    // The invoice stays in the immutable books (archived); the customer's identity is anonymised.
    expect((await get(`/accounting/invoices/${invoiceId}`)).body.total).toBeTruthy();
    const customer = (await get(`/accounting/customers/${customerId}`)).body;
    expect(customer.email ?? null).toBeNull();
    expect(customer.name).not.toContain('Svoboda');
    // The patient follows once her last order is gone; anonymised records are not proposed again.
    expect((await schedule())['medical.patients'].due).toBe(1);
    expect((await post('/records/disposal/proposals/refresh')).body.proposed).toBe(1);

    const audit = await get('/audit?entityType=disposal');
    const completed = audit.body.entries.filter((e: any) => e.action === 'disposal.completed');
    expect(completed).toHaveLength(3);
    expect(JSON.stringify(completed)).not.toContain('Svoboda');
    const verify = await get('/audit/verify');
    expect(verify.body.ok).toBe(true);
  });

  it('erases what no duty keeps any more and closes the request with what was done', async () => {
    const req = await post('/records/requests', { kind: 'erasure', subject: { birthNumber: '8553140002' } });
    const plan = await get(`/records/requests/${req.body.id}/erasure`);
    expect(plan.body.keep).toEqual([]);
    expect(plan.body.erase.map((i: any) => i.recordClass)).toEqual(['medical.patients']);
    const erased = await post(`/records/requests/${req.body.id}/erase`, {
      items: plan.body.erase.map((i: any) => ({ recordClass: i.recordClass, id: i.id })),
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({
      status: 'done',
      outcome: { erased: [{ recordClass: 'medical.patients', count: 1 }] },
    });
    expect((await get(`/medical/patients/${patientId}`)).status).toBe(404);
    expect((await get('/audit/verify')).body.ok).toBe(true);
  });
});
