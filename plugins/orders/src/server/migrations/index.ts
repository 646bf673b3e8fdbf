import type { Migration } from 'kysely/migration';
import { stock } from './0001_stock.ts';
import { returns } from './0002_returns.ts';
import { purchasing } from './0003_purchasing.ts';
import { delivery } from './0004_delivery.ts';
import { orderListIndex } from './0005_order_list_index.ts';
import { codPayouts } from './0006_cod_payouts.ts';

/** The orders schema's migrations, in order. Never rename one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001_stock': stock,
  '0002_returns': returns,
  '0003_purchasing': purchasing,
  '0004_delivery': delivery,
  '0005_order_list_index': orderListIndex,
  '0006_cod_payouts': codPayouts,
};
