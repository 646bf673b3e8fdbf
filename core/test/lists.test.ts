/**
 * The standard list query (`listQuery` + `sendList`): search, filters, every sort key in both
 * directions with nulls and ties, keyset paging that neither skips nor repeats a row, CSV/XLSX export
 * of the same filter, and clear 400s for bad or forged cursors. A small plugin declares one list route
 * exactly as a department would.
 */
import { Buffer } from 'node:buffer';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestBureau,
  definePlugin,
  defineRoute,
  enableTenantRls,
  listQuery,
  listResponse,
  newId,
  problemResponses,
  sendList,
  type TestBureau,
  type TestUser,
  z,
} from '../src/index.ts';

interface Thing {
  id: string;
  name: string;
  color: string | null;
  size: string;
  madeOn: string | null;
  createdAt: string;
}

const ThingSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string().nullable(),
  size: z.string(),
  madeOn: z.string().nullable(),
  createdAt: z.string(),
});

const ThingQuery = listQuery({
  sort: ['name', 'color', 'size', 'madeOn', 'createdAt'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: { color: z.string().optional() },
});

const kit = definePlugin({
  id: 'kit',
  version: '1.0.0',
  title: { en: 'Kit', cs: 'Kit' },
  description: { en: 'List test', cs: 'Test seznamu' },
  permissions: { 'kit.read': { en: 'Read', cs: 'Číst' } },
  memberPermissions: ['kit.read'],
  migrations: {
    '0001_init': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('kit.things')
          .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
          .addColumn('id', 'uuid', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('color', 'text')
          .addColumn('size', 'numeric', (c) => c.notNull())
          .addColumn('made_on', 'date')
          .addColumn('created_at', 'timestamptz', (c) => c.notNull())
          .addPrimaryKeyConstraint('things_pkey', ['tenant_id', 'id'])
          .execute();
        await enableTenantRls(db, 'kit.things');
      },
    },
  },
  routes: (r) =>
    r.openapi(
      defineRoute({
        method: 'get',
        path: '/things',
        permission: 'kit.read',
        request: { query: ThingQuery },
        responses: { 200: listResponse(ThingSchema), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        let query = c.var.db.selectFrom('kit.things as t').selectAll('t').where('t.tenant_id', '=', c.var.tenant.id);
        if (q.color) query = query.where('t.color', '=', q.color);
        return sendList(
          c,
          q,
          query,
          {
            sort: { name: 't.name', color: 't.color', size: 't.size', madeOn: 't.made_on', createdAt: 't.created_at' },
            id: 't.id',
            search: ['t.name', 't.color'],
          },
          (r): Thing => ({
            id: r.id,
            name: r.name,
            color: r.color,
            size: String(r.size),
            madeOn:
              r.made_on === null
                ? null
                : String(r.made_on instanceof Date ? r.made_on.toISOString().slice(0, 10) : r.made_on),
            createdAt: new Date(r.created_at).toISOString(),
          }),
          {
            filename: 'things',
            title: { en: 'Things', cs: 'Věci' },
            columns: [
              { header: { en: 'Name', cs: 'Název' }, value: (t) => t.name },
              { header: { en: 'Colour', cs: 'Barva' }, value: (t) => t.color },
              { header: { en: 'Size', cs: 'Velikost' }, value: (t) => t.size, amount: true },
            ],
          },
        );
      },
    ),
});

let t: TestBureau;
let owner: TestUser;
let other: TestUser;
const things: Thing[] = [];
const colors = ['red', 'green', null, 'blue', 'red'];

beforeAll(async () => {
  t = await createTestBureau({ plugins: [kit] });
  owner = await t.signup();
  other = await t.signup();
  await t.enableModule(owner, 'kit');
  await t.enableModule(other, 'kit');
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 37; i++) {
    const thing: Thing = {
      id: newId(),
      // Ties on purpose: names repeat, so the id must break them.
      name: `Thing ${String.fromCharCode(65 + (i % 9))}${i % 4 === 0 ? ' Žluťoučký' : ''}`,
      color: colors[i % colors.length] ?? null,
      size: (((i * 7) % 13) + 0.25).toFixed(2),
      madeOn: i % 6 === 0 ? null : `2026-0${1 + (i % 9)}-1${i % 10}`,
      createdAt: new Date(base + (i % 11) * 3_600_000).toISOString(),
    };
    things.push(thing);
  }
  await t.runtime.db
    .insertInto('kit.things')
    .values(
      things.map((x) => ({
        tenant_id: owner.tenant.id,
        id: x.id,
        name: x.name,
        color: x.color,
        size: x.size,
        made_on: x.madeOn,
        created_at: x.createdAt,
      })),
    )
    .execute();
  await t.runtime.db
    .insertInto('kit.things')
    .values({ tenant_id: other.tenant.id, id: newId(), name: 'Foreign', size: '1', created_at: new Date() })
    .execute();
});

afterAll(async () => {
  await t?.close();
});

const url = (u: TestUser, query: Record<string, string | number>) =>
  `/api/t/${u.tenant.slug}/kit/things?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`;

async function pageThrough(query: Record<string, string | number>): Promise<Thing[]> {
  const seen: Thing[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 50; n++) {
    const res: { status: number; body: { items: Thing[]; nextCursor: string | null } } = await owner.json(
      'GET',
      url(owner, { ...query, ...(cursor ? { cursor } : {}) }),
    );
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('did not end');
}

const keyOf: Record<string, (x: Thing) => string | number | null> = {
  name: (x) => x.name,
  color: (x) => x.color,
  size: (x) => Number(x.size),
  madeOn: (x) => x.madeOn,
  createdAt: (x) => x.createdAt,
};

/** The order the database should give: by key with nulls last, then by id, both in the direction. */
function expected(sort: string, dir: 'asc' | 'desc', rows = things): string[] {
  const key = keyOf[sort] as (x: Thing) => string | number | null;
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0;
  return [...rows]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === null && kb !== null) return 1;
      if (kb === null && ka !== null) return -1;
      if (ka !== null && kb !== null && ka !== kb) {
        // Text sorts by the database collation; compare only keys the test data keeps unambiguous.
        return sign * cmp(ka, kb);
      }
      return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    })
    .map((x) => x.id);
}

