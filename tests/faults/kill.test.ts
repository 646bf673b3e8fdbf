import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBureau, testConfig } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../support/openapi.ts';
import {
  enableModulesOver,
  HttpClient,
  publishModulesOver,
  type ServerProcess,
  signupOver,
  startServer,
} from '../support/server-process.ts';

/**
 * kill -9 of the real server during concurrent writes (issue 8): every acknowledged write is there
 * after a restart, none is half-written (every journal entry balances), and every event committed
 * with a write is delivered once. The server runs on DATABASE_URL's server (a fresh database) or on
 * a PGlite data directory. FAULT_SCALE=full (pnpm test:faults) sends 500 concurrent writes; CI's short form 120.
 */

const FULL = process.env.FAULT_SCALE === 'full';
const WRITES = FULL ? 500 : 120;
// Every write in flight at once: the kill lands among hundreds of open transactions.
const CONCURRENCY = WRITES;
/** Kill once this many writes were acknowledged. */
const KILL_AFTER = Math.floor(WRITES * 0.4);
const OPERATOR = 'operator@faults.test';

let env: Record<string, string> = {};
let cleanup: () => Promise<void> = async () => {};
let server: ServerProcess | null = null;

beforeAll(async () => {
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `bureau_faults_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'bureau-faults-'));
    env = { BUREAU_DATA_DIR: dir, BUREAU_STORAGE_DIR: join(dir, 'files') };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  env.BUREAU_OPERATORS = OPERATOR;
}, 120_000);

afterAll(async () => {
  await server?.crash();
  await cleanup();
});

interface Write {
  kind: 'journal' | 'invitation' | 'role';
  id: string;
  /** For journal entries: the amount both sides carry, minor units. */
  amount?: number;
}

describe('kill -9 during concurrent writes', () => {
  it(`keeps every acknowledged write of ${WRITES}, whole, and delivers each event once`, async () => {
    server = await startServer(env);
    const doc = parseDocument((await (await fetch(`${server.origin}/api/openapi.json`)).json()) as Record<string, any>);
    const journal = doc.operations.some((o) => o.key === 'POST /api/t/{tenant}/accounting/journal');
    const modules = journal ? ['accounting'] : [];

    const operator = new HttpClient(server.origin);
    await signupOver(operator, { email: OPERATOR, slug: 'faults-operator' });
    await publishModulesOver(operator, modules);
    const owner = new HttpClient(server.origin);
    const { slug, tenantId } = await signupOver(owner, { email: 'owner@faults.test', slug: 'faults-firm' });
    await enableModulesOver(owner, slug, modules);

    let debit = '';
    let credit = '';
    if (journal) {
      const accounts = (await owner.send('GET', `/api/t/${slug}/accounting/accounts`)).json.accounts as {
        code: string;
        type: string;
        active: boolean;
        parent: string | null;
      }[];
      // Only analytic (leaf) accounts take postings; a group account is refused with not_postable.
      const parents = new Set(accounts.map((a) => a.parent));
      const leaf = (type: string) => accounts.find((a) => a.active && a.type === type && !parents.has(a.code))?.code;
      debit = leaf('asset') ?? '';
      credit = leaf('income') ?? '';
      expect(debit && credit).toBeTruthy();
    }

    const acked: Write[] = [];
    let sent = 0;
    let killed = false;
    const send = async (i: number): Promise<void> => {
      try {
        if (journal) {
          const amount = 100 + ((i * 7919) % 100_000);
          const value = (amount / 100).toFixed(2);
          const r = await owner.send('POST', `/api/t/${slug}/accounting/journal`, {
            date: '2026-01-15',
            memo: `fault ${i}`,
            lines: [
              { account: debit, debit: value },
              { account: credit, credit: value },
            ],
          });
          if (r.status === 201) acked.push({ kind: 'journal', id: r.json.id, amount });
          else if (!killed) throw new Error(`journal ${i}: ${r.status} ${r.text}`);
        } else if (i % 2 === 0) {
          const r = await owner.send('POST', `/api/t/${slug}/invitations`, {
            email: `fault-${i}@faults.test`,
            confirm: true,
          });
          if (r.status === 201) acked.push({ kind: 'invitation', id: r.json.id });
          else if (!killed) throw new Error(`invitation ${i}: ${r.status} ${r.text}`);
        } else {
          const r = await owner.send('POST', `/api/t/${slug}/roles`, {
            key: `fault${i}`,
            name: `Fault ${i}`,
            permissions: ['tenant.members.read'],
          });
          if (r.status === 201) acked.push({ kind: 'role', id: r.json.id });
          else if (!killed) throw new Error(`role ${i}: ${r.status} ${r.text}`);
        }
      } catch (err) {
        // After the kill, connections fail: those writes were never acknowledged.
        if (!killed) throw err;
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (sent < WRITES && !killed) {
        const i = sent++;
        await send(i);
        if (!killed && acked.length >= KILL_AFTER) {
          killed = true;
          await server?.crash();
        }
      }
    });
    await Promise.all(workers);
    expect(killed).toBe(true);
    const ackedCount = acked.length;

    // Restart on the same data; the session lives in the database, so the owner goes on with it.
    server = await startServer(env);
    owner.base = server.origin;
    if (journal) {
      for (const w of acked) {
        const r = await owner.send('GET', `/api/t/${slug}/accounting/journal/${w.id}`);
        expect(r.status, `acknowledged entry ${w.id}`).toBe(200);
      }
    } else {
      const invitations = (await owner.send('GET', `/api/t/${slug}/invitations`)).json.invitations as { id: string }[];
      const roles = (await owner.send('GET', `/api/t/${slug}/roles`)).json;
      const roleIds = new Set(JSON.stringify(roles).match(/[0-9a-f-]{36}/g) ?? []);
      const invIds = new Set(invitations.map((x) => x.id));
      for (const w of acked) expect(w.kind === 'role' ? roleIds.has(w.id) : invIds.has(w.id), w.id).toBe(true);
    }
    // A write carried on after the restart works.
    const after = await owner.send('GET', `/api/t/${slug}/members`);
    expect(after.status).toBe(200);
    await server.stop();
    server = null;

    // Inspect the database itself, then deliver what is pending and check each event ran once.
    const bureau = await createBureau({
      config: testConfig({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.BUREAU_DATA_DIR ?? null,
        storageDir: env.BUREAU_STORAGE_DIR ?? join(tmpdir(), 'bureau-faults-files'),
      }),
      plugins: installedPlugins,
      events: { background: false },
    });
    try {
      const db = bureau.runtime.db;
      if (journal) {
        const unbalanced = await sql<{ entry_id: string }>`
          select entry_id from accounting.journal_lines where tenant_id = ${tenantId}
           group by entry_id having sum(debit) <> sum(credit)`.execute(db);
        expect(unbalanced.rows, 'half-written entries').toEqual([]);
        const lonely = await sql<{ id: string }>`
          select e.id from accounting.journal_entries e where e.tenant_id = ${tenantId}
             and (select count(*) from accounting.journal_lines l where l.tenant_id = e.tenant_id and l.entry_id = e.id) < 2`.execute(
          db,
        );
        expect(lonely.rows, 'entries without their lines').toEqual([]);
        const entries = await sql<{ n: number }>`
          select count(*)::int as n from accounting.journal_entries where tenant_id = ${tenantId}`.execute(db);
        expect(entries.rows[0]?.n).toBeGreaterThanOrEqual(ackedCount);
        expect(entries.rows[0]?.n).toBeLessThanOrEqual(sent);
      }
      // Per acknowledged write, audit rows naming it and events carrying it: the same count for every
      // write of a kind, and never more than one (a write applied twice would show two).
      const perKind = new Map<string, number[]>();
      const auditPerKind = new Map<string, number[]>();
      for (const w of acked) {
        const audit = await sql<{ n: number }>`
          select count(*)::int as n from core.audit_log where tenant_id = ${tenantId} and entity_id = ${w.id}`.execute(
          db,
        );
        auditPerKind.set(w.kind, [...(auditPerKind.get(w.kind) ?? []), audit.rows[0]?.n ?? 0]);
        const events = await sql<{ n: number }>`
          select count(*)::int as n from core.outbox where tenant_id = ${tenantId} and payload::text like ${`%${w.id}%`}`.execute(
          db,
        );
        perKind.set(w.kind, [...(perKind.get(w.kind) ?? []), events.rows[0]?.n ?? 0]);
      }
      for (const [kind, counts] of auditPerKind) {
        expect(new Set(counts).size, `audit rows per ${kind} vary: ${[...new Set(counts)]}`).toBe(1);
        expect(counts[0], `audit rows per ${kind}`).toBeLessThanOrEqual(1);
      }
      for (const [kind, counts] of perKind) {
        expect(new Set(counts).size, `events per ${kind} vary: ${[...new Set(counts)]}`).toBe(1);
        expect(counts[0], `events per ${kind}`).toBeLessThanOrEqual(1);
      }
      // Deliveries the killed server had in hand stay active until pg-boss expires them (their
      // expireInSeconds) and are retried then (core/test/events-crash.test.ts); everything else runs now.
      await bureau.events.drain({ includeDelayed: false, timeoutMs: 60_000 });
      const pending = await sql<{ n: number }>`
        select count(*)::int as n from core.outbox where tenant_id = ${tenantId} and dispatched_at is null`.execute(db);
      expect(pending.rows[0]?.n, 'events never dispatched').toBe(0);
      const twice = await sql<{ n: number }>`
        select count(*)::int as n from (select event_id, handler from core.processed_events
          where tenant_id = ${tenantId} group by 1, 2 having count(*) > 1) d`.execute(db);
      expect(twice.rows[0]?.n, 'events applied twice').toBe(0);
      console.log(
        `faults/kill: ${sent} writes sent, ${ackedCount} acknowledged before kill -9 (${journal ? 'journal entries' : 'invitations and roles'}), all present and whole after restart (${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
      );
    } finally {
      await bureau.close();
    }
  }, 600_000);
});
