import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startThrowawayPostgres } from '../tests/support/postgres.ts';
import {
  enableModulesOver,
  HttpClient,
  publishModulesOver,
  signupOver,
  startServer,
} from '../tests/support/server-process.ts';
import { itBench } from './it.ts';
import { cloneTenant, type LoadFigures, load, median, percentile, tenantWithMembers, timed } from './lib.ts';
import { providerQueueBench, publishLab, worksheetBench } from './medical.ts';
import { ordersBench } from './orders.ts';
import { payrollBench } from './payroll.ts';

/**
 * `pnpm bench` (issue 8): its own PostgreSQL 15 on 127.0.0.1, the server as a child process, load
 * from autocannon in this process; prints a table and writes bench/report.json. Figures only: no
 * assertion on absolute times. BENCH_SECONDS sets each load run (default 10 s), BENCH_ROUNDS how many
 * runs per figure (default 3, the best counts), BENCH_LINES and BENCH_TENANTS the data sizes.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Load runs per figure; the best counts (least disturbed by other work on the machine). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const best = (runs: LoadFigures[]) => runs.reduce((a, b) => (b.requestsPerSec > a.requestsPerSec ? b : a));
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000);
const SERVER = new URL('./server.ts', import.meta.url).pathname;
const OPERATOR = 'operator@bench.test';
const report: Record<string, any> = { startedAt: new Date().toISOString() };
const gaps: string[] = [];
const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  let pgVersion = '';
  try {
    pgVersion = execFileSync('/usr/lib/postgresql/15/bin/postgres', ['--version']).toString().trim();
  } catch {}
  return {
    cpu,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    freeMemoryGb: Math.round(freemem() / 1024 ** 3),
    node: process.version,
    postgres: pgVersion,
    platform: `${process.platform} ${process.arch}`,
    // Other work on the machine skews every figure: the 1-minute load average when the bench started.
    loadAverageAtStart: Number(loadavg()[0]?.toFixed(2)),
  };
}

/** BENCH_ONLY=overhead,pglite runs just those sections (quick before/after comparisons). */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);

async function section(name: string, fn: () => Promise<void>) {
  if (ONLY.length && !ONLY.includes(name.replace(/ /g, '-'))) return;
  try {
    await fn();
  } catch (err) {
    const msg = `${name}: ${(err as Error).message.split('\n')[0]}`;
    gaps.push(msg);
    log(`GAP ${msg}`);
  }
}

const fmt = (f: LoadFigures) =>
  `${f.requestsPerSec} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms${f.non2xx || f.errors ? `, ${f.non2xx} non-2xx, ${f.errors} errors` : ''}`;

