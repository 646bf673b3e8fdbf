import { type BureauPlugin, createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fleet from '../fixture-plugin/src/server/index.ts';
import { addMember, createRole, enable } from './helpers.ts';

/**
 * Issue 23, generically: for every installed plugin (and the fleet fixture), for each entity type it
 * declares in `records.entities`, a member lacking the read permission, an API token lacking it,
 * provider staff whose engagement does not cover the module, and everyone once the module is
 * disabled get nothing of its attachments or its audit entries; a reader without the sensitive
 * permission gets nothing of sensitive files; special-category details never reach the audit log.
 * A new department is covered by being installed: nothing here names one.
 */

const plugins: readonly BureauPlugin<string, any>[] = [...installedPlugins, fleet];
const MARK = 'zqxrec';

interface Declared {
  plugin: BureauPlugin<string, any>;
  type: string;
  read: string;
  sensitive: string;
  n: number;
}
const declared: Declared[] = plugins.flatMap((plugin) =>
  Object.entries(plugin.records?.entities ?? {}).map(([type, e]) => ({
    plugin,
    type,
    read: e.read,
    sensitive: e.sensitive,
    n: 0,
  })),
);
declared.forEach((d, i) => {
  d.n = i;
});

let t: TestBureau;
let owner: TestUser;
let slug: string;
let allPermissions: string[];
/** Attachment ids per entity type. */
const files = new Map<string, { plain: string; secret: string }>();

const entityId = (d: Declared) => `${MARK}-entity-${d.n}-e`;
const fileName = (d: Declared, kind: string) => `${MARK}-${kind}-${d.n}-f.txt`;

/** Modules in dependency order, and who requires whom (to disable dependants first). */
const order = (): string[] => t.runtime.plugins.map((p) => p.id);
const dependants = (id: string): string[] => {
  const out = new Set<string>();
  const visit = (m: string) => {
    for (const p of t.runtime.plugins) {
      if ((p.requires ?? []).includes(m) && !out.has(p.id)) {
        out.add(p.id);
        visit(p.id);
      }
    }
  };
  visit(id);
  return [...out];
};

interface Caller {
  label: string;
  get(path: string): Promise<{ status: number; text: string }>;
}

function sessionCaller(user: TestUser, label: string): Caller {
  return {
    label,
    async get(path) {
      const res = await user.request('GET', path);
      return { status: res.status, text: await res.text() };
    },
  };
}

function tokenCaller(token: string, label: string): Caller {
  return {
    label,
    async get(path) {
      const res = await t.app.request(`${t.origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, text: await res.text() };
    },
  };
}

async function token(permissions: string[]): Promise<string> {
  const res = await owner.json('POST', `/api/t/${slug}/tokens`, { name: `t${Math.random()}`, permissions });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

async function upload(d: Declared, kind: 'plain' | 'secret'): Promise<string> {
  const form = new FormData();
  form.set('file', new File([`${MARK} content ${kind} ${d.n}`], fileName(d, kind)));
  form.set('entityType', d.type);
  form.set('entityId', entityId(d));
  form.set('sensitive', String(kind === 'secret'));
  const sent = await t.app.request(`${t.origin}/api/t/${slug}/records`, {
    method: 'POST',
    headers: { origin: t.origin, cookie: owner.cookie },
    body: form,
  });
  const body = (await sent.json()) as { id: string };
  if (sent.status !== 201) throw new Error(`upload to ${d.type}: ${sent.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Every page of the audit log the caller can read, as text. */
async function auditText(caller: Caller): Promise<string> {
  let text = '';
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await caller.get(`/api/t/${slug}/audit?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, `${caller.label}: GET /audit`).toBe(200);
    text += res.text;
    cursor = JSON.parse(res.text).nextCursor;
    if (!cursor) break;
  }
  return text;
}

/** Asserts the caller gets nothing of the entity type's files (404/403 without a trace) nor its audit entries. */
async function seesNothingOf(caller: Caller, d: Declared, audit: string): Promise<void> {
  const f = files.get(d.type);
  if (!f) throw new Error(`no files for ${d.type}`);
  const base = `/api/t/${slug}/records`;
  const paths = [
    `${base}?entityType=${d.type}&entityId=${entityId(d)}`,
    ...[f.plain, f.secret].flatMap((id) => [`${base}/${id}`, `${base}/${id}/content`]),
  ];
  for (const path of paths) {
    const res = await caller.get(path);
    expect([403, 404], `${caller.label}: GET ${path} → ${res.status}`).toContain(res.status);
    expect(res.text, `${caller.label}: GET ${path}`).not.toContain(MARK);
  }
  for (const id of [f.plain, f.secret, entityId(d)])
    expect(audit, `${caller.label}: audit shows ${id}`).not.toContain(id);
  const filtered = await caller.get(`/api/t/${slug}/audit?entityType=${d.type}`);
  expect(JSON.parse(filtered.text).entries, `${caller.label}: audit of ${d.type}`).toEqual([]);
}

/** Audit entries of the module itself (the generic row of its routes, an undeclared entity type). */
const moduleEntries = (m: string) => [m, `${m}.${MARK}_undeclared`];

async function seesNoModuleEntries(caller: Caller, moduleId: string, audit: string): Promise<void> {
  for (const type of moduleEntries(moduleId)) {
    const res = await caller.get(`/api/t/${slug}/audit?entityType=${type}`);
    expect(JSON.parse(res.text).entries, `${caller.label}: audit of ${type}`).toEqual([]);
  }
  expect(audit, `${caller.label}: module entries of ${moduleId}`).not.toContain(`${MARK}-module-${moduleId}`);
}

beforeAll(async () => {
  t = await createTestBureau({ plugins });
  owner = await t.signup();
  slug = owner.tenant.slug;
  for (const id of order()) await enable(owner, id);
  allPermissions = (await owner.json('GET', `/api/t/${slug}/roles`)).body.permissions.map(
    (p: { key: string }) => p.key,
  );
  for (const d of declared) files.set(d.type, { plain: await upload(d, 'plain'), secret: await upload(d, 'secret') });
  await t.inTenant(owner.tenant.id, async (ctx) => {
    for (const p of plugins) {
      for (const type of moduleEntries(p.id)) {
        await ctx.audit({
          action: `${p.id}.probe`,
          entityType: type,
          entityId: null,
          after: { note: `${MARK}-module-${p.id}` },
        });
      }
    }
  });
}, 120_000);
afterAll(() => t?.close());

describe('records declarations', () => {
  it('every installed plugin declares the entity types of its records', () => {
    for (const p of plugins) {
      expect(p.records, `${p.id} declares records`).toBeDefined();
      expect(Object.keys(p.records?.entities ?? {}).length, `${p.id} declares entity types`).toBeGreaterThan(0);
    }
  });

  it('the owner sees every file and its audit entries (the checks below are not vacuous)', async () => {
    const me = sessionCaller(owner, 'owner');
    const audit = await auditText(me);
    for (const d of declared) {
      const list = await me.get(`/api/t/${slug}/records?entityType=${d.type}&entityId=${entityId(d)}`);
      expect(list.status).toBe(200);
      expect(JSON.parse(list.text).records).toHaveLength(2);
      expect(audit).toContain(files.get(d.type)?.secret);
    }
    for (const p of plugins) expect(audit).toContain(`${MARK}-module-${p.id}`);
  });
});

const modules = plugins.map((p) => [p.id, declared.filter((d) => d.plugin.id === p.id)] as const);

describe.each(modules)('attachments and audit entries of %s', (moduleId, types) => {
  it('nothing for a member or a token lacking the read permission, even with every core permission', async () => {
    const reads = [...new Set(types.map((d) => d.read))];
    for (const [i, read] of reads.entries()) {
      const grants = allPermissions.filter((p) => p !== read);
      const key = `no-${moduleId}-${i}`;
      await createRole(owner, key, grants);
      const member = await addMember(t, owner, key);
      for (const caller of [
        sessionCaller(member, `member without ${read}`),
        tokenCaller(await token(grants), `token without ${read}`),
      ]) {
        const audit = await auditText(caller);
        for (const d of types.filter((x) => x.read === read)) await seesNothingOf(caller, d, audit);
        if (types[0]?.plugin.records?.auditRead === read) await seesNoModuleEntries(caller, moduleId, audit);
      }
    }
  });

  it('a reader without the sensitive permission gets plain files only, and nothing of sensitive ones', async () => {
    for (const d of types.filter((x) => x.sensitive !== x.read)) {
      const reader = tokenCaller(
        await token(allPermissions.filter((p) => p !== d.sensitive)),
        `token without ${d.sensitive}`,
      );
      const f = files.get(d.type);
      const list = await reader.get(`/api/t/${slug}/records?entityType=${d.type}&entityId=${entityId(d)}`);
      expect(list.status).toBe(200);
      expect(JSON.parse(list.text).records.map((r: { id: string }) => r.id)).toEqual([f?.plain]);
      for (const path of [`/${f?.secret}`, `/${f?.secret}/content`]) {
        const res = await reader.get(`/api/t/${slug}/records${path}`);
        expect(res.status).toBe(403);
        expect(res.text).not.toContain(MARK);
      }
      expect((await reader.get(`/api/t/${slug}/records/${f?.plain}/content`)).status).toBe(200);
      expect(await auditText(reader)).not.toContain(fileName(d, 'secret'));
    }
  });

  it('nothing for provider staff whose engagement does not cover the module', async () => {
    const admin = await t.signup({ tenant: { kind: 'provider' } });
    const staff = await t.signup();
    const inv = await admin.json('POST', `/api/t/${admin.tenant.slug}/invitations`, {
      email: staff.email,
      role: 'member',
      confirm: true,
    });
    await staff.json('POST', `/api/invitations/${new URL(inv.body.link).searchParams.get('token')}/accept`);
    const team = await admin.json('POST', `/api/t/${admin.tenant.slug}/teams`, { name: 'All hands' });
    await admin.json('PUT', `/api/t/${admin.tenant.slug}/teams/${team.body.id}/members/${staff.userId}`);
    // The fixture is always installed beside the app's plugins, so some other module remains to engage for.
    const others = order().filter((m) => m !== moduleId && !dependants(moduleId).includes(m));
    expect(others.length).toBeGreaterThan(0);
    const engaged = await admin.json('POST', `/api/t/${admin.tenant.slug}/clients`, {
      client: { slug },
      modules: others,
      grants: ['*'],
      teams: [{ teamId: team.body.id, grants: ['*'] }],
    });
    expect(engaged.status).toBe(201);
    const id = engaged.body.engagement.id;
    expect((await owner.json('POST', `/api/t/${slug}/providers/${id}/accept`)).status).toBe(200);
    const caller = sessionCaller({ ...staff, tenant: owner.tenant }, `provider staff outside ${moduleId}`);
    const audit = await auditText(caller);
    for (const d of types) await seesNothingOf(caller, d, audit);
    await seesNoModuleEntries(caller, moduleId, audit);
    // …while the same person does see a covered module's files (the scope, not a blanket refusal, hides them).
    const covered = declared.find((d) => others.includes(d.plugin.id));
    if (covered) {
      const list = await caller.get(`/api/t/${slug}/records?entityType=${covered.type}&entityId=${entityId(covered)}`);
      expect(list.status).toBe(200);
    }
  });

  it('nothing for anyone, the owner included, once the module is disabled; all back on enabling', async () => {
    const off = [...dependants(moduleId).reverse(), moduleId];
    for (const m of off) expect((await owner.json('DELETE', `/api/t/${slug}/modules/${m}`)).status).toBe(200);
    try {
      const me = sessionCaller(owner, `owner with ${moduleId} disabled`);
      const audit = await auditText(me);
      for (const d of types) await seesNothingOf(me, d, audit);
      await seesNoModuleEntries(me, moduleId, audit);
    } finally {
      for (const m of off.reverse()) await enable(owner, m);
    }
    for (const d of types) {
      const list = await owner.json('GET', `/api/t/${slug}/records?entityType=${d.type}&entityId=${entityId(d)}`);
      expect(list.body.records).toHaveLength(2);
    }
  });
});

describe('special-category data never reaches audit details', () => {
  const special = declared.filter(
    (d) => d.plugin.records?.specialCategory || d.plugin.records?.entities[d.type]?.specialCategory,
  );

  it('at least one installed entity type is special-category (the fixture declares fleet.driver)', () => {
    expect(special.length).toBeGreaterThan(0);
  });

  it.each(special.map((d) => [d.type, d] as const))('%s keeps ids and changed field names only', async (type) => {
    const secret = `${MARK}-value-${Math.random().toString(36).slice(2)}`;
    await t.inTenant(owner.tenant.id, (ctx) =>
      ctx.audit({
        action: `${type}.changed`,
        entityType: type,
        entityId: 'subject-1',
        before: { id: 'subject-1', birthNumber: `${secret}-a`, salary: `${secret}-b`, note: 'same' },
        after: { id: 'subject-1', birthNumber: `${secret}-c`, salary: `${secret}-b`, note: 'same' },
      }),
    );
    const stored = await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['before', 'after'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('entity_type', '=', type)
      .where('entity_id', '=', 'subject-1')
      .execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const res = await owner.json('GET', `/api/t/${slug}/audit?entityType=${type}&entityId=subject-1`);
    expect(res.body.entries[0].changes).toEqual(['birthNumber']);
  });
});
