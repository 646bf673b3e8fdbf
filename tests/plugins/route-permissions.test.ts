import { type BureauPlugin, createTestBureau, definePlugin, json, type TestBureau, z } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedPlugins } from '../../apps/server/src/plugins.ts';
import fleet from '../fixture-plugin/src/server/index.ts';

const READ_METHODS = new Set(['get', 'head', 'options']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Findings {
  /** Mutating plugin routes in the OpenAPI document without `x-permission`. */
  unguarded: string[];
  /** Plugin routes whose `x-permission` no installed plugin (nor core) declares. */
  unknownPermission: string[];
  /** Plugin routes Hono serves that the OpenAPI document does not list (so no permission is declared). */
  undocumented: string[];
  /** How many plugin operations were checked. */
  checked: number;
}

/** Reads the app's OpenAPI document and its registered routes, and reports plugin routes that break the rule. */
async function checkPluginRoutes(t: TestBureau): Promise<Findings> {
  const plugins = t.runtime.plugins;
  const ids = plugins.map((p) => p.id);
  const declared = new Set(plugins.flatMap((p) => Object.keys(p.permissions)));
  const doc = (await (await t.app.request('http://localhost/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-permission'?: unknown }>>;
  };
  const pluginOf = (path: string, tenantParam: string) =>
    ids.find((id) => path === `/api/t/${tenantParam}/${id}` || path.startsWith(`/api/t/${tenantParam}/${id}/`));

  const findings: Findings = { unguarded: [], unknownPermission: [], undocumented: [], checked: 0 };
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!pluginOf(path, '{tenant}')) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.includes(method)) continue;
      findings.checked++;
      const permission = op['x-permission'];
      const name = `${method.toUpperCase()} ${path}`;
      if (typeof permission !== 'string' || !permission) {
        if (!READ_METHODS.has(method)) findings.unguarded.push(name);
        continue;
      }
      if (!declared.has(permission) && !permission.startsWith('tenant.')) findings.unknownPermission.push(name);
    }
  }
  const routes = (t.app as unknown as { routes: { method: string; path: string }[] }).routes;
  for (const r of routes) {
    if (r.method === 'ALL' || !pluginOf(r.path, ':tenant')) continue;
    const openApiPath = r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    if (!doc.paths[openApiPath]?.[r.method.toLowerCase()]) findings.undocumented.push(`${r.method} ${r.path}`);
  }
  findings.undocumented = [...new Set(findings.undocumented)];
  return findings;
}

describe('every plugin route declares its permission', () => {
  let t: TestBureau;
  beforeAll(async () => {
    t = await createTestBureau({ plugins: [...installedPlugins, fleet] });
  });
  afterAll(() => t.close());

  it('holds for apps/server’s installed plugins and the fixture', async () => {
    const f = await checkPluginRoutes(t);
    expect(f.unguarded).toEqual([]);
    expect(f.unknownPermission).toEqual([]);
    expect(f.undocumented).toEqual([]);
    // The fixture alone has three operations; every installed plugin adds its own.
    expect(f.checked).toBeGreaterThanOrEqual(3);
    console.log(`route-permissions: ${f.checked} plugin operations checked across ${t.runtime.plugins.length} plugins`);
  });
});

describe('the check itself', () => {
  /** A plugin breaking the rule three ways. */
  const careless: BureauPlugin<string, any> = definePlugin({
    id: 'careless',
    version: '1.0.0',
    title: { en: 'Careless', cs: 'Nedbalý' },
    description: { en: 'Breaks the rule', cs: 'Porušuje pravidlo' },
    permissions: { 'careless.read': { en: 'Read', cs: 'Číst' } },
    migrations: {},
    routes: (r) => {
      // A plain Hono route: not in the OpenAPI document at all.
      r.put('/raw/:id', (c) => c.json({ ok: true }));
      return r
        .openapi(
          // A route declared without defineRoute: no permission.
          {
            method: 'post',
            path: '/things',
            responses: { 200: json(z.object({ ok: z.boolean() })) },
          },
          (c) => c.json({ ok: true }, 200),
        )
        .openapi(
          // A permission nobody declares.
          {
            method: 'delete',
            path: '/things/{id}',
            request: { params: z.object({ id: z.uuid() }) },
            'x-permission': 'accounting.post',
            responses: { 200: json(z.object({ ok: z.boolean() })) },
          },
          (c) => c.json({ ok: true }, 200),
        );
    },
  });

  let t: TestBureau;
  beforeAll(async () => {
    t = await createTestBureau({ plugins: [careless] });
  });
  afterAll(() => t.close());

  it('reports a mutating route without a permission, an undeclared permission and an undocumented route', async () => {
    const f = await checkPluginRoutes(t);
    expect(f.unguarded).toEqual(['POST /api/t/{tenant}/careless/things']);
    expect(f.unknownPermission).toEqual(['DELETE /api/t/{tenant}/careless/things/{id}']);
    expect(f.undocumented).toEqual(['PUT /api/t/:tenant/careless/raw/:id']);
  });
});