describe('list query', () => {
  it('pages through every sort key in both directions without skipping or repeating a row', async () => {
    for (const sort of ['color', 'size', 'madeOn', 'createdAt']) {
      for (const dir of ['asc', 'desc'] as const) {
        const ids = (await pageThrough({ sort, dir, limit: 7 })).map((x) => x.id);
        expect(ids, `${sort} ${dir}`).toEqual(expected(sort, dir));
      }
    }
    // Names: same set and each id once (collation decides the order of accented names).
    const byName = await pageThrough({ sort: 'name', dir: 'asc', limit: 5 });
    expect(new Set(byName.map((x) => x.id)).size).toBe(things.length);
  });

  it('defaults to the declared sort and limit and never shows another tenant', async () => {
    const res = await owner.json('GET', url(owner, {}));
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: Thing) => x.id)).toEqual(expected('createdAt', 'desc').slice(0, 37));
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.some((x: Thing) => x.name === 'Foreign')).toBe(false);
  });

  it('searches every word across the searched columns, case- and wildcard-safe, with filters', async () => {
    const all = await pageThrough({ q: 'žluťoučký thing', limit: 100 });
    expect(all.length).toBe(things.filter((x) => x.name.includes('Žluťoučký')).length);
    const red = await pageThrough({ q: 'RED', limit: 100 });
    expect(red.length).toBe(things.filter((x) => x.color === 'red').length);
    expect((await pageThrough({ q: '%', limit: 100 })).length).toBe(0);
    const filtered = await pageThrough({ color: 'blue', limit: 3 });
    expect(filtered.map((x) => x.id).sort()).toEqual(
      things
        .filter((x) => x.color === 'blue')
        .map((x) => x.id)
        .sort(),
    );
  });

  it('exports the same filter as CSV and XLSX with headers in the asked language', async () => {
    const csv = await owner.request(
      'GET',
      url(owner, { format: 'csv', color: 'red', sort: 'size', dir: 'asc', lang: 'cs' }),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/filename="things-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('Název,Barva,Velikost');
    const reds = things.filter((x) => x.color === 'red');
    expect(lines.length).toBe(reds.length + 1);
    const sizes = lines.slice(1).map((l) => Number(l.split(',')[2]));
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));

    const xlsx = await owner.request('GET', url(owner, { format: 'xlsx', lang: 'en' }));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad input with 400 and a code, never a 500', async () => {
    const bad = async (query: Record<string, string | number>, code: string) => {
      const res = await owner.json('GET', url(owner, query));
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.code).toBe(code);
    };
    await bad({ sort: 'nope' }, 'invalid_input');
    await bad({ limit: 0 }, 'invalid_input');
    await bad({ limit: 1000 }, 'invalid_input');
    await bad({ format: 'pdf' }, 'invalid_input');
    await bad({ cursor: 'garbage!' }, 'invalid_cursor');
    const first = await owner.json('GET', url(owner, { sort: 'size', dir: 'asc', limit: 2 }));
    await bad({ sort: 'name', dir: 'asc', cursor: first.body.nextCursor }, 'invalid_cursor');
    await bad({ sort: 'size', dir: 'desc', cursor: first.body.nextCursor }, 'invalid_cursor');
    const forge = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
    await bad({ sort: 'size', dir: 'asc', cursor: forge(['size', 'asc', 'not a number', newId()]) }, 'invalid_cursor');
    await bad(
      { sort: 'madeOn', dir: 'asc', cursor: forge(['madeOn', 'asc', '2026-13-45', newId()]) },
      'invalid_cursor',
    );
    await bad({ sort: 'size', dir: 'asc', cursor: forge(['size', 'asc', '1', "x' or 1=1"]) }, 'invalid_cursor');
  });

  it('keeps paging stable when rows are added before the cursor', async () => {
    const first = await owner.json('GET', url(owner, { sort: 'createdAt', dir: 'asc', limit: 10 }));
    await t.runtime.db
      .insertInto('kit.things')
      .values({ tenant_id: owner.tenant.id, id: newId(), name: 'Early', size: '1', created_at: sql`'2020-01-01'` })
      .execute();
    const second = await owner.json(
      'GET',
      url(owner, { sort: 'createdAt', dir: 'asc', limit: 10, cursor: first.body.nextCursor }),
    );
    expect(second.body.items.map((x: Thing) => x.id)).toEqual(expected('createdAt', 'asc').slice(10, 20));
  });
});
