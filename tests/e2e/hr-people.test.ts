/**
 * End-to-end: HR leave in hours in Chromium, in Czech and in English: an employee hired on 1 July 2026
 * at 40 hours a week earns 80 h of holiday for 2026 (26 whole weeks × 160 h / 52, zákoník práce § 213
 * odst. 4); a holiday request over Christmas takes 56 h (7 working days: 24–26 Dec are public
 * holidays); the request's page shows the length, the entitlement and what remains in hours with the
 * days derived, and the manager approves it. The December attendance shows the 56 h of holiday, and the
 * December pay run fills its inputs from it. A work-safety session is planned for her, her attendance
 * recorded, and the certificate issued with its expiry. Linked to the signed-in member, she sees it all on
 * "My HR" with her payslip and her tax documents (none before the year ends), asks for a day off there and
 * withdraws it while it waits. At 390 px with axe-core finding nothing.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  type ApiUser,
  axeViolations,
  e2eSuite,
  screenshot,
  settled,
  signInInBrowser,
  signUpViaApi,
  unique,
} from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();

const WORDS = {
  cs: {
    employee: 'Zaměstnanec',
    kind: 'Druh',
    holiday: 'Dovolená',
    from: 'Od',
    to: 'Do',
    request: 'Zadat nepřítomnost',
    length: '56 h (7 dní)',
    entitlement: '80 h (10 dní)',
    pending: '24 h (3 dny)',
    approve: 'Schválit',
    approved: 'Schváleno',
    period: 'Období',
    fill: 'Načíst z docházky',
    filled: 'Vstupy 1 zaměstnance načteny z docházky',
    inputs: 'Podklady',
    course: 'Školení',
    heldOn: 'Datum',
    plan: 'Naplánovat termín',
    attended: 'se zúčastnil(a)',
    record: 'Zapsat docházku',
    myHr: 'Moje personalistika',
    unpaid: 'Neplacené volno',
    withdraw: 'Zrušit žádost',
    withdrawn: 'Žádost zrušena',
    cancelled: 'Zrušeno',
    taxDocuments: 'Daňové doklady',
    noTaxYears: 'Zatím žádný uzavřený rok s výplatními páskami',
  },
  en: {
    employee: 'Employee',
    kind: 'Kind',
    holiday: 'Holiday',
    from: 'From',
    to: 'To',
    request: 'Request leave',
    length: '56 h (7 days)',
    entitlement: '80 h (10 days)',
    pending: '24 h (3 days)',
    approve: 'Approve',
    approved: 'Approved',
    period: 'Period',
    fill: 'Fill from attendance',
    filled: 'Inputs of 1 employee filled from attendance',
    inputs: 'Inputs',
    course: 'Course',
    heldOn: 'Date',
    plan: 'Plan a session',
    attended: 'attended',
    record: 'Record attendance',
    myHr: 'My HR',
    unpaid: 'Unpaid leave',
    withdraw: 'Withdraw',
    withdrawn: 'Request withdrawn',
    cancelled: 'Cancelled',
    taxDocuments: 'Tax documents',
    noTaxYears: 'No finished year with payslips yet',
  },
} as const;

for (const lang of ['cs', 'en'] as const) {
  describe(`leave in hours (${lang})`, () => {
    const w = WORDS[lang];
    const who = unique(`leave${lang}`);
    let ctx: BrowserContext;
    let page: Page;
    let slug = '';
    let runId = '';
    let employeeId = '';
    let call: ApiUser['call'];
    const name = lang === 'cs' ? 'Dana Dovolená' : 'Dana Holiday';

    beforeAll(async () => {
      const owner = await signUpViaApi(suite.server.url, {
        email: who.email,
        password: PASSWORD,
        name: 'Hana Personalistka',
        firm: `Lidé ${lang} s.r.o.`,
        slug: who.slug,
        locale: lang,
      });
      slug = owner.tenant.slug;
      call = owner.call;
      const enabled = await owner.call('PUT', `/api/t/${slug}/modules/hr`, { confirm: true });
      expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
      const [first, last] = name.split(' ');
      const e = await owner.call('POST', `/api/t/${slug}/hr/employees`, {
        firstName: first,
        lastName: last,
        startDate: '2026-07-01',
        contract: { type: 'hpp', monthlySalary: '40000', weeklyHours: 40 },
      });
      expect(e.status, JSON.stringify(e.body)).toBe(201);
      employeeId = e.body.id;
      const linked = await owner.call('PATCH', `/api/t/${slug}/hr/employees/${employeeId}`, { userId: owner.userId });
      expect(linked.status, JSON.stringify(linked.body)).toBe(200);
      const run = await owner.call('POST', `/api/t/${slug}/hr/payroll/runs`, { period: '2026-12' });
      expect(run.status, JSON.stringify(run.body)).toBe(201);
      runId = run.body.id;
      const course = await owner.call('POST', `/api/t/${slug}/hr/training/courses`, {
        name: 'BOZP',
        validityMonths: 24,
      });
      expect(course.status, JSON.stringify(course.body)).toBe(201);
      ctx = await suite.browser.context({ locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
      page = await ctx.newPage();
      await signInInBrowser(page, suite.server.url, who.email, PASSWORD);
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('requests a holiday in hours and approves it; the balance shows hours with days derived', async () => {
      onTestFailed(() => screenshot(page, `hr-people-${lang}-failed-leave`));
      await page.goto(`${suite.server.url}/t/${slug}/hr/leave`);
      const employee = page.getByLabel(w.employee);
      await employee.locator('option', { hasText: name }).waitFor({ state: 'attached' });
      await employee.selectOption({ label: name });
      await page.getByLabel(w.kind).selectOption({ label: w.holiday });
      await page.getByLabel(w.from, { exact: true }).fill('2026-12-21');
      await page.getByLabel(w.to, { exact: true }).fill('2026-12-31');
      await page.getByRole('button', { name: w.request }).click();
      const row = page.getByRole('row', { name: new RegExp(name) });
      await row.getByText(w.length).waitFor();
      await row.getByRole('link', { name }).click();
      await page.waitForURL(/\/hr\/leave\/[0-9a-f-]{36}$/);
      await page.getByText(w.entitlement).waitFor();
      await page.getByText(w.pending).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, `hr-leave-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: w.approve }).click();
      await page.locator('.badge', { hasText: w.approved }).first().waitFor();
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('shows the month’s attendance and fills the pay run’s inputs from it', async () => {
      onTestFailed(() => screenshot(page, `hr-people-${lang}-failed-attendance`));
      await page.goto(`${suite.server.url}/t/${slug}/hr/attendance`);
      await page.getByLabel(w.period).fill('2026-12');
      const row = page.getByRole('row', { name: new RegExp(name) });
      // December 2026: 21 working days (24–26 Dec are holidays) × 8 h = 168 h; 56 h of them holiday, 112 h worked.
      await row.getByText('112', { exact: true }).waitFor();
      await row.getByText('56', { exact: true }).waitFor();
      await page.goto(`${suite.server.url}/t/${slug}/hr/payroll/${runId}`);
      await page.getByRole('tab', { name: w.inputs }).click();
      await page.getByRole('button', { name: w.fill }).click();
      await page.getByText(w.filled).waitFor();
      await page
        .getByRole('table', { name: lang === 'cs' ? 'Zadané vstupy' : 'Inputs entered' })
        .getByText('112', { exact: true })
        .waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, `hr-run-inputs-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('plans a training session, records attendance and shows the certificate with its expiry', async () => {
      onTestFailed(() => screenshot(page, `hr-people-${lang}-failed-session`));
      await page.goto(`${suite.server.url}/t/${slug}/hr/training`);
      const form = page.locator('form', { has: page.getByRole('button', { name: w.plan }) });
      await form.getByLabel(w.course).locator('option', { hasText: 'BOZP' }).waitFor({ state: 'attached' });
      await form.getByLabel(w.course).selectOption({ label: 'BOZP' });
      await form.getByRole('textbox', { name: w.heldOn }).fill('2026-11-30');
      await form.getByText(name, { exact: true }).click();
      await form.getByRole('button', { name: w.plan }).click();
      await page.waitForURL(/\/hr\/training\/sessions\/[0-9a-f-]{36}$/);
      await page.getByText(`${name} ${w.attended}`).click();
      await page.getByRole('button', { name: w.record }).click();
      await page.getByText('20261130/0001').waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, `hr-session-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('shows the linked member their own holiday, leave, certificate and payslip on My HR', async () => {
      onTestFailed(() => screenshot(page, `hr-people-${lang}-failed-me`));
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const step of ['calculate', 'approve'])
        expect((await call('POST', `/api/t/${slug}/hr/payroll/runs/${runId}/${step}`, {})).status).toBe(200);
      await page.goto(`${suite.server.url}/t/${slug}/hr/me`);
      await page.getByRole('heading', { name }).waitFor();
      await page.getByText(w.entitlement).waitFor();
      await page.getByText(w.length).first().waitFor();
      await page.getByText('20261130/0001').waitFor();
      const pdf = page.getByRole('row', { name: /2026-12/ }).getByRole('link', { name: 'PDF' });
      await pdf.waitFor();
      const res = await page.request.get(new URL((await pdf.getAttribute('href')) ?? '', suite.server.url).toString());
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      // Tax documents: 2026 is not finished, so none yet (the statement of a finished year: tax-documents.test.ts).
      await page.getByRole('heading', { name: w.taxDocuments }).waitFor();
      await page.getByText(w.noTaxYears).waitFor();
      // Asks for a day of unpaid leave and withdraws it while it waits.
      const form = page.locator('form', { has: page.getByRole('button', { name: w.request }) });
      await form.getByLabel(w.kind).selectOption({ label: w.unpaid });
      await form.getByLabel(w.from, { exact: true }).fill('2026-12-01');
      await form.getByLabel(w.to, { exact: true }).fill('2026-12-01');
      await form.getByRole('button', { name: w.request }).click();
      const asked = page.getByRole('row', { name: new RegExp(w.unpaid) });
      await asked.getByRole('button', { name: w.withdraw }).click();
      await page.getByText(w.withdrawn).waitFor();
      await asked.getByText(w.cancelled).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, `hr-me-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
}
