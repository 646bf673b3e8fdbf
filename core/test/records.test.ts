import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Clock,
  createTestBureau,
  definePlugin,
  type EntityRecords,
  newId,
  type TestBureau,
  type TestUser,
} from '../src/index.ts';

/** A settable clock: retention is judged against runtime.clock. */
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
const DAY = 86_400_000;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let t: TestBureau;
let owner: TestUser;
let other: TestUser;

const people = { read: 'hr.read', attach: 'hr.manage', sensitive: 'hr.sensitive' } satisfies Omit<
  EntityRecords,
  'label'
>;

/** Two departments that declare the entity types these tests attach files to. */
const hr = definePlugin({
  id: 'hr',
  version: '1.0.0',
  title: { en: 'HR', cs: 'Personalistika' },
  description: { en: 'People', cs: 'Lidé' },
  permissions: {
    'hr.read': { en: 'See people', cs: 'Vidět lidi' },
    'hr.manage': { en: 'Manage people', cs: 'Spravovat lidi' },
    'hr.sensitive': { en: 'Read sensitive files', cs: 'Číst citlivé soubory' },
  },
  memberPermissions: ['hr.read'],
  migrations: {},
  records: {
    auditRead: 'hr.read',
    entities: {
      'hr.employee': { label: { en: 'Employee', cs: 'Zaměstnanec' }, ...people },
      'hr.payslip': { label: { en: 'Payslip', cs: 'Výplatní páska' }, ...people, specialCategory: true },
    },
  },
});
const medical = definePlugin({
  id: 'medical',
  version: '1.0.0',
  title: { en: 'Lab', cs: 'Laboratoř' },
  description: { en: 'Results', cs: 'Výsledky' },
  permissions: { 'medical.results': { en: 'Read results', cs: 'Číst výsledky' } },
  migrations: {},
  records: {
    auditRead: 'medical.results',
    specialCategory: true,
    entities: {
      'medical.result': {
        label: { en: 'Result', cs: 'Výsledek' },
        read: 'medical.results',
        attach: 'medical.results',
        sensitive: 'medical.results',
      },
    },
  },
});

interface UploadFields {
  bytes: Uint8Array;
  filename?: string;
  clientType?: string;
  entityType?: string;
  entityId?: string;
  retentionClass?: string;
  sensitive?: boolean;
}

function form(f: UploadFields): FormData {
  const fd = new FormData();
  fd.set('file', new File([f.bytes], f.filename ?? 'file.bin', { type: f.clientType ?? 'application/x-whatever' }));
  fd.set('entityType', f.entityType ?? 'hr.employee');
  fd.set('entityId', f.entityId ?? 'emp-1');
  if (f.retentionClass) fd.set('retentionClass', f.retentionClass);
  if (f.sensitive !== undefined) fd.set('sensitive', String(f.sensitive));
  return fd;
}

/** Sends as a signed-in user (cookie) or with an API token. */
function send(who: TestUser | string, method: string, path: string, body?: FormData | object) {
  const auth = typeof who === 'string' ? { authorization: `Bearer ${who}` } : { cookie: who.cookie };
  const isForm = body instanceof FormData;
  return t.app.request(`${t.origin}${path}`, {
    method,
    headers: {
      origin: t.origin,
      ...auth,
      ...(body && !isForm ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: isForm ? body : JSON.stringify(body) } : {}),
  });
}

async function upload(u: TestUser | string, slug: string, f: UploadFields) {
  const res = await send(u, 'POST', `/api/t/${slug}/records`, form(f));
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  t = await createTestBureau({ clock, plugins: [hr, medical] });
  owner = await t.signup();
  other = await t.signup();
  for (const u of [owner, other]) for (const m of ['hr', 'medical']) await t.enableModule(u, m);
});
afterAll(() => t.close());

const base = (u: TestUser = owner) => `/api/t/${u.tenant.slug}/records`;

