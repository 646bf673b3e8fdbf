/** The IT panels: assets (list, new, one, check-out), my equipment, tickets (queue, one, report), my tickets, maintenance (work orders, plans). Every page is lazy. */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const Assets = lazy(() => import('./pages/assets.tsx'));
const AssetNew = lazy(() => import('./pages/asset-new.tsx'));
const AssetPage = lazy(() => import('./pages/asset.tsx'));
const Checkout = lazy(() => import('./pages/checkout.tsx'));
const MyEquipment = lazy(() => import('./pages/my-equipment.tsx'));
const Tickets = lazy(() => import('./pages/tickets.tsx'));
const TicketNew = lazy(() => import('./pages/ticket-new.tsx'));
const TicketPage = lazy(() => import('./pages/ticket.tsx'));
const MyTickets = lazy(() => import('./pages/my-tickets.tsx'));
const Maintenance = lazy(() => import('./pages/maintenance.tsx'));
const PlanNew = lazy(() => import('./pages/plan-new.tsx'));
const PlanPage = lazy(() => import('./pages/plan.tsx'));
const WorkOrderPage = lazy(() => import('./pages/work-order.tsx'));

export default definePluginUi({
  id: 'it',
  title: { en: 'IT and equipment', cs: 'IT a vybavení' },
  nav: [
    { label: { en: 'Assets', cs: 'Majetek' }, path: '/assets', permission: 'it.read' },
    { label: { en: 'Tickets', cs: 'Tikety' }, path: '/tickets', permission: 'it.helpdesk' },
    { label: { en: 'Maintenance', cs: 'Údržba' }, path: '/maintenance', permission: 'it.read' },
    { label: { en: 'My equipment', cs: 'Moje vybavení' }, path: '/', permission: 'it.read' },
    { label: { en: 'My tickets', cs: 'Moje tikety' }, path: '/my/tickets', permission: 'it.read' },
  ],
  routes: [
    { path: '/', component: MyEquipment, permission: 'it.read' },
    { path: '/assets', component: Assets, permission: 'it.read' },
    { path: '/assets/new', component: AssetNew, permission: 'it.assets.manage' },
    { path: '/assets/:id/checkout', component: Checkout, permission: 'it.assets.assign' },
    { path: '/assets/:id', component: AssetPage, permission: 'it.read' },
    { path: '/tickets', component: Tickets, permission: 'it.helpdesk' },
    { path: '/tickets/new', component: TicketNew, permission: 'it.tickets.create' },
    { path: '/tickets/:id', component: TicketPage, permission: 'it.helpdesk' },
    { path: '/my/tickets', component: MyTickets, permission: 'it.read' },
    { path: '/my/tickets/:id', component: TicketPage, permission: 'it.read' },
    { path: '/maintenance', component: Maintenance, permission: 'it.read' },
    { path: '/maintenance/plans/new', component: PlanNew, permission: 'it.maintenance.manage' },
    { path: '/maintenance/plans/:id', component: PlanPage, permission: 'it.read' },
    { path: '/maintenance/work-orders/:id', component: WorkOrderPage, permission: 'it.read' },
  ],
});
