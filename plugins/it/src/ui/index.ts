/** The IT panels: assets (list, new, one, check-out), my equipment, tickets (queue, one, report) and my tickets. Every page is lazy. */
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

export default definePluginUi({
  id: 'it',
  title: { en: 'IT and equipment', cs: 'IT a vybavení' },
  nav: [
    { label: { en: 'Assets', cs: 'Majetek' }, path: '/assets', permission: 'it.read' },
    { label: { en: 'Tickets', cs: 'Tikety' }, path: '/tickets', permission: 'it.helpdesk' },
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
  ],
});
