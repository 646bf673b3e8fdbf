import { enableModulesOver, HttpClient, publishModulesOver, signupOver } from '../tests/support/server-process.ts';
import { median, percentile, timed } from './lib.ts';

/**
 * The medical lab's figures (issue 15): entering a 96-sample worksheet, and a lab provider's
 * cross-clinic release queue over 50 clinics. Everything goes through the HTTP API as the pages do.
 */

const SAMPLES = 96;
const CLINICS = 50;
const RESULTS_PER_CLINIC = 3;

async function ok(http: HttpClient, method: string, path: string, body?: unknown) {
  const r = await http.send(method, path, body, 60_000);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
  return r.json;
}

/** A clinic's lab: signed up, the module on; answers its API base. */
async function labTenant(origin: string, slug: string) {
  const http = new HttpClient(origin);
  await signupOver(http, { email: `owner@${slug}.bench`, slug });
  await enableModulesOver(http, slug, ['medical']);
  return { http, slug, base: `/api/t/${slug}/medical` };
}

/** Orders `n` tubes of sodium and potassium for one patient and receives them; answers the specimens. */
async function receivedTubes(lab: { http: HttpClient; base: string }, n: number) {
  const patient = await ok(lab.http, 'POST', `${lab.base}/patients`, {
    firstName: 'Jan',
    lastName: 'Novák',
    birthDate: '1970-05-05',
    sex: 'male',
  });
  const tubes: string[] = [];
  for (let i = 0; i < n; i++) {
    const order = await ok(lab.http, 'POST', `${lab.base}/orders`, { patientId: patient.id, tests: ['NA', 'K'] });
    const specimen = order.specimens[0].id as string;
    await ok(lab.http, 'POST', `${lab.base}/specimens/${specimen}/receive`, {});
    tubes.push(specimen);
  }
  return tubes;
}

/**
 * A technician's worksheet of 96 tubes, two results each (sodium and potassium, within range), sent
 * one result at a time as the worksheet page sends them: results per second and the median request.
 */
export async function worksheetBench(origin: string) {
  const lab = await labTenant(origin, 'bench-lab');
  const tubes = await receivedTubes(lab, SAMPLES);
  const sheet = await ok(lab.http, 'POST', `${lab.base}/worksheets`, { instrument: 'Cobas c311' });
  const times: number[] = [];
  const [total] = await timed(async () => {
    for (const [i, specimenId] of tubes.entries()) {
      for (const [test, value] of [
        ['NA', 136 + (i % 8)],
        ['K', (3.8 + (i % 7) / 10).toFixed(1)],
      ] as const) {
        const [ms] = await timed(() =>
          ok(lab.http, 'POST', `${lab.base}/results`, { specimenId, test, value, worksheetId: sheet.id }),
        );
        times.push(ms);
      }
    }
  });
  return {
    samples: SAMPLES,
    results: times.length,
    seconds: Number((total / 1000).toFixed(2)),
    resultsPerSec: Number(((times.length * 1000) / total).toFixed(1)),
    medianMs: Number(median(times).toFixed(1)),
    p95Ms: Number(percentile(times, 95).toFixed(1)),
  };
}

/**
 * A lab provider engaged by 50 clinics for the lab, 3 results awaiting release in each (150): the
 * provider's release queue read as its Clinics' work page reads it (the console's clients, then each
 * clinic's queue and tubes, 4 clinics at a time), and each result released through its clinic's API.
 * The clinics sign up, turn the lab on and engage the provider themselves (a provider's `newClient`
 * with `modules: ['medical']` did not turn the lab on in the new client: 403 module_not_enabled).
 */
export async function providerQueueBench(origin: string) {
  const provider = new HttpClient(origin);
  const { slug } = await signupOver(provider, {
    email: 'owner@labprov.bench',
    slug: 'bench-lab-provider',
    kind: 'provider',
  });
  const clinics: string[] = [];
  for (let i = 0; i < CLINICS; i++) {
    const clinic = await labTenant(origin, `bench-clinic-${i}`);
    const engaged = await ok(provider, 'POST', `/api/t/${slug}/clients`, {
      client: { slug: clinic.slug },
      modules: ['medical'],
      grants: ['medical.*'],
    });
    await ok(clinic.http, 'POST', `/api/t/${clinic.slug}/providers/${engaged.engagement.id}/accept`, {});
    for (const specimenId of await receivedTubes(clinic, RESULTS_PER_CLINIC)) {
      await ok(clinic.http, 'POST', `${clinic.base}/results`, { specimenId, test: 'K', value: '4.1' });
    }
    clinics.push(clinic.slug);
  }
  const readQueue = async () => {
    const listed: { slug: string }[] = [];
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ module: 'medical', limit: '100', ...(cursor ? { cursor } : {}) });
      const page = await ok(provider, 'GET', `/api/providers/${slug}/clients?${q}`);
      listed.push(...page.clients.map((c: { tenant: { slug: string } }) => ({ slug: c.tenant.slug })));
      cursor = page.next ?? undefined;
    } while (cursor);
    const queue: { clinic: string; id: string }[] = [];
    for (let i = 0; i < listed.length; i += 4) {
      const reads = listed.slice(i, i + 4).map(async (c) => {
        const base = `/api/t/${c.slug}/medical`;
        const [results] = await Promise.all([
          ok(provider, 'GET', `${base}/results?status=entered&limit=500`),
          ok(provider, 'GET', `${base}/specimens?status=collected&limit=500`),
        ]);
        return results.results.map((r: { id: string }) => ({ clinic: c.slug, id: r.id as string }));
      });
      for (const rows of await Promise.all(reads)) queue.push(...rows);
    }
    return queue;
  };
  const reads: number[] = [];
  let queue: { clinic: string; id: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const [ms, q] = await timed(readQueue);
    reads.push(ms);
    queue = q;
  }
  if (queue.length !== CLINICS * RESULTS_PER_CLINIC) throw new Error(`the queue listed ${queue.length} results`);
  const releases: number[] = [];
  for (const r of queue) {
    const [ms] = await timed(() => ok(provider, 'POST', `/api/t/${r.clinic}/medical/results/${r.id}/release`, {}));
    releases.push(ms);
  }
  return {
    clinics: clinics.length,
    results: queue.length,
    queueReadMedianMs: Number(median(reads.slice(1)).toFixed(1)),
    queueReadFirstMs: Number(reads[0]?.toFixed(1)),
    releaseMedianMs: Number(median(releases).toFixed(1)),
    releaseP95Ms: Number(percentile(releases, 95).toFixed(1)),
  };
}

/** Lets every plan include the lab (before the lab's tenants sign up). */
export const publishLab = (operator: HttpClient) => publishModulesOver(operator, ['medical']);
