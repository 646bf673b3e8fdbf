/**
 * The lab's panels: orders, order entry, specimen reception by scan, worksheets with keyboard result
 * entry and instrument import, the release queue, QC with Levey-Jennings charts, patients with their
 * cumulative results, the catalogue, the local release rules, and a lab provider's work across the clinics it serves.
 * Every page is lazy, so this entry stays small.
 */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const Orders = lazy(() => import('./pages/orders.tsx'));
const OrderForm = lazy(() => import('./pages/order-form.tsx'));
const Order = lazy(() => import('./pages/order.tsx'));
const Reception = lazy(() => import('./pages/reception.tsx'));
const Catalogue = lazy(() => import('./pages/catalogue.tsx'));
const Patients = lazy(() => import('./pages/patients.tsx'));
const PatientPage = lazy(() => import('./pages/patient.tsx'));
const Worksheets = lazy(() => import('./pages/worksheets.tsx'));
const WorksheetPage = lazy(() => import('./pages/worksheet.tsx'));
const Release = lazy(() => import('./pages/release.tsx'));
const Qc = lazy(() => import('./pages/qc.tsx'));
const Clinics = lazy(() => import('./pages/clinics.tsx'));
const Rules = lazy(() => import('./pages/rules.tsx'));

const read = 'medical.read';

export default definePluginUi({
  id: 'medical',
  title: { en: 'Medical lab', cs: 'Laboratoř' },
  nav: [
    { label: { en: 'Orders', cs: 'Žádanky' }, path: '/', icon: 'clipboard', permission: read },
    { label: { en: 'Reception', cs: 'Příjem vzorků' }, path: '/reception', icon: 'scan', permission: 'medical.order' },
    { label: { en: 'Worksheets', cs: 'Pracovní listy' }, path: '/worksheets', icon: 'list', permission: read },
    { label: { en: 'Release queue', cs: 'K uvolnění' }, path: '/release', icon: 'check', permission: read },
    { label: { en: 'Quality control', cs: 'Kontrola kvality' }, path: '/qc', icon: 'chart', permission: read },
    { label: { en: 'Patients', cs: 'Pacienti' }, path: '/patients', icon: 'user', permission: read },
    { label: { en: 'Test catalogue', cs: 'Katalog vyšetření' }, path: '/catalogue', icon: 'book', permission: read },
    { label: { en: 'Local rules', cs: 'Místní pravidla' }, path: '/rules', icon: 'shield', permission: read },
    { label: { en: 'Clinics’ work', cs: 'Práce pro kliniky' }, path: '/clinics', icon: 'building', permission: read },
  ],
  routes: [
    { path: '/', component: Orders, permission: read },
    { path: '/orders/new', component: OrderForm, permission: 'medical.order' },
    { path: '/orders/:id', component: Order, permission: read },
    { path: '/reception', component: Reception, permission: 'medical.order' },
    { path: '/catalogue', component: Catalogue, permission: read },
    { path: '/patients', component: Patients, permission: read },
    { path: '/patients/:id', component: PatientPage, permission: read },
    { path: '/worksheets', component: Worksheets, permission: read },
    { path: '/worksheets/:id', component: WorksheetPage, permission: read },
    { path: '/release', component: Release, permission: read },
    { path: '/qc', component: Qc, permission: read },
    { path: '/clinics', component: Clinics, permission: read },
    { path: '/rules', component: Rules, permission: read },
  ],
});
