/** The it panels: the assets list, a new asset and one asset. Every page is lazy. */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const List = lazy(() => import('./pages/list.tsx'));
const New = lazy(() => import('./pages/new.tsx'));
const Detail = lazy(() => import('./pages/detail.tsx'));

export default definePluginUi({
  id: 'it',
  title: { en: 'It', cs: 'It' },
  nav: [{ label: { en: 'Assets', cs: 'Assets' }, path: '/', permission: 'it.read' }],
  routes: [
    { path: '/', component: List, permission: 'it.read' },
    { path: '/new', component: New, permission: 'it.manage' },
    { path: '/:id', component: Detail, permission: 'it.read' },
  ],
});
