import { readFile, writeFile } from 'node:fs/promises';
import { startThrowawayPostgres } from '../tests/support/postgres.ts';
import {
  enableModulesOver,
  HttpClient,
  publishModulesOver,
  signupOver,
  startServer,
} from '../tests/support/server-process.ts';
import { percentile } from './lib.ts';

/**
 * `pnpm soak` (issue 8, not in CI): SOAK_MINUTES (default 10) of mixed traffic against the server on
 * its own PostgreSQL on 127.0.0.1; reports the error count, p99 per minute (drift = last / first)
 * and the server's RSS growth (also written to bench/report.json under `soak`). Bounded: stops by
 * itself; loopback only.
 */

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 16);
const SERVER = new URL('./server.ts', import.meta.url).pathname;
const OPERATOR = 'operator@soak.test';

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main() {
  const pgsrv = await startThrowawayPostgres({ settings: { fsync: 'on', synchronous_commit: 'on' } });
  const extra = process.env.BENCH_EXTRA_PLUGINS ? { BENCH_EXTRA_PLUGINS: process.env.BENCH_EXTRA_PLUGINS } : {};
  const server = await startServer(
    { DATABASE_URL: pgsrv.url, BUREAU_OPERATORS: OPERATOR, LOG_LEVEL: 'error', ...extra },
    undefined,
    SERVER,
  );
  const pid = server.child.pid as number;
  try {
    const doc = (await (await fetch(`${server.origin}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const accounting = !!doc.paths['/api/t/{tenant}/accounting/journal'];
    const operator = new HttpClient(server.origin);
    await signupOver(operator, { email: OPERATOR, slug: 'soak-operator' });
    if (accounting) await publishModulesOver(operator, ['accounting']);
    const owner = new HttpClient(server.origin);
    const { slug } = await signupOver(owner, { email: 'owner@soak.test', slug: 'soak-firm' });
    if (accounting) await enableModulesOver(owner, slug, ['accounting']);
    let debit = '';
    let credit = '';
    if (accounting) {
      const list = (await owner.send('GET', `/api/t/${slug}/accounting/accounts`)).json.accounts as {
        code: string;
        type: string;
        active: boolean;
      }[];
      debit = list.find((a) => a.active && a.type === 'asset')?.code ?? '';
      credit = list.find((a) => a.active && a.type === 'income')?.code ?? '';
    }

    const end = Date.now() + MINUTES * 60_000;
    const minutes: { latencies: number[]; errors: number; requests: number; rss: number }[] = [];
    const errorsByKind = new Map<string, number>();
    let n = 0;
    const bucket = () => {
      const i = Math.floor((Date.now() - (end - MINUTES * 60_000)) / 60_000);
      while (minutes.length <= i) minutes.push({ latencies: [], errors: 0, requests: 0, rss: 0 });
      return minutes[i] as (typeof minutes)[number];
    };
    const mixes: ((i: number) => Promise<{ status: number }>)[] = [
      () => owner.send('GET', `/api/t/${slug}/members`),
      () => owner.send('GET', '/api/me'),
      async (i) => {
        const r = await owner.send('POST', `/api/t/${slug}/roles`, {
          key: `soak${i}`,
          name: `Soak ${i}`,
          permissions: ['tenant.members.read'],
        });
        if (r.status === 201) await owner.send('DELETE', `/api/t/${slug}/roles/${r.json.id}`);
        return r;
      },
      async (i) => {
        const r = await owner.send('POST', `/api/t/${slug}/invitations`, {
          email: `soak${i}@soak.test`,
          confirm: true,
        });
        if (r.status === 201) await owner.send('DELETE', `/api/t/${slug}/invitations/${r.json.id}`);
        return r;
      },
      async (i) =>
        accounting
          ? owner.send('POST', `/api/t/${slug}/accounting/journal`, {
              date: '2026-01-15',
              memo: `soak ${i}`,
              lines: [
                { account: debit, debit: '10.00' },
                { account: credit, credit: '10.00' },
              ],
            })
          : owner.send('GET', `/api/t/${slug}/audit?limit=20`),
      () =>
        accounting
          ? owner.send('GET', `/api/t/${slug}/accounting/reports/trial-balance?from=2026-01-01&to=2026-12-31`)
          : owner.send('GET', `/api/t/${slug}/roles`),
    ];
    const sampler = setInterval(() => {
      void rssMb(pid).then((mb) => {
        bucket().rss = Math.max(bucket().rss, mb);
      });
    }, 5_000);
    const workers = Array.from({ length: WORKERS }, async () => {
      while (Date.now() < end) {
        const i = n++;
        const b = bucket();
        const t0 = performance.now();
        try {
          const r = await (mixes[i % mixes.length] as (i: number) => Promise<{ status: number }>)(i);
          if (r.status >= 400) {
            b.errors++;
            errorsByKind.set(String(r.status), (errorsByKind.get(String(r.status)) ?? 0) + 1);
          }
        } catch (err) {
          b.errors++;
          errorsByKind.set(String(err).slice(0, 60), (errorsByKind.get(String(err).slice(0, 60)) ?? 0) + 1);
        }
        b.latencies.push(performance.now() - t0);
        b.requests++;
      }
    });
    const ticker = setInterval(() => {
      // The minute that just ended (the ticker fires on the boundary).
      const m = minutes[Math.round((Date.now() - (end - MINUTES * 60_000)) / 60_000) - 1];
      if (m)
        console.log(
          `minute ${minutes.indexOf(m) + 1}: ${m.requests} requests, p99 ${percentile(m.latencies, 99).toFixed(0)} ms, ${m.errors} errors, RSS ${m.rss} MB`,
        );
    }, 60_000);
    await Promise.all(workers);
    clearInterval(sampler);
    clearInterval(ticker);
    const full = minutes.filter((m) => m.requests > 0);
    const first = full[0];
    const last = full.at(-1);
    const result = {
      minutes: MINUTES,
      workers: WORKERS,
      requests: full.reduce((a, m) => a + m.requests, 0),
      errors: full.reduce((a, m) => a + m.errors, 0),
      errorsByKind: Object.fromEntries(errorsByKind),
      p99PerMinuteMs: full.map((m) => Math.round(percentile(m.latencies, 99))),
      p99Drift:
        first && last ? Number((percentile(last.latencies, 99) / percentile(first.latencies, 99)).toFixed(2)) : null,
      rssPerMinuteMb: full.map((m) => m.rss),
      rssGrowthMb: first && last ? last.rss - first.rss : null,
    };
    console.log(JSON.stringify(result, null, 2));
    // Kept beside the bench figures in bench/report.json (gitignored), under "soak".
    const file = new URL('./report.json', import.meta.url);
    const prior = await readFile(file, 'utf8').then(
      (t) => JSON.parse(t) as Record<string, unknown>,
      () => ({}),
    );
    await writeFile(
      file,
      `${JSON.stringify({ ...prior, soak: { at: new Date().toISOString(), ...result } }, null, 2)}\n`,
    );
  } finally {
    await server.stop();
    await pgsrv.destroy();
  }
}

await main();