describe('attachments', () => {
  it('uploads, sniffs the type from the bytes, lists by entity and downloads', async () => {
    const png = await upload(owner, owner.tenant.slug, {
      bytes: PNG,
      filename: 'scan.html',
      clientType: 'text/html',
      entityId: 'emp-7',
    });
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({
      entityType: 'hr.employee',
      entityId: 'emp-7',
      filename: 'scan.html',
      contentType: 'image/png',
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
      retentionClass: 'default',
      retainUntil: null,
      sensitive: false,
      createdBy: owner.email,
    });
    const pdf = await upload(owner, owner.tenant.slug, {
      bytes: PDF,
      filename: 'c.png',
      clientType: 'image/png',
      entityId: 'emp-7',
    });
    expect(pdf.body.contentType).toBe('application/pdf');
    const html = await upload(owner, owner.tenant.slug, {
      bytes: Buffer.from('<html><script>alert(1)</script></html>'),
      filename: 'x.png',
      clientType: 'image/png',
      entityId: 'emp-8',
    });
    expect(html.body.contentType).toBe('text/plain; charset=utf-8');
    const bin = await upload(owner, owner.tenant.slug, {
      bytes: new Uint8Array([0, 1, 2, 255, 254]),
      entityId: 'emp-8',
    });
    expect(bin.body.contentType).toBe('application/octet-stream');

    const list = await owner.json('GET', `${base()}?entityType=hr.employee&entityId=emp-7`);
    expect(list.status).toBe(200);
    expect(list.body.records.map((r: { id: string }) => r.id)).toEqual([png.body.id, pdf.body.id]);

    const meta = await owner.json('GET', `${base()}/${png.body.id}`);
    expect(meta.body).toEqual(png.body);

    const dl = await send(owner, 'GET', `${base()}/${png.body.id}/content`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('image/png');
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename="scan.html"/);
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await dl.arrayBuffer()).equals(PNG)).toBe(true);

    // Stored through the filesystem driver under config.storageDir, not in the database.
    const file = join(t.runtime.config.storageDir, owner.tenant.id, png.body.id);
    expect((await stat(file)).size).toBe(PNG.length);

    // Filed under the entity, so the entity's audit trail shows its files.
    const audit = await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action', 'entity_id', 'after'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('entity_type', '=', 'hr.employee')
      .where('entity_id', '=', 'emp-7')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.after.recordId, a.after.filename])).toEqual([
      ['record.uploaded', png.body.id, 'scan.html'],
      ['record.uploaded', pdf.body.id, 'c.png'],
    ]);
  });

  it('keeps a file name safe and accepts uploads above the 1 MB JSON limit', async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(65);
    const res = await upload(owner, owner.tenant.slug, { bytes: big, filename: '../../etc/"pass\u0001wd".txt' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      filename: 'passwd.txt',
      size: big.length,
      contentType: 'text/plain; charset=utf-8',
    });
  });

  it('strips bidi controls from stored file names (issue 11, item 11)', async () => {
    // U+202E would show "invoice\u202Efdp.exe" as "invoiceexe.pdf" in every list and download.
    const res = await upload(owner, owner.tenant.slug, {
      bytes: new TextEncoder().encode('MZ not really'),
      filename: 'invoice\u202Efdp.exe',
    });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('invoicefdp.exe');
    const odd = await upload(owner, owner.tenant.slug, {
      bytes: new TextEncoder().encode('x'),
      filename: '\u2067a\u200Fb\u061Cc\u2069\u202Ad\u0085.txt',
    });
    expect(odd.body.filename).toBe('abcd.txt');
  });

  it('refuses a file over the size limit with 413', async () => {
    const tooBig = new Uint8Array(t.runtime.config.maxUploadBytes + 1);
    const res = await upload(owner, owner.tenant.slug, { bytes: tooBig });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    // JSON bodies elsewhere keep their 1 MB limit.
    const json = await send(owner, 'POST', `/api/t/${owner.tenant.slug}/roles`, { key: 'x'.repeat(2 * 1024 * 1024) });
    expect(json.status).toBe(413);
  });

  it('refuses bad input with 400', async () => {
    expect((await upload(owner, owner.tenant.slug, { bytes: new Uint8Array() })).status).toBe(400);
    expect((await upload(owner, owner.tenant.slug, { bytes: PNG, entityType: 'Bad Type' })).status).toBe(400);
    expect((await upload(owner, owner.tenant.slug, { bytes: PNG, entityId: '' })).status).toBe(400);
    expect((await upload(owner, owner.tenant.slug, { bytes: PNG, retentionClass: 'No!' })).status).toBe(400);
    const noFile = new FormData();
    noFile.set('file', 'just text');
    noFile.set('entityType', 'hr.employee');
    noFile.set('entityId', 'e');
    expect((await send(owner, 'POST', base(), noFile)).status).toBe(400);
    // A JSON body where multipart is declared: 415 (as on every route), a problem, never a 500.
    const asJson = await send(owner, 'POST', base(), { entityType: 'hr.employee', entityId: 'e' });
    expect(asJson.status).toBe(415);
    expect(asJson.headers.get('content-type')).toContain('application/problem+json');
    expect((await owner.json('GET', `${base()}?entityType=hr.employee`)).status).toBe(400);
    expect((await owner.json('GET', `${base()}/not-a-uuid`)).status).toBe(400);
    expect((await owner.json('DELETE', `${base()}/${newId()}`)).status).toBe(404);
  });

  it("answers 404 for another tenant's attachment", async () => {
    const mine = await upload(owner, owner.tenant.slug, { bytes: PNG, entityId: 'emp-x' });
    for (const [method, suffix] of [
      ['GET', ''],
      ['GET', '/content'],
      ['DELETE', ''],
    ] as const) {
      const res = await send(other, method, `${base(other)}/${mine.body.id}${suffix}`);
      expect(res.status).toBe(404);
    }
    const list = await other.json('GET', `${base(other)}?entityType=hr.employee&entityId=emp-x`);
    expect(list.body.records).toEqual([]);
    expect((await owner.json('GET', `${base()}/${mine.body.id}`)).status).toBe(200);
  });

  it("needs tenant.records.* and the entity type's declared permissions", async () => {
    const token = async (permissions: string[]) =>
      (await owner.json('POST', `/api/t/${owner.tenant.slug}/tokens`, { name: newId(), permissions })).body
        .token as string;
    const rec = await upload(owner, owner.tenant.slug, { bytes: PNG, entityId: 'perm' });
    const reader = await token(['tenant.records.read', 'hr.read']);
    expect((await upload(reader, owner.tenant.slug, { bytes: PNG })).status).toBe(403);
    expect((await send(reader, 'DELETE', `${base()}/${rec.body.id}`)).status).toBe(403);
    expect((await send(reader, 'GET', `${base()}/${rec.body.id}/content`)).status).toBe(200);
    const nobody = await token(['tenant.members.read']);
    expect((await send(nobody, 'GET', `${base()}?entityType=hr.employee&entityId=perm`)).status).toBe(403);
    // Core's read permission alone (issue 23's reproduction) reaches nothing of an HR file.
    const coreOnly = await token(['tenant.records.read', 'tenant.records.manage']);
    for (const path of [`?entityType=hr.employee&entityId=perm`, `/${rec.body.id}`, `/${rec.body.id}/content`]) {
      const res = await send(coreOnly, 'GET', `${base()}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('file.bin');
    }
    expect((await upload(coreOnly, owner.tenant.slug, { bytes: PNG, entityId: 'perm' })).status).toBe(404);
    const noAttach = await token(['tenant.records.manage', 'tenant.records.read', 'hr.read']);
    const refused = await upload(noAttach, owner.tenant.slug, { bytes: PNG, entityId: 'perm' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden', permission: 'hr.manage' } });
    const writer = await token(['tenant.records.manage', 'tenant.records.read', 'hr.read', 'hr.manage']);
    const up = await upload(writer, owner.tenant.slug, { bytes: PNG, entityId: 'perm' });
    expect(up.status).toBe(201);
    expect(up.body.createdBy).toMatch(/^token:/);
    const list = await send(writer, 'GET', `${base()}?entityType=hr.employee&entityId=perm`);
    expect(((await list.json()) as any).access).toEqual({ attach: true, sensitive: false });
  });

  it('refuses uploads to entity types no enabled module declares', async () => {
    for (const entityType of ['orders.order', 'hr.unknown', 'hr', 'record']) {
      const res = await upload(owner, owner.tenant.slug, { bytes: PNG, entityType });
      expect(res).toMatchObject({ status: 400, body: { code: 'unknown_entity_type' } });
    }
  });

  it('keeps sensitive files from readers of the entity without the sensitive permission', async () => {
    const plain = await upload(owner, owner.tenant.slug, { bytes: PDF, entityId: 'sens', filename: 'cv.pdf' });
    const secret = await upload(owner, owner.tenant.slug, {
      bytes: PDF,
      entityId: 'sens',
      filename: 'diagnosis-x.pdf',
      sensitive: true,
    });
    const member = (
      await owner.json('POST', `/api/t/${owner.tenant.slug}/tokens`, {
        name: newId(),
        permissions: ['tenant.records.read', 'tenant.records.manage', 'hr.read', 'hr.manage'],
      })
    ).body.token as string;
    const list = await send(member, 'GET', `${base()}?entityType=hr.employee&entityId=sens`);
    const body = (await list.json()) as any;
    expect(body.records.map((r: { id: string }) => r.id)).toEqual([plain.body.id]);
    expect(JSON.stringify(body)).not.toContain('diagnosis');
    for (const [method, suffix] of [
      ['GET', ''],
      ['GET', '/content'],
      ['DELETE', ''],
    ] as const) {
      const res = await send(member, method, `${base()}/${secret.body.id}${suffix}`);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'forbidden', permission: 'hr.sensitive' });
      expect(text).not.toContain('diagnosis');
    }
    // The owner (all permissions) sees both; the sensitive file's name never reaches the audit log.
    const all = await owner.json('GET', `${base()}?entityType=hr.employee&entityId=sens`);
    expect(all.body.records).toHaveLength(2);
    const rows = await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['after'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('entity_id', '=', 'sens')
      .execute();
    expect(JSON.stringify(rows)).not.toContain('diagnosis');
    expect(JSON.stringify(rows)).toContain('cv.pdf');
  });

  it('soft-deletes: gone from list and download, kept in the database and storage', async () => {
    const rec = await upload(owner, owner.tenant.slug, { bytes: PDF, entityId: 'del' });
    const del = await owner.json('DELETE', `${base()}/${rec.body.id}`);
    expect(del.status).toBe(200);
    expect((await owner.json('GET', `${base()}?entityType=hr.employee&entityId=del`)).body.records).toEqual([]);
    expect((await send(owner, 'GET', `${base()}/${rec.body.id}/content`)).status).toBe(404);
    expect((await owner.json('DELETE', `${base()}/${rec.body.id}`)).status).toBe(404);
    const row = await t.runtime.db
      .selectFrom('core.records')
      .select(['deleted_at', 'deleted_by'])
      .where('id', '=', rec.body.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.deleted_by).toBe(owner.email);
    expect((await stat(join(t.runtime.config.storageDir, owner.tenant.id, rec.body.id))).size).toBe(PDF.length);
  });

  it('audits downloads of sensitive attachments', async () => {
    const rec = await upload(owner, owner.tenant.slug, {
      bytes: PDF,
      entityType: 'medical.result',
      entityId: 'r1',
      sensitive: true,
    });
    expect(rec.body.sensitive).toBe(true);
    expect((await send(owner, 'GET', `${base()}/${rec.body.id}/content`)).status).toBe(200);
    const reads = await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action', 'actor_user_id', 'after'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('entity_type', '=', 'medical.result')
      .where('entity_id', '=', 'r1')
      .orderBy('seq')
      .execute();
    expect(reads.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['record.uploaded', owner.userId],
      ['record.read', owner.userId],
    ]);
    // medical is special-category: ids and field names only, and never a sensitive file's name.
    expect(reads[0]?.after).toEqual({
      $redacted: true,
      changed: ['contentType', 'recordId', 'retentionClass', 'sensitive', 'sha256', 'size'],
      ids: { recordId: rec.body.id },
    });
  });
});

describe('audit entries of modules', () => {
  const auditOf = async (who: TestUser | string, query: string) => {
    const res = await send(who, 'GET', `/api/t/${owner.tenant.slug}/audit?limit=200&${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as any).entries as {
      action: string;
      entityType: string;
      after: any;
      changes: string[];
    }[];
  };

  it("returns a module's entries only to those who may read it", async () => {
    await upload(owner, owner.tenant.slug, { bytes: PDF, entityId: 'aud-1' });
    await owner.json('POST', `/api/t/${owner.tenant.slug}/roles`, {
      key: 'auditor',
      name: 'Auditor',
      permissions: ['tenant.audit.read'],
    });
    const auditor = (
      await owner.json('POST', `/api/t/${owner.tenant.slug}/tokens`, {
        name: newId(),
        permissions: ['tenant.audit.read'],
      })
    ).body.token as string;
    const seen = await auditOf(auditor, '');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => !e.entityType.startsWith('hr') && !e.entityType.startsWith('medical'))).toBe(true);
    expect(seen.some((e) => e.entityType === 'role')).toBe(true);
    expect(await auditOf(auditor, 'entityType=hr.employee&entityId=aud-1')).toEqual([]);
    const hrAuditor = (
      await owner.json('POST', `/api/t/${owner.tenant.slug}/tokens`, {
        name: newId(),
        permissions: ['tenant.audit.read', 'hr.read'],
      })
    ).body.token as string;
    const hrSeen = await auditOf(hrAuditor, 'entityType=hr.employee&entityId=aud-1');
    expect(hrSeen.map((e) => e.action)).toEqual(['record.uploaded']);
    expect((await auditOf(hrAuditor, '')).some((e) => e.entityType.startsWith('medical'))).toBe(false);
  });

  it('keeps only ids and changed field names of special-category entities, whatever the plugin passes', async () => {
    await t.inTenant(owner.tenant.id, (ctx) =>
      ctx.audit({
        action: 'hr.payslip.updated',
        entityType: 'hr.payslip',
        entityId: 'ps-1',
        before: { id: 'ps-1', employeeId: 'emp-9', gross: '48000.00', birthNumber: '8001011234' },
        after: { id: 'ps-1', employeeId: 'emp-9', gross: '52000.00', birthNumber: '8001011234' },
      }),
    );
    const [row] = await auditOf(owner, 'entityType=hr.payslip&entityId=ps-1');
    expect(row?.changes).toEqual(['gross']);
    expect(row?.after).toEqual({ $redacted: true, changed: ['gross'], ids: { id: 'ps-1', employeeId: 'emp-9' } });
    const stored = await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['before', 'after'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('entity_id', '=', 'ps-1')
      .execute();
    expect(JSON.stringify(stored)).not.toMatch(/48000|52000|8001011234/);
    expect((await owner.json('GET', `/api/t/${owner.tenant.slug}/audit/verify`)).body.ok).toBe(true);
  });

  it('withholds files and entries of a disabled module from everyone, and returns them on re-enabling', async () => {
    const rec = await upload(owner, owner.tenant.slug, { bytes: PDF, entityType: 'medical.result', entityId: 'dis' });
    expect((await owner.json('DELETE', `/api/t/${owner.tenant.slug}/modules/medical`)).status).toBe(200);
    try {
      for (const path of [`?entityType=medical.result&entityId=dis`, `/${rec.body.id}`, `/${rec.body.id}/content`]) {
        expect((await send(owner, 'GET', `${base()}${path}`)).status).toBe(404);
      }
      expect((await upload(owner, owner.tenant.slug, { bytes: PDF, entityType: 'medical.result' })).body.code).toBe(
        'unknown_entity_type',
      );
      expect(await auditOf(owner, 'entityType=medical.result&entityId=dis')).toEqual([]);
    } finally {
      await t.enableModule(owner, 'medical');
    }
    expect((await send(owner, 'GET', `${base()}/${rec.body.id}/content`)).status).toBe(200);
    expect((await auditOf(owner, 'entityType=medical.result&entityId=dis')).length).toBeGreaterThan(0);
  });
});

