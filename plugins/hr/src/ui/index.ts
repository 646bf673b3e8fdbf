/** The hr panels. Every page is lazy. */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const Employees = lazy(() => import('./pages/list.tsx'));
const NewEmployee = lazy(() => import('./pages/new.tsx'));
const Employee = lazy(() => import('./pages/employee.tsx'));
const Payroll = lazy(() => import('./pages/payroll.tsx'));
const Run = lazy(() => import('./pages/run.tsx'));
const PaymentSettings = lazy(() => import('./pages/payment-settings.tsx'));
const Leave = lazy(() => import('./pages/leave.tsx'));
const LeaveRequest = lazy(() => import('./pages/leave-request.tsx'));
const Attendance = lazy(() => import('./pages/attendance.tsx'));
const MyHr = lazy(() => import('./pages/me.tsx'));
const Recruiting = lazy(() => import('./pages/recruiting.tsx'));
const RecruitingStages = lazy(() => import('./pages/stages.tsx'));
const Opening = lazy(() => import('./pages/opening.tsx'));
const Candidate = lazy(() => import('./pages/candidate.tsx'));
const Onboarding = lazy(() => import('./pages/onboarding.tsx'));
const Training = lazy(() => import('./pages/training.tsx'));
const TrainingSession = lazy(() => import('./pages/session.tsx'));
const OrgChart = lazy(() => import('./pages/org-chart.tsx'));

export default definePluginUi({
  id: 'hr',
  title: { en: 'HR and payroll', cs: 'Personalistika a mzdy' },
  nav: [
    { label: { en: 'My HR', cs: 'Moje personalistika' }, path: '/me', permission: 'hr.self' },
    { label: { en: 'Employees', cs: 'Zaměstnanci' }, path: '/employees', permission: 'hr.read' },
    { label: { en: 'Payroll', cs: 'Mzdy' }, path: '/payroll', permission: 'hr.payroll.read' },
    { label: { en: 'Leave', cs: 'Nepřítomnost' }, path: '/leave', permission: 'hr.read' },
    { label: { en: 'Attendance', cs: 'Docházka' }, path: '/attendance', permission: 'hr.payroll.read' },
    { label: { en: 'Org chart', cs: 'Organizační struktura' }, path: '/org-chart', permission: 'hr.read' },
    { label: { en: 'Recruiting', cs: 'Nábor' }, path: '/recruiting', permission: 'hr.recruiting.read' },
    { label: { en: 'Onboarding', cs: 'Nástup' }, path: '/onboarding', permission: 'hr.read' },
    { label: { en: 'Training', cs: 'Školení' }, path: '/training', permission: 'hr.read' },
  ],
  routes: [
    { path: '/', component: Employees, permission: 'hr.read' },
    { path: '/employees', component: Employees, permission: 'hr.read' },
    { path: '/employees/new', component: NewEmployee, permission: 'hr.people.manage' },
    { path: '/employees/:id', component: Employee, permission: 'hr.read' },
    { path: '/payroll', component: Payroll, permission: 'hr.payroll.read' },
    { path: '/payroll/settings', component: PaymentSettings, permission: 'hr.payroll.read' },
    { path: '/payroll/:id', component: Run, permission: 'hr.payroll.read' },
    { path: '/leave', component: Leave, permission: 'hr.read' },
    { path: '/leave/:id', component: LeaveRequest, permission: 'hr.read' },
    { path: '/attendance', component: Attendance, permission: 'hr.payroll.read' },
    { path: '/me', component: MyHr, permission: 'hr.self' },
    { path: '/recruiting', component: Recruiting, permission: 'hr.recruiting.read' },
    { path: '/recruiting/stages', component: RecruitingStages, permission: 'hr.recruiting.manage' },
    { path: '/recruiting/openings/:id', component: Opening, permission: 'hr.recruiting.read' },
    { path: '/recruiting/candidates/:id', component: Candidate, permission: 'hr.recruiting.read' },
    { path: '/onboarding', component: Onboarding, permission: 'hr.read' },
    { path: '/training', component: Training, permission: 'hr.read' },
    { path: '/training/sessions/:id', component: TrainingSession, permission: 'hr.read' },
    { path: '/org-chart', component: OrgChart, permission: 'hr.read' },
  ],
});
