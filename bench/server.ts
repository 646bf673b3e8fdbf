import { type BureauPlugin, connect, createBureau, loadConfig } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * The benchmarked server: the Bureau app with the installed plugins on PORT, and on BARE_PORT a bare
 * Hono route running the members list's SQL on the same pg pool (the floor the app is compared to).
 * BENCH_EXTRA_PLUGINS: comma-separated module paths of plugins to add (to measure one not installed yet).
 */

const config = loadConfig();
const extra: BureauPlugin<string, any>[] = [];
for (const path of (process.env.BENCH_EXTRA_PLUGINS ?? '').split(',').filter(Boolean)) {
  extra.push((await import(path)).default);
}
const plugins = [...installedPlugins, ...extra.filter((p) => !installedPlugins.some((i) => i.id === p.id))];
const database = await connect({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir ?? undefined,
  poolSize: Number(process.env.BENCH_POOL ?? 10),
});
// A client that loses its server mid-transaction must not end the process.
database.pool?.on('connect', (client) => client.on('error', () => {}));
const bureau = await createBureau({ config, database, plugins });

const servers = [serve({ fetch: bureau.app.fetch, port: config.port, hostname: '127.0.0.1' })];

const bareMembersSql = `select m.id, m.user_id, u.email, u.name, m.role, m.created_at
  from core.memberships m join core.users u on u.id = m.user_id
 where m.tenant_id = $1 order by m.created_at`;

const bare = new Hono().get('/bare/members/:tenantId', async (c) => {
  const pool = database.pool;
  if (!pool) return c.json({ error: 'no pool' }, 500);
  const { rows } = await pool.query(bareMembersSql, [c.req.param('tenantId')]);
  return c.json({
    members: rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      email: r.email,
      name: r.name,
      role: r.role,
      since: new Date(r.created_at).toISOString(),
    })),
  });
});
if (process.env.BARE_PORT && database.pool) {
  servers.push(serve({ fetch: bare.fetch, port: Number(process.env.BARE_PORT), hostname: '127.0.0.1' }));
}

console.log(`bench server ready on 127.0.0.1:${config.port} (${plugins.map((p) => p.id).join(', ') || 'no plugins'})`);

async function stop() {
  for (const s of servers) s.close();
  await bureau.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
