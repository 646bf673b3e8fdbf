import { definePlugin } from '@bureau/core';
import { STOCK_LOW, type StockService } from '../contract.ts';
import { migrations } from './migrations/index.ts';
import { purchaseWorkflow } from './purchase-workflow.ts';
import { personalData, RECORD_CLASSES } from './records.ts';
import { returnWorkflow } from './returns-workflow.ts';
import { codPayoutRoutes } from './routes/cod-payouts.ts';
import { deliveryRoutes, driverRoutes } from './routes/delivery.ts';
import { salesRoutes } from './routes/orders.ts';
import { printRoutes } from './routes/print.ts';
import { productRoutes } from './routes/products.ts';
import { purchasingRoutes } from './routes/purchasing.ts';
import { returnsRoutes } from './routes/returns.ts';
import { shippingRoutes } from './routes/shipping.ts';
import { stockRoutes } from './routes/stock.ts';
import { worksheetRoutes } from './routes/worksheet.ts';
import { stockOf } from './services/stock.ts';
import { summary } from './services/summary.ts';
import { ensureSetup } from './services/warehouses.ts';
import { orderWorkflow } from './workflow.ts';

/**
 * Order processing: products and the stock ledger, sales orders from confirmation (reservation) to
 * delivery, picking, packing, shipping by carrier or own courier, invoicing through accounting,
 * returns and purchasing.
 */
export default definePlugin<'orders', { stock: StockService }>({
  id: 'orders',
  version: '1.0.0',
  title: { en: 'Orders', cs: 'Objednávky' },
  description: {
    en: 'Products and stock, sales orders, picking, packing, shipping, invoicing, returns and purchasing.',
    cs: 'Zboží a sklad, objednávky, vychystávání, balení, expedice, fakturace, vratky a nákup.',
  },
  permissions: {
    'orders.read': { en: 'See products, stock and orders', cs: 'Vidět zboží, sklad a objednávky' },
    'orders.catalogue': { en: 'Edit products and price lists', cs: 'Upravovat zboží a ceníky' },
    'orders.stock': {
      en: 'Receive, adjust and count stock; manage warehouses',
      cs: 'Přijímat, upravovat a inventarizovat zásoby; spravovat sklady',
    },
    'orders.sell': { en: 'Enter, confirm and cancel sales orders', cs: 'Zadávat, potvrzovat a rušit objednávky' },
    'orders.fulfil': { en: 'Pick, pack, ship and deliver', cs: 'Vychystávat, balit, odesílat a doručovat' },
    'orders.deliver': {
      en: 'Drive delivery runs: see own runs, record stops delivered or failed',
      cs: 'Rozvážet: vidět své trasy, zapisovat doručené a nedoručené zastávky',
    },
    'orders.purchase': {
      en: 'Order from vendors and record their bills',
      cs: 'Objednávat od dodavatelů a evidovat jejich faktury',
    },
  },
  memberPermissions: ['orders.read'],
  migrations,
  routes: (router) => {
    productRoutes(router);
    stockRoutes(router);
    salesRoutes(router);
    printRoutes(router);
    shippingRoutes(router);
    codPayoutRoutes(router);
    returnsRoutes(router);
    purchasingRoutes(router);
    worksheetRoutes(router);
    deliveryRoutes(router);
    driverRoutes(router);
    return router;
  },
  workflows: { order: orderWorkflow, return: returnWorkflow, purchase: purchaseWorkflow },
  events: {
    [STOCK_LOW]: { en: 'A product fell to its reorder point', cs: 'Zboží kleslo na objednací mez' },
  },
  services: {
    stock: (ctx) => ({
      async get(ref) {
        const row = await ctx.db
          .selectFrom('orders.products')
          .select('id')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('productId' in ref ? 'id' : 'sku', '=', 'productId' in ref ? ref.productId : ref.sku)
          .executeTakeFirst();
        if (!row) return null;
        const s = await stockOf(ctx, row.id);
        return { onHand: s.onHand, reserved: s.reserved, available: s.available };
      },
    }),
  },
  records: {
    auditRead: 'orders.read',
    classes: RECORD_CLASSES,
    entities: {
      'orders.product': {
        label: { en: 'Product', cs: 'Zboží' },
        read: 'orders.read',
        attach: 'orders.catalogue',
        sensitive: 'orders.catalogue',
      },
      'orders.order': {
        label: { en: 'Sales order', cs: 'Objednávka' },
        read: 'orders.read',
        attach: 'orders.fulfil',
        sensitive: 'orders.sell',
      },
      'orders.purchase': {
        label: { en: 'Purchase order', cs: 'Nákupní objednávka' },
        read: 'orders.read',
        attach: 'orders.stock',
        sensitive: 'orders.purchase',
      },
      'orders.return': {
        label: { en: 'Return', cs: 'Vratka' },
        read: 'orders.read',
        attach: 'orders.fulfil',
        sensitive: 'orders.sell',
      },
    },
  },
  personalData,
  onEnable: ensureSetup,
  summary,
});