async function main() {
  report.machine = machine();
  log(`machine: ${JSON.stringify(report.machine)}`);
  const pgsrv = await startThrowawayPostgres({
    settings: {
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
      shared_buffers: "'512MB'",
      work_mem: "'32MB'",
    },
  });
  report.postgres = {
    url: pgsrv.url.replace(/\/\/[^@]*@/, '//'),
    settings: 'fsync on, synchronous_commit on, shared_buffers 512MB',
  };
  const extra = process.env.BENCH_EXTRA_PLUGINS ? { BENCH_EXTRA_PLUGINS: process.env.BENCH_EXTRA_PLUGINS } : {};
  const barePort = await freePort();
  const server = await startServer(
    {
      DATABASE_URL: pgsrv.url,
      BARE_PORT: String(barePort),
      BUREAU_OPERATORS: OPERATOR,
      LOG_LEVEL: 'silent',
      BUREAU_SERVER_TIMING: '1',
      ...extra,
    },
    undefined,
    SERVER,
  );
  try {
    const doc = (await (await fetch(`${server.origin}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const hasAccounting = !!doc.paths['/api/t/{tenant}/accounting/reports/trial-balance'];
    const hasMedical = !!doc.paths['/api/t/{tenant}/medical/results'];
    const hasHr = !!doc.paths['/api/t/{tenant}/hr/payroll/runs'];
    const operator = new HttpClient(server.origin);
    await signupOver(operator, { email: OPERATOR, slug: 'bench-operator' });
    if (hasAccounting) await publishModulesOver(operator, ['accounting']);

    // (a) overhead ratio, with 10 tenants holding the same data.
    log('seeding the template tenant (owner + 4 members) and 9 copies');
    const tpl = await tenantWithMembers(server.origin, 'bench-template', 4);
    await cloneTenant(pgsrv.url, tpl.tenantId, 9, 'bench-a');
    const appUrl = `${server.origin}/api/t/${tpl.slug}/members`;
    const bareUrl = `http://127.0.0.1:${barePort}/bare/members/${tpl.tenantId}`;
    const headers = { cookie: tpl.http.cookie };
    await section('overhead', async () => {
      await load(appUrl, headers, 2); // warm-up
      await load(bareUrl, {}, 2);
      // Rounds alternate, so other work on the machine hits both alike; the best round of each counts.
      const apps: LoadFigures[] = [];
      const bares: LoadFigures[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        apps.push(await load(appUrl, headers, SECONDS));
        bares.push(await load(bareUrl, {}, SECONDS));
      }
      const app = best(apps);
      const bare = best(bares);
      report.overhead = {
        endpoint: 'GET /api/t/:tenant/members (session, tenant transaction with RLS, permission check)',
        bareDescription: 'Hono + pg, same SQL, same pool, no auth',
        connections: 50,
        seconds: SECONDS,
        rounds: ROUNDS,
        allRounds: { app: apps.map((f) => f.requestsPerSec), bare: bares.map((f) => f.requestsPerSec) },
        app,
        bare: bare,
        throughputRatio: Number((app.requestsPerSec / bare.requestsPerSec).toFixed(3)),
        p50Ratio: Number((app.p50 / Math.max(bare.p50, 0.001)).toFixed(2)),
        p99Ratio: Number((app.p99 / Math.max(bare.p99, 0.001)).toFixed(2)),
      };
      report.tenantCount = { endpoint: 'GET /api/t/:tenant/members', tenants10: app };
      log(`(a) app ${fmt(app)} | bare ${fmt(bare)}`);
      report.phases = await phaseBreakdown(appUrl, headers, 300);
      log(`(a) phases (median ms, one request at a time): ${JSON.stringify(report.phases)}`);
    });

    // (b) the same with 10,000 tenants.
    await section('tenant count', async () => {
      log(`seeding ${TENANTS - 10} more tenants by SQL`);
      const [ms, res] = await timed(() => cloneTenant(pgsrv.url, tpl.tenantId, TENANTS - 10, 'bench-b'));
      if (res.skipped.length) report.seedSkipped = res.skipped;
      log(`seeded in ${(ms / 1000).toFixed(1)} s`);
      await load(appUrl, headers, 2);
      const rounds: LoadFigures[] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await load(appUrl, headers, SECONDS));
      const many = best(rounds);
      report.tenantCount = {
        ...report.tenantCount,
        [`tenants${TENANTS}`]: many,
        p50Ratio: Number((many.p50 / Math.max(report.tenantCount?.tenants10?.p50 ?? 1, 0.001)).toFixed(2)),
        p99Ratio: Number((many.p99 / Math.max(report.tenantCount?.tenants10?.p99 ?? 1, 0.001)).toFixed(2)),
      };
      log(`(b) ${TENANTS} tenants: ${fmt(many)}`);
    });

    // (c) sign-up → first authenticated request.
    await section('signup', async () => {
      const times: number[] = [];
      for (let i = 0; i < 100; i++) {
        const http = new HttpClient(server.origin);
        const [ms] = await timed(async () => {
          const { slug } = await signupOver(http, { email: `s${i}@signup.bench`, slug: `bench-signup-${i}` });
          const r = await http.send('GET', `/api/t/${slug}/members`);
          if (r.status !== 200) throw new Error(`first request ${r.status}`);
        });
        times.push(ms);
      }
      report.signup = {
        samples: 100,
        tenantsPresent: TENANTS,
        medianMs: Number(median(times).toFixed(1)),
        p95Ms: Number(percentile(times, 95).toFixed(1)),
        note: 'includes argon2id hashing of the password',
      };
      log(`(c) sign-up → first request: median ${report.signup.medianMs} ms, p95 ${report.signup.p95Ms} ms`);
    });

    // (d) accounting reports over 1,000,000 lines of one tenant among 100.
    await section('accounting', async () => {
      if (!hasAccounting) throw new Error('the accounting plugin is not installed in apps/server (installedPlugins)');
      const acc = new HttpClient(server.origin);
      const { tenantId, slug } = await signupOver(acc, { email: 'owner@acc.bench', slug: 'bench-accounting' });
      await enableModulesOver(acc, slug, ['accounting']);
      log('accounting: 99 other tenants with the same chart, then the ledgers by SQL');
      const others = await cloneTenant(pgsrv.url, tenantId, 99, 'bench-acc');
      const [ms] = await timed(async () => {
        await seedLedger(pgsrv.url, tenantId, LINES);
        for (const id of others.ids) await seedLedger(pgsrv.url, id, 2_000);
        const c = new pg.Client({ connectionString: pgsrv.url });
        await c.connect();
        await c.query('analyze');
        await c.end();
      });
      log(`ledgers seeded in ${(ms / 1000).toFixed(1)} s`);
      const reports: Record<string, unknown> = {};
      const cases: [string, string][] = [
        ['trialBalanceYear', 'reports/trial-balance?from=2025-01-01&to=2025-12-31'],
        ['trialBalancePartialMonths', 'reports/trial-balance?from=2025-01-10&to=2025-12-20'],
        ['profitAndLossYear', 'reports/profit-and-loss?from=2025-01-01&to=2025-12-31'],
        ['profitAndLossPartialMonths', 'reports/profit-and-loss?from=2025-01-10&to=2025-12-20'],
        ['balanceSheet', 'reports/balance-sheet?to=2025-12-31'],
      ];
      for (const [name, path] of cases) {
        const times: number[] = [];
        for (let i = 0; i < 7; i++) {
          const [t] = await timed(async () => {
            const r = await acc.send('GET', `/api/t/${slug}/accounting/${path}`, undefined, 120_000);
            if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 200)}`);
          });
          times.push(t);
        }
        reports[name] = { medianMs: Number(median(times.slice(1)).toFixed(1)), firstMs: Number(times[0]?.toFixed(1)) };
      }
      report.accounting = { lines: LINES, tenants: 100, otherTenantsLines: 2_000, reports };
      log(`(d) accounting: ${JSON.stringify(reports)}`);
    });

    // (d) provider console over 200 clients.
    await section('provider console', async () => {
      const prov = new HttpClient(server.origin);
      const { slug } = await signupOver(prov, { email: 'owner@prov.bench', slug: 'bench-provider', kind: 'provider' });
      const modules = hasAccounting ? ['accounting'] : [];
      for (let i = 0; i < 200; i++) {
        const r = await prov.send('POST', `/api/t/${slug}/clients`, {
          newClient: { name: `Client ${i}`, slug: `bench-client-${i}`, ownerEmail: `c${i}@client.bench` },
          modules,
        });
        if (r.status !== 201) throw new Error(`client ${i}: ${r.status} ${r.text.slice(0, 200)}`);
      }
      const times: number[] = [];
      let listed = 0;
      for (let i = 0; i < 21; i++) {
        const [t, r] = await timed(() => prov.send('GET', `/api/providers/${slug}/clients?limit=50`));
        if (r.status !== 200) throw new Error(`console: ${r.status} ${r.text.slice(0, 200)}`);
        listed = r.json.clients.length;
        times.push(t);
      }
      const figures = await load(
        `${server.origin}/api/providers/${slug}/clients?limit=50`,
        { cookie: prov.cookie },
        Math.min(SECONDS, 5),
        10,
      );
      report.providerConsole = {
        clients: 200,
        page: listed,
        medianMs: Number(median(times.slice(1)).toFixed(1)),
        p95Ms: Number(percentile(times.slice(1), 95).toFixed(1)),
        underLoad10Connections: figures,
      };
      log(
        `(d) provider console, 200 clients, first page of ${listed}: median ${report.providerConsole.medianMs} ms; ${fmt(figures)}`,
      );
    });

    // (f) medical lab: a 96-sample worksheet, a provider's release queue over 50 clinics.
    await section('medical', async () => {
      if (!hasMedical) throw new Error('the medical plugin is not installed in apps/server (installedPlugins)');
      await publishLab(operator);
      const worksheet = await worksheetBench(server.origin);
      log(`(f) medical worksheet: ${JSON.stringify(worksheet)}`);
      const providerQueue = await providerQueueBench(server.origin);
      log(`(f) medical provider queue: ${JSON.stringify(providerQueue)}`);
      report.medical = { worksheet, providerQueue };
    });

    // (f2) IT helpdesk: the SLA schedule over 10,000 and 100,000 open tickets; a provider's queue over 50 clients.
    await section('it', async () => {
      report.it = await itBench();
      log(`(f2) it: ${JSON.stringify(report.it)}`);
    });

    // (g) HR payroll: a pay run for 200 and for 2,000 employees; the per-employee cost ratio.
    await section('payroll', async () => {
      if (!hasHr) throw new Error('the hr plugin is not installed in apps/server (installedPlugins)');
      report.payroll = await payrollBench(server.origin, operator);
      log(`(g) payroll: ${JSON.stringify(report.payroll)}`);
    });

    // (h) orders: confirm throughput on one hot product and on 1,000 products, the order list over 100,000 orders.
    await section('orders', async () => {
      report.orders = await ordersBench(server.origin, pgsrv.url, operator, bareUrl, SECONDS);
      log(`(h) orders: ${JSON.stringify(report.orders)}`);
    });
  } finally {
    await server.stop();
    await pgsrv.destroy();
  }

  // (d) web bundle.
  await section('web bundle', async () => {
    const file = new URL('../apps/web/dist/bundle-report.json', import.meta.url).pathname;
    if (!existsSync(file)) {
      log('building the web app for its bundle report');
      execFileSync('pnpm', ['--filter', '@bureau/web', 'build'], { stdio: 'inherit' });
    }
    const b = JSON.parse(await readFile(file, 'utf8'));
    report.webBundle = {
      initialJsGzipKb: b.initialJs?.gzipKb,
      budgetKb: b.budget?.initialJsGzipKb,
      withinBudget: b.initialJs?.withinBudget,
      initialCssGzipKb: b.initialCss ? Number((b.initialCss.gzip / 1024).toFixed(1)) : undefined,
      plugins: b.plugins,
      generatedAt: b.generatedAt,
    };
    log(`(d) web: initial JS ${report.webBundle.initialJsGzipKb} KB gzipped (budget ${report.webBundle.budgetKb} KB)`);
  });

  // (e) embedded PGlite.
  await section('pglite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bureau-bench-pglite-'));
    const s = await startServer(
      {
        BUREAU_DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        ...(process.env.BENCH_EXTRA_PLUGINS ? { BENCH_EXTRA_PLUGINS: process.env.BENCH_EXTRA_PLUGINS } : {}),
      },
      undefined,
      SERVER,
    );
    try {
      const tpl = await tenantWithMembers(s.origin, 'bench-embedded', 4);
      const url = `${s.origin}/api/t/${tpl.slug}/members`;
      await load(url, { cookie: tpl.http.cookie }, 2);
      const rounds: LoadFigures[] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await load(url, { cookie: tpl.http.cookie }, SECONDS));
      const figures = best(rounds);
      report.pglite = { endpoint: 'GET /api/t/:tenant/members', connections: 50, seconds: SECONDS, ...figures };
      log(`(e) embedded PGlite: ${fmt(figures)}`);
    } finally {
      await s.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  report.machine.loadAverageAtEnd = Number(loadavg()[0]?.toFixed(2));
  report.gaps = gaps;
  report.durationSeconds = Math.round((Date.now() - t0) / 1000);
  await writeFile(new URL('./report.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  printTable();
}

/**
 * Where one request's time goes: `n` requests one at a time, each answer's Server-Timing header
 * (BUREAU_SERVER_TIMING=1) read; the median of each phase and the round trips.
 */
async function phaseBreakdown(url: string, headers: Record<string, string>, n: number) {
  const samples = new Map<string, number[]>();
  const roundTrips = new Set<number>();
  for (let i = 0; i < n; i++) {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    for (const part of (res.headers.get('server-timing') ?? '').split(',')) {
      const [name, param] = part.trim().split(';');
      if (!name || !param) continue;
      if (name === 'roundtrips') roundTrips.add(Number(param.replace('desc=', '')));
      else samples.set(name, [...(samples.get(name) ?? []), Number(param.replace('dur=', ''))]);
    }
  }
  const phases: Record<string, number> = {};
  for (const [name, xs] of samples) phases[name] = Number(median(xs).toFixed(2));
  return { requests: n, medianMs: phases, roundTrips: [...roundTrips] };
}

/** `lines` balanced journal lines (two per entry) over 2025 for one tenant, in SQL, with monthly balances. */
async function seedLedger(url: string, tenantId: string, lines: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('begin');
    await c.query('set local session_replication_role = replica');
    const accounts = await c.query<{ id: string; type: string }>(
      `select id, type from accounting.accounts where tenant_id = $1 and active order by code`,
      [tenantId],
    );
    const of = (...types: string[]) => accounts.rows.filter((a) => types.includes(a.type)).map((a) => a.id);
    const debits = of('expense', 'asset');
    const credits = of('income', 'liability');
    if (!debits.length || !credits.length) throw new Error('no accounts to post to');
    const entries = Math.floor(lines / 2);
    const start =
      (
        await c.query<{ n: string }>(
          `select coalesce(max(seq), 0)::text as n from accounting.journal_entries where tenant_id = $1 and fiscal_year = 2025`,
          [tenantId],
        )
      ).rows[0]?.n ?? '0';
    await c.query(
      `insert into accounting.journal_entries (tenant_id, id, fiscal_year, seq, number, date, memo, line_count, total, created_at)
       select $1, gen_random_uuid(), 2025, s + $3::int, 'B2025-' || (s + $3::int), date '2025-01-01' + (s % 365), 'bench', 2,
              100 + (s::bigint * 7919) % 1000000, now()
         from generate_series(1, $2::int) s`,
      [tenantId, entries, start],
    );
    await c.query(
      `insert into accounting.journal_lines (tenant_id, id, entry_id, line_no, date, account_id, debit, credit, currency, amount, rate)
       select e.tenant_id, gen_random_uuid(), e.id, l.n, e.date,
              case when l.n = 1 then ($2::uuid[])[1 + e.seq % cardinality($2::uuid[])]
                   else ($3::uuid[])[1 + e.seq % cardinality($3::uuid[])] end,
              case when l.n = 1 then e.total else 0 end, case when l.n = 2 then e.total else 0 end,
              'CZK', e.total, 1
         from accounting.journal_entries e cross join (values (1), (2)) l(n)
        where e.tenant_id = $1 and e.memo = 'bench' and e.seq > $4::int`,
      [tenantId, debits, credits, start],
    );
    await c.query(`delete from accounting.account_balances where tenant_id = $1`, [tenantId]);
    await c.query(
      `insert into accounting.account_balances (tenant_id, account_id, month, debit, credit)
       select tenant_id, account_id, date_trunc('month', date)::date, sum(debit), sum(credit)
         from accounting.journal_lines where tenant_id = $1 group by 1, 2, 3`,
      [tenantId],
    );
    await c.query('commit');
  } finally {
    await c.end();
  }
}

function printTable() {
  const rows: [string, string][] = [];
  const r = report;
  if (r.overhead) {
    rows.push(['(a) app: members list, 50 conn', fmt(r.overhead.app)]);
    rows.push(['(a) bare Hono + pg, same SQL/pool', fmt(r.overhead.bare)]);
    rows.push([
      '(a) overhead: app/bare throughput',
      `${r.overhead.throughputRatio} (p50 ×${r.overhead.p50Ratio}, p99 ×${r.overhead.p99Ratio})`,
    ]);
  }
  if (r.phases)
    rows.push([
      '(a) phases, median ms, 1 at a time',
      `${Object.entries(r.phases.medianMs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; round trips ${r.phases.roundTrips.join('/')}`,
    ]);
  if (r.tenantCount?.[`tenants${TENANTS}`]) {
    rows.push(['(b) 10 tenants', fmt(r.tenantCount.tenants10)]);
    rows.push([`(b) ${TENANTS} tenants`, fmt(r.tenantCount[`tenants${TENANTS}`])]);
    rows.push(['(b) ratio many/10', `p50 ×${r.tenantCount.p50Ratio}, p99 ×${r.tenantCount.p99Ratio}`]);
  }
  if (r.signup)
    rows.push([
      `(c) sign-up → 1st request (${TENANTS} tenants)`,
      `median ${r.signup.medianMs} ms, p95 ${r.signup.p95Ms} ms`,
    ]);
  if (r.accounting) {
    for (const [k, v] of Object.entries<any>(r.accounting.reports)) {
      rows.push([
        `(d) accounting ${k}, ${r.accounting.lines} lines`,
        `median ${v.medianMs} ms (first ${v.firstMs} ms)`,
      ]);
    }
  }
  if (r.providerConsole)
    rows.push([
      '(d) provider console, 200 clients',
      `median ${r.providerConsole.medianMs} ms, p95 ${r.providerConsole.p95Ms} ms; ${fmt(r.providerConsole.underLoad10Connections)} (10 conn)`,
    ]);
  if (r.webBundle)
    rows.push(['(d) web initial JS (gzip)', `${r.webBundle.initialJsGzipKb} KB of ${r.webBundle.budgetKb} KB budget`]);
  if (r.pglite) rows.push(['(e) embedded PGlite, members list', fmt(r.pglite)]);
  if (r.medical) {
    const w = r.medical.worksheet;
    const q = r.medical.providerQueue;
    rows.push([
      `(f) medical worksheet, ${w.samples} samples`,
      `${w.resultsPerSec} results/s (${w.results} results), median ${w.medianMs} ms, p95 ${w.p95Ms} ms`,
    ]);
    rows.push([
      `(f) provider release queue, ${q.clinics} clinics`,
      `read of ${q.results} results median ${q.queueReadMedianMs} ms; release median ${q.releaseMedianMs} ms, p95 ${q.releaseP95Ms} ms`,
    ]);
  }
  if (r.it) {
    const s = r.it.sla;
    const q = r.it.providerQueue;
    rows.push([
      `(f2) SLA schedule, ${s.tickets.join(' / ')} open tickets`,
      `per 1,000 tickets ${s.perThousandMs[s.tickets[0]]} / ${s.perThousandMs[s.tickets[1]]} ms; ratio ${s.ratio} (limit ${s.ratioLimit})${s.ratio > s.ratioLimit ? ' OVER' : ''}`,
    ]);
    rows.push([
      `(f2) IT provider queue, ${q.clients} clients`,
      `read of ${q.tickets} open tickets median ${q.readMedianMs} ms`,
    ]);
  }
  if (r.payroll) {
    const p = r.payroll;
    rows.push([
      `(g) payroll run, ${p.employees.join(' / ')} employees`,
      `2,000 run ${p.runMs[2000]} ms; per employee ${p.perEmployeeMs[200]} / ${p.perEmployeeMs[2000]} ms; ratio ${p.costRatio} (limit ${p.ratioLimit})${p.costRatio > p.ratioLimit ? ' OVER' : ''}`,
    ]);
  }
  if (r.orders) {
    const o = r.orders;
    const confirm = (f: any) =>
      `${f.perSec} confirms/s, median ${f.medianMs} ms, p95 ${f.p95Ms} ms; ×${f.ratioToBare} bare`;
    rows.push([
      `(h) orders: bare route, ${o.clients} clients`,
      `${o.bareRoute.perSec} req/s, median ${o.bareRoute.medianMs} ms`,
    ]);
    rows.push([`(h) confirm, one hot product`, confirm(o.confirmHotProduct)]);
    rows.push([`(h) confirm, ${o.confirm1000Products.products} products`, confirm(o.confirm1000Products)]);
    rows.push([
      `(h) order list 1st page, ${o.orders} orders`,
      `median ${o.orderListFirstPage.medianMs} ms; ${fmt(o.orderListFirstPage.underLoad)}; ×${o.orderListFirstPage.throughputRatioToBare} bare`,
    ]);
  }
  for (const g of gaps) rows.push(['GAP', g]);
  const w = Math.max(...rows.map(([a]) => a.length));
  console.log(
    `\nBureau bench — ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.machine.postgres}; load average ${r.machine.loadAverageAtStart} → ${r.machine.loadAverageAtEnd}`,
  );
  console.log('-'.repeat(w + 60));
  for (const [a, b] of rows) console.log(`${a.padEnd(w)}  ${b}`);
  console.log(`\nreport: bench/report.json (${report.durationSeconds} s)`);
}

await main();
