/** The orders panels: orders (list, new, one with scan-to-pick and packing), products, stock, shipping files, cash-on-delivery payouts, delivery runs (dispatch) and the driver's page, returns, purchasing, the fulfilment worksheet. Every page is lazy. */
import { definePluginUi } from '@bureau/core/ui';
import { lazy } from 'solid-js';

const Orders = lazy(() => import('./pages/orders.tsx'));
const OrderNew = lazy(() => import('./pages/order-new.tsx'));
const OrderPage = lazy(() => import('./pages/order.tsx'));
const Products = lazy(() => import('./pages/products.tsx'));
const ProductNew = lazy(() => import('./pages/product-new.tsx'));
const Stock = lazy(() => import('./pages/stock.tsx'));
const Shipping = lazy(() => import('./pages/shipping.tsx'));
const PickList = lazy(() => import('./pages/pick-list.tsx'));
const Returns = lazy(() => import('./pages/returns.tsx'));
const Worksheet = lazy(() => import('./pages/worksheet.tsx'));
const Purchases = lazy(() => import('./pages/purchases.tsx'));
const PurchaseNew = lazy(() => import('./pages/purchase-new.tsx'));
const PurchasePage = lazy(() => import('./pages/purchase.tsx'));
const ReturnPage = lazy(() => import('./pages/return.tsx'));
const DeliveryRuns = lazy(() => import('./pages/delivery-runs.tsx'));
const DeliveryRun = lazy(() => import('./pages/delivery-run.tsx'));
const Driver = lazy(() => import('./pages/driver.tsx'));
const CashOnDelivery = lazy(() => import('./pages/cod.tsx'));

export default definePluginUi({
  id: 'orders',
  title: { en: 'Orders', cs: 'Objednávky' },
  nav: [
    { label: { en: 'Sales orders', cs: 'Objednávky' }, path: '/', permission: 'orders.read' },
    { label: { en: 'Products', cs: 'Zboží' }, path: '/products', permission: 'orders.read' },
    { label: { en: 'Stock', cs: 'Sklad' }, path: '/stock', permission: 'orders.read' },
    { label: { en: 'Pick list', cs: 'Vychystávání' }, path: '/pick-list', permission: 'orders.read' },
    { label: { en: 'Worksheet', cs: 'Vychystatelnost' }, path: '/worksheet', permission: 'orders.read' },
    { label: { en: 'Shipping', cs: 'Expedice' }, path: '/shipping', permission: 'orders.fulfil' },
    { label: { en: 'Cash on delivery', cs: 'Dobírky' }, path: '/cod', permission: 'orders.fulfil' },
    { label: { en: 'Delivery runs', cs: 'Rozvozy' }, path: '/delivery', permission: 'orders.fulfil' },
    { label: { en: 'My deliveries', cs: 'Moje rozvozy' }, path: '/driver', permission: 'orders.deliver' },
    { label: { en: 'Returns', cs: 'Vratky' }, path: '/returns', permission: 'orders.read' },
    { label: { en: 'Purchasing', cs: 'Nákup' }, path: '/purchases', permission: 'orders.read' },
  ],
  routes: [
    { path: '/', component: Orders, permission: 'orders.read' },
    { path: '/new', component: OrderNew, permission: 'orders.sell' },
    { path: '/products', component: Products, permission: 'orders.read' },
    { path: '/products/new', component: ProductNew, permission: 'orders.catalogue' },
    { path: '/stock', component: Stock, permission: 'orders.read' },
    { path: '/pick-list', component: PickList, permission: 'orders.read' },
    { path: '/worksheet', component: Worksheet, permission: 'orders.read' },
    { path: '/shipping', component: Shipping, permission: 'orders.fulfil' },
    { path: '/cod', component: CashOnDelivery, permission: 'orders.fulfil' },
    { path: '/delivery', component: DeliveryRuns, permission: 'orders.fulfil' },
    { path: '/delivery/:id', component: DeliveryRun, permission: 'orders.fulfil' },
    { path: '/driver', component: Driver, permission: 'orders.deliver' },
    { path: '/returns', component: Returns, permission: 'orders.read' },
    { path: '/returns/:id', component: ReturnPage, permission: 'orders.read' },
    { path: '/purchases', component: Purchases, permission: 'orders.read' },
    { path: '/purchases/new', component: PurchaseNew, permission: 'orders.purchase' },
    { path: '/purchases/:id', component: PurchasePage, permission: 'orders.read' },
    { path: '/:id', component: OrderPage, permission: 'orders.read' },
  ],
});