describe('retention', () => {
  it('stores per-tenant rules and refuses deletion before expiry with 409 retention_active', async () => {
    const put = await owner.json('PUT', `${base()}/retention`, {
      rules: [
        { retentionClass: 'payroll', years: 10 },
        { retentionClass: 'temp', days: 3 },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.rules).toEqual([
      { retentionClass: 'payroll', years: 10, months: 0, days: 0 },
      { retentionClass: 'temp', years: 0, months: 0, days: 3 },
    ]);
    expect((await owner.json('GET', `${base()}/retention`)).body).toEqual(put.body);
    // Another tenant has its own (none).
    expect((await other.json('GET', `${base(other)}/retention`)).body.rules).toEqual([]);

    const payslip = await upload(owner, owner.tenant.slug, {
      bytes: PDF,
      entityType: 'hr.payslip',
      entityId: 'p1',
      retentionClass: 'payroll',
    });
    const created = new Date(payslip.body.createdAt);
    const until = new Date(payslip.body.retainUntil);
    expect(until.getUTCFullYear() - created.getUTCFullYear()).toBe(10);
    const refused = await owner.json('DELETE', `${base()}/${payslip.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'retention_active',
      retainUntil: payslip.body.retainUntil,
      retentionClass: 'payroll',
    });

    const temp = await upload(owner, owner.tenant.slug, { bytes: PDF, entityId: 't1', retentionClass: 'temp' });
    expect((await owner.json('DELETE', `${base()}/${temp.body.id}`)).status).toBe(409);
    offsetMs = 4 * DAY;
    try {
      expect((await owner.json('DELETE', `${base()}/${temp.body.id}`)).status).toBe(200);
      expect((await owner.json('DELETE', `${base()}/${payslip.body.id}`)).status).toBe(409);
    } finally {
      offsetMs = 0;
    }
  });

  it('applies a rule added later, and shortening a rule does not release files early', async () => {
    const late = await upload(owner, owner.tenant.slug, { bytes: PDF, entityId: 'late', retentionClass: 'contracts' });
    expect(late.body.retainUntil).toBeNull();
    const keep = await upload(owner, owner.tenant.slug, { bytes: PDF, entityId: 'keep', retentionClass: 'temp' });
    expect(
      (await owner.json('PUT', `${base()}/retention`, { rules: [{ retentionClass: 'contracts', days: 5 }] })).status,
    ).toBe(200);
    const refused = await owner.json('DELETE', `${base()}/${late.body.id}`);
    expect(refused.status).toBe(409);
    // `temp` no longer has a rule, but the file keeps the 3 days it was stored under.
    expect((await owner.json('DELETE', `${base()}/${keep.body.id}`)).status).toBe(409);
    expect((await owner.json('GET', `${base()}/${keep.body.id}`)).body.retainUntil).toBe(keep.body.retainUntil);
  });

  it('validates rules', async () => {
    const bad = async (rules: unknown) => (await owner.json('PUT', `${base()}/retention`, { rules })).status;
    expect(await bad([{ retentionClass: 'x' }])).toBe(400);
    expect(await bad([{ retentionClass: 'x', years: -1 }])).toBe(400);
    expect(await bad([{ retentionClass: 'x', years: 1.5 }])).toBe(400);
    expect(await bad([{ retentionClass: 'Bad', years: 1 }])).toBe(400);
    expect(
      await bad([
        { retentionClass: 'x', years: 1 },
        { retentionClass: 'x', days: 1 },
      ]),
    ).toBe(400);
    const reader = (
      await owner.json('POST', `/api/t/${owner.tenant.slug}/tokens`, {
        name: newId(),
        permissions: ['tenant.records.read'],
      })
    ).body.token;
    expect((await send(reader, 'PUT', `${base()}/retention`, { rules: [] })).status).toBe(403);
  });
});

describe('junk input', () => {
  const junk = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('\u0000', 'a'.repeat(5000), '../../x', 'hr.employee', 'emp-1', 'payroll', 'true', '💥', ''),
  );
  it('never answers 5xx to any upload or query', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ entityType: junk, entityId: junk, retentionClass: junk, sensitive: junk, filename: junk }),
        fc.uint8Array({ maxLength: 64 }),
        async (fields, bytes) => {
          const fd = new FormData();
          fd.set('file', new File([bytes], fields.filename));
          for (const k of ['entityType', 'entityId', 'retentionClass', 'sensitive'] as const) fd.set(k, fields[k]);
          const up = await send(owner, 'POST', base(), fd);
          expect([201, 400]).toContain(up.status);
          const q = new URLSearchParams({ entityType: fields.entityType, entityId: fields.entityId });
          const list = await send(owner, 'GET', `${base()}?${q}`);
          expect([200, 400, 404]).toContain(list.status);
          const audit = await send(
            owner,
            'GET',
            `/api/t/${owner.tenant.slug}/audit?${new URLSearchParams({ action: fields.entityId, cursor: fields.sensitive, entityType: fields.entityType })}`,
          );
          expect([200, 400]).toContain(audit.status);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('OpenAPI', () => {
  it('publishes the records, audit and event routes with their permissions', async () => {
    const res = await t.app.request(`${t.origin}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(doc.paths['/api/t/{tenant}/records']?.post?.['x-permission']).toBe('tenant.records.manage');
    expect(doc.paths['/api/t/{tenant}/records/{id}']?.delete?.['x-permission']).toBe('tenant.records.manage');
    expect(doc.paths['/api/t/{tenant}/audit']?.get?.['x-permission']).toBe('tenant.audit.read');
    expect(doc.paths['/api/t/{tenant}/events/dead-letters/{id}/retry']?.post?.['x-permission']).toBe(
      'tenant.events.manage',
    );
  });
});
