/** The hr panels. Every page is lazy. */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const Employees = lazy(() => import('./pages/list.tsx'));
const NewEmployee = lazy(() => import('./pages/new.tsx'));
const Employee = lazy(() => import('./pages/employee.tsx'));
const Payroll = lazy(() => import('./pages/payroll.tsx'));
const Run = lazy(() => import('./pages/run.tsx'));
const Leave = lazy(() => import('./pages/leave.tsx'));
const LeaveRequest = lazy(() => import('./pages/leave-request.tsx'));

export default definePluginUi({
  id: 'hr',
  title: { en: 'HR and payroll', cs: 'Personalistika a mzdy' },
  nav: [
    { label: { en: 'Employees', cs: 'Zaměstnanci' }, path: '/employees', permission: 'hr.read' },
    { label: { en: 'Payroll', cs: 'Mzdy' }, path: '/payroll', permission: 'hr.payroll.read' },
    { label: { en: 'Leave', cs: 'Nepřítomnost' }, path: '/leave', permission: 'hr.read' },
  ],
  routes: [
    { path: '/', component: Employees, permission: 'hr.read' },
    { path: '/employees', component: Employees, permission: 'hr.read' },
    { path: '/employees/new', component: NewEmployee, permission: 'hr.people.manage' },
    { path: '/employees/:id', component: Employee, permission: 'hr.read' },
    { path: '/payroll', component: Payroll, permission: 'hr.payroll.read' },
    { path: '/payroll/:id', component: Run, permission: 'hr.payroll.read' },
    { path: '/leave', component: Leave, permission: 'hr.read' },
    { path: '/leave/:id', component: LeaveRequest, permission: 'hr.read' },
  ],
});
