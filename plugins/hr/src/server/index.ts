import { definePlugin } from '@bureau/core';
import { EMPLOYEE_HIRED, EMPLOYEE_LEFT, TRAINING_EXPIRING } from '../contract.ts';
import { leaveWorkflow } from './leave/workflow.ts';
import { migrations } from './migrations/index.ts';
import { trainingExpiry } from './onboarding/training.ts';
import { payRunWorkflow } from './payroll/workflow.ts';
import { records } from './records.ts';
import { candidateRetention } from './recruiting/retention.ts';
import { candidateWorkflow, openingWorkflow } from './recruiting/workflow.ts';
import { personalData } from './retention.ts';
import { attendanceRoutes } from './routes/attendance.ts';
import { employeeRoutes } from './routes/employees.ts';
import { leaveRoutes } from './routes/leave.ts';
import { myTaxDocumentRoutes } from './routes/my-tax-documents.ts';
import { onboardingRoutes } from './routes/onboarding.ts';
import { orgRoutes } from './routes/org.ts';
import { paymentRoutes } from './routes/payments.ts';
import { payrollRoutes } from './routes/payroll.ts';
import { recruitingRoutes } from './routes/recruiting.ts';
import { runPaymentRoutes } from './routes/run-payments.ts';
import { selfServiceRoutes } from './routes/self-service.ts';
import { taxRoutes } from './routes/tax.ts';
import { trainingSessionRoutes } from './routes/training-sessions.ts';
import { peopleService } from './services/people.ts';
import { summary } from './services/summary.ts';
import { employeeWorkflow } from './workflow.ts';

/**
 * HR: employees with personal data and contracts (HPP, DPP, DPČ), Czech payroll, bank payments and
 * leave. Other plugins see people only through the `people` service and the hired/left events.
 */
export default definePlugin({
  id: 'hr',
  version: '0.2.0',
  title: { en: 'HR and payroll', cs: 'Personalistika a mzdy' },
  description: {
    en: 'Employees, contracts, Czech payroll with payslips and bank payments, leave, recruiting, onboarding and training.',
    cs: 'Zaměstnanci, smlouvy, české mzdy s výplatními páskami a platbami, dovolená, nábor, nástup a školení.',
  },
  permissions: {
    'hr.read': { en: 'See employees (names, positions, contacts)', cs: 'Vidět zaměstnance (jména, pozice, kontakty)' },
    'hr.people.manage': { en: 'Hire, edit and end employment', cs: 'Přijímat, upravovat a ukončovat zaměstnance' },
    'hr.people.sensitive': {
      en: 'See birth numbers, pay, health insurers and bank accounts',
      cs: 'Vidět rodná čísla, mzdy, zdravotní pojišťovny a bankovní účty',
    },
    'hr.payroll.read': { en: 'See pay runs and payslips', cs: 'Vidět mzdová zpracování a výplatní pásky' },
    'hr.payroll.manage': { en: 'Prepare and calculate pay runs', cs: 'Připravovat a počítat mzdy' },
    'hr.leave.approve': { en: 'Approve and reject leave', cs: 'Schvalovat a zamítat nepřítomnost' },
    'hr.payroll.approve': { en: 'Approve and pay pay runs', cs: 'Schvalovat a vyplácet mzdy' },
    'hr.recruiting.read': {
      en: 'See openings and the recruiting pipeline (candidates as initials)',
      cs: 'Vidět otevřené pozice a náborový proces (uchazeče jen iniciálami)',
    },
    'hr.recruiting.manage': {
      en: 'Manage openings, candidates, interviews and offers',
      cs: 'Spravovat pozice, uchazeče, pohovory a nabídky',
    },
    'hr.recruiting.personal': {
      en: 'See and edit candidates’ personal data',
      cs: 'Vidět a upravovat osobní údaje uchazečů',
    },
    'hr.recruiting.interview': { en: 'Write interview scorecards', cs: 'Psát hodnocení pohovorů' },
    'hr.self': {
      en: 'Self-service: own payslips, leave and certificates (for a member linked to an employee)',
      cs: 'Samoobsluha: vlastní výplatní pásky, nepřítomnost a osvědčení (pro člena propojeného se zaměstnancem)',
    },
    'hr.onboarding.work': {
      en: 'Tick off onboarding tasks (HR, manager, IT)',
      cs: 'Odškrtávat úkoly nástupu (personalistika, vedoucí, IT)',
    },
  },
  memberPermissions: ['hr.read', 'hr.self'],
  migrations,
  routes: (router) => {
    const people = attendanceRoutes(
      leaveRoutes(runPaymentRoutes(paymentRoutes(payrollRoutes(employeeRoutes(router))))),
    );
    return myTaxDocumentRoutes(
      selfServiceRoutes(trainingSessionRoutes(taxRoutes(orgRoutes(onboardingRoutes(recruitingRoutes(people)))))),
    );
  },
  workflows: {
    employee: employeeWorkflow,
    pay_run: payRunWorkflow,
    leave: leaveWorkflow,
    opening: openingWorkflow,
    candidate: candidateWorkflow,
  },
  schedules: { 'candidate-retention': candidateRetention, 'training-expiry': trainingExpiry },
  services: { people: peopleService },
  events: {
    [EMPLOYEE_HIRED]: { en: 'An employee was hired', cs: 'Byl přijat zaměstnanec' },
    [EMPLOYEE_LEFT]: { en: 'An employee left', cs: 'Zaměstnanec odešel' },
    [TRAINING_EXPIRING]: { en: 'A training is about to expire', cs: 'Školení brzy skončí platnost' },
  },
  notifications: {
    'hr.leave_waiting': { en: 'Leave requests waiting for approval', cs: 'Žádosti o nepřítomnost ke schválení' },
    'hr.training_expiring': {
      en: 'Certificates about to expire or expired',
      cs: 'Osvědčení ze školení, kterým končí nebo skončila platnost',
    },
  },
  records,
  personalData,
  summary,
});
