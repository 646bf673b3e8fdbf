import { afterAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.ts';
import { HttpClient, type HttpReply, type ServerProcess, signupOver, startServer } from '../support/server-process.ts';

/**
 * PostgreSQL stops under load and starts again (issue 8): meanwhile the API answers 503 with
 * application/problem+json, afterwards it recovers without a restart of the server. The test
 * starts its own throwaway PostgreSQL 15 (initdb in a temporary directory, 127.0.0.1 only).
 */

const WORKERS = 8;

let pgsrv: ThrowawayPostgres | null = null;
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.crash();
  await pgsrv?.destroy();
});

/** `straddling`: sent in one phase, answered in another (a request committed just before the stop). */
type Phase = 'before' | 'stopping' | 'down' | 'starting' | 'after' | 'straddling';

describe('PostgreSQL stopped under load', () => {
  it('answers 503 problem+json while the database is down and recovers without a restart', async () => {
    pgsrv = await startThrowawayPostgres();
    server = await startServer({ DATABASE_URL: pgsrv.url });
    const owner = new HttpClient(server.origin);
    const { slug } = await signupOver(owner, { email: 'owner@pgstop.test', slug: 'pgstop-firm' });

    let phase: Phase = 'before';
    let stop = false;
    let n = 0;
    const seen: { phase: Phase; status: number; problem: boolean; code: string | undefined }[] = [];
    const record = (r: HttpReply, sentIn: Phase) =>
      seen.push({
        phase: sentIn === phase ? phase : 'straddling',
        status: r.status,
        problem: r.contentType.startsWith('application/problem+json'),
        code: r.json?.code,
      });
    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      while (!stop) {
        const i = n++;
        const sentIn = phase;
        try {
          const r =
            i % 3 === 0
              ? await owner.send('POST', `/api/t/${slug}/roles`, {
                  key: `r${w}x${i}`,
                  name: `Role ${i}`,
                  permissions: ['tenant.members.read'],
                })
              : await owner.send('GET', `/api/t/${slug}/members`);
          record(r, sentIn);
        } catch (err) {
          seen.push({ phase, status: 0, problem: false, code: String(err).slice(0, 80) });
        }
        if (phase === 'down') await new Promise((r) => setTimeout(r, 20));
      }
    });

    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const countIn = (p: Phase) => seen.filter((s) => s.phase === p).length;
    await wait(1500);
    phase = 'stopping';
    await pgsrv.stop();
    phase = 'down';
    const downStart = Date.now();
    while (countIn('down') < 40 && Date.now() - downStart < 20_000) await wait(50);
    const alive = () => server?.child.exitCode === null && server?.child.signalCode === null;
    expect(alive(), `the server process died while PostgreSQL was down:\n${server.output().slice(-3000)}`).toBe(true);
    const ready = await owner.send('GET', '/readyz');
    phase = 'starting';
    await pgsrv.start();
    phase = 'after';
    // Recovered: 30 answers in a row that succeed, within 60 s.
    const recoverStart = Date.now();
    let recovered = false;
    while (Date.now() - recoverStart < 60_000) {
      const tail = seen.filter((s) => s.phase === 'after').slice(-30);
      if (tail.length === 30 && tail.every((s) => s.status >= 200 && s.status < 300)) {
        recovered = true;
        break;
      }
      await wait(100);
    }
    stop = true;
    await Promise.all(workers);

    const down = seen.filter((s) => s.phase === 'down');
    const summary = (p: Phase) => {
      const m = new Map<string, number>();
      for (const s of seen.filter((x) => x.phase === p)) {
        const k = `${s.status}${s.code ? ` ${s.code}` : ''}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return [...m].map(([k, v]) => `${k}×${v}`).join(', ');
    };
    console.log(
      `faults/postgres-stop: before [${summary('before')}] down [${summary('down')}] after restart [${summary('after')}]; recovered in ${((Date.now() - recoverStart) / 1000).toFixed(1)} s`,
    );
    expect(seen.filter((s) => s.phase === 'before').every((s) => s.status < 300)).toBe(true);
    expect(down.length).toBeGreaterThan(0);
    expect(down.filter((s) => !(s.status === 503 && s.problem && s.code === 'unavailable'))).toEqual([]);
    expect(ready.status).toBe(503);
    expect(ready.contentType).toMatch(/^application\/problem\+json/);
    // No 5xx but 503 at any time, and no lost connection to our own server.
    expect(seen.filter((s) => s.status === 0 || (s.status >= 500 && s.status !== 503))).toEqual([]);
    expect(recovered).toBe(true);
    expect((await owner.send('GET', '/readyz')).status).toBe(200);
  }, 300_000);
});
