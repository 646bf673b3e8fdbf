/** The hr panels: the employees list, a new employee and one employee. Every page is lazy. */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const List = lazy(() => import('./pages/list.tsx'));
const New = lazy(() => import('./pages/new.tsx'));
const Detail = lazy(() => import('./pages/detail.tsx'));

export default definePluginUi({
  id: 'hr',
  title: { en: 'Hr', cs: 'Hr' },
  nav: [{ label: { en: 'Employees', cs: 'Employees' }, path: '/', permission: 'hr.read' }],
  routes: [
    { path: '/', component: List, permission: 'hr.read' },
    { path: '/new', component: New, permission: 'hr.manage' },
    { path: '/:id', component: Detail, permission: 'hr.read' },
  ],
});
