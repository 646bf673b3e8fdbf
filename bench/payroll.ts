import { enableModulesOver, HttpClient, publishModulesOver, signupOver } from '../tests/support/server-process.ts';
import { timed } from './lib.ts';

/**
 * HR payroll (issue 13): a month's pay run for 200 and for 2,000 employees through the HTTP API as the
 * pages send it (calculate, approve, then the payments of the run), the per-employee cost ratio
 * (2,000 / 200; linear stays ≤ 1.2) and the 2,000 run's time.
 */

const SIZES = [200, 2_000] as const;

async function ok(http: HttpClient, method: string, path: string, body?: unknown) {
  const r = await http.send(method, path, body, 600_000);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
  return r.json;
}

/** A firm with `n` HPP employees at 50,000 CZK with an account (issue 13's worked example), hired over the API. */
async function firmWith(origin: string, n: number) {
  const slug = `bench-payroll-${n}`;
  const http = new HttpClient(origin);
  await signupOver(http, { email: `owner@${slug}.bench`, slug });
  await enableModulesOver(http, slug, ['hr']);
  const base = `/api/t/${slug}/hr`;
  const hire = (i: number) =>
    ok(http, 'POST', `${base}/employees`, {
      firstName: 'Adam',
      lastName: `Zaměstnanec ${i}`,
      // Numbered here: hires sent at once would each pick the same next free number (409 conflict).
      number: String(i + 1).padStart(5, '0'),
      startDate: '2026-01-01',
      bankAccount: '19-2000145399/0800',
      healthInsurer: '111',
      department: `Středisko ${i % 10}`,
      taxDeclaration: true,
      contract: { type: 'hpp', monthlySalary: '50000' },
    });
  // Four at a time: seeding is not what is measured.
  for (let i = 0; i < n; i += 4) await Promise.all([0, 1, 2, 3].filter((j) => i + j < n).map((j) => hire(i + j)));
  return { http, base };
}

/** One month's run for a firm: calculate, approve and list the payments; milliseconds in all. */
async function payRun(firm: { http: HttpClient; base: string }) {
  const run = await ok(firm.http, 'POST', `${firm.base}/payroll/runs`, { period: '2026-03' });
  const [ms] = await timed(async () => {
    await ok(firm.http, 'POST', `${firm.base}/payroll/runs/${run.id}/calculate`, {});
    await ok(firm.http, 'POST', `${firm.base}/payroll/runs/${run.id}/approve`, {});
    await ok(firm.http, 'GET', `${firm.base}/payroll/runs/${run.id}/payments`);
  });
  return ms;
}

export async function payrollBench(origin: string, operator: HttpClient) {
  await publishModulesOver(operator, ['hr']);
  const runs: Record<number, number> = {};
  for (const n of SIZES) runs[n] = await payRun(await firmWith(origin, n));
  const [small, large] = SIZES;
  const perEmployee = (n: number) => (runs[n] as number) / n;
  return {
    employees: [...SIZES],
    runMs: Object.fromEntries(SIZES.map((n) => [n, Math.round(runs[n] as number)])),
    perEmployeeMs: Object.fromEntries(SIZES.map((n) => [n, Number(perEmployee(n).toFixed(2))])),
    costRatio: Number((perEmployee(large) / perEmployee(small)).toFixed(2)),
    ratioLimit: 1.2,
  };
}
