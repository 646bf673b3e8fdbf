/** The IT panels: assets (list, new, import, health import, one, edit, check-out), accessories and consumables, licences, leavers' returns, compliance, my equipment, tickets (queue, one, report, categories and canned responses), my tickets, maintenance (work orders, plans, month calendar). Every page is lazy. */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const Assets = lazy(() => import('./pages/assets.tsx'));
const AssetNew = lazy(() => import('./pages/asset-new.tsx'));
const AssetEdit = lazy(() => import('./pages/asset-edit.tsx'));
const AssetImport = lazy(() => import('./pages/asset-import.tsx'));
const HealthImport = lazy(() => import('./pages/health-import.tsx'));
const AssetPage = lazy(() => import('./pages/asset.tsx'));
const Checkout = lazy(() => import('./pages/checkout.tsx'));
const MyEquipment = lazy(() => import('./pages/my-equipment.tsx'));
const Tickets = lazy(() => import('./pages/tickets.tsx'));
const TicketNew = lazy(() => import('./pages/ticket-new.tsx'));
const HelpdeskSetup = lazy(() => import('./pages/helpdesk-setup.tsx'));
const TicketPage = lazy(() => import('./pages/ticket.tsx'));
const MyTickets = lazy(() => import('./pages/my-tickets.tsx'));
const Maintenance = lazy(() => import('./pages/maintenance.tsx'));
const MaintenanceCalendar = lazy(() => import('./pages/maintenance-calendar.tsx'));
const PlanNew = lazy(() => import('./pages/plan-new.tsx'));
const PlanPage = lazy(() => import('./pages/plan.tsx'));
const WorkOrderPage = lazy(() => import('./pages/work-order.tsx'));
const Stock = lazy(() => import('./pages/stock.tsx'));
const StockNew = lazy(() => import('./pages/stock-new.tsx'));
const StockItemPage = lazy(() => import('./pages/stock-item.tsx'));
const Licences = lazy(() => import('./pages/licences.tsx'));
const LicenceNew = lazy(() => import('./pages/licence-new.tsx'));
const LicencePage = lazy(() => import('./pages/licence.tsx'));
const Returns = lazy(() => import('./pages/returns.tsx'));
const ReturnPage = lazy(() => import('./pages/return.tsx'));
const Compliance = lazy(() => import('./pages/compliance.tsx'));

export default definePluginUi({
  id: 'it',
  title: { en: 'IT and equipment', cs: 'IT a vybavení' },
  nav: [
    { label: { en: 'Assets', cs: 'Majetek' }, path: '/assets', permission: 'it.read' },
    { label: { en: 'Accessories', cs: 'Příslušenství' }, path: '/stock', permission: 'it.read' },
    { label: { en: 'Licences', cs: 'Licence' }, path: '/licences', permission: 'it.read' },
    { label: { en: 'Returns', cs: 'Vrácení' }, path: '/returns', permission: 'it.assets.assign' },
    { label: { en: 'Tickets', cs: 'Tikety' }, path: '/tickets', permission: 'it.helpdesk' },
    { label: { en: 'Maintenance', cs: 'Údržba' }, path: '/maintenance', permission: 'it.read' },
    { label: { en: 'Compliance', cs: 'Soulad' }, path: '/compliance', permission: 'it.read' },
    { label: { en: 'My equipment', cs: 'Moje vybavení' }, path: '/', permission: 'it.read' },
    { label: { en: 'My tickets', cs: 'Moje tikety' }, path: '/my/tickets', permission: 'it.read' },
  ],
  routes: [
    { path: '/', component: MyEquipment, permission: 'it.read' },
    { path: '/assets', component: Assets, permission: 'it.read' },
    { path: '/assets/new', component: AssetNew, permission: 'it.assets.manage' },
    { path: '/assets/import', component: AssetImport, permission: 'it.assets.manage' },
    { path: '/assets/health/import', component: HealthImport, permission: 'it.assets.manage' },
    { path: '/assets/:id/edit', component: AssetEdit, permission: 'it.assets.manage' },
    { path: '/assets/:id/checkout', component: Checkout, permission: 'it.assets.assign' },
    { path: '/assets/:id', component: AssetPage, permission: 'it.read' },
    { path: '/stock', component: Stock, permission: 'it.read' },
    { path: '/stock/new', component: StockNew, permission: 'it.assets.manage' },
    { path: '/stock/:id', component: StockItemPage, permission: 'it.read' },
    { path: '/licences', component: Licences, permission: 'it.read' },
    { path: '/licences/new', component: LicenceNew, permission: 'it.assets.manage' },
    { path: '/licences/:id', component: LicencePage, permission: 'it.read' },
    { path: '/returns', component: Returns, permission: 'it.assets.assign' },
    { path: '/returns/:id', component: ReturnPage, permission: 'it.assets.assign' },
    { path: '/tickets', component: Tickets, permission: 'it.helpdesk' },
    { path: '/tickets/new', component: TicketNew, permission: 'it.tickets.create' },
    { path: '/tickets/setup', component: HelpdeskSetup, permission: 'it.helpdesk' },
    { path: '/tickets/:id', component: TicketPage, permission: 'it.helpdesk' },
    { path: '/my/tickets', component: MyTickets, permission: 'it.read' },
    { path: '/my/tickets/:id', component: TicketPage, permission: 'it.read' },
    { path: '/maintenance', component: Maintenance, permission: 'it.read' },
    { path: '/maintenance/calendar', component: MaintenanceCalendar, permission: 'it.read' },
    { path: '/compliance', component: Compliance, permission: 'it.read' },
    { path: '/maintenance/plans/new', component: PlanNew, permission: 'it.maintenance.manage' },
    { path: '/maintenance/plans/:id', component: PlanPage, permission: 'it.read' },
    { path: '/maintenance/work-orders/:id', component: WorkOrderPage, permission: 'it.read' },
  ],
});
