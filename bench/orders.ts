import pg from 'pg';
import { enableModulesOver, HttpClient, publishModulesOver, signupOver } from '../tests/support/server-process.ts';
import { type LoadFigures, load, median, percentile, timed } from './lib.ts';

/**
 * The orders figures (issue 14, "Concurrency and benchmark"): confirming draft orders (each
 * reserves stock in one transaction) on one hot product, where every confirm waits for the same
 * stock row, and spread over 1,000 products; and the first page of the order list over 100,000
 * orders. Each as a ratio to the bare route (Hono + pg, the members list's SQL, no auth) measured
 * the same way. Products and drafts are made once over HTTP and copied in SQL; the 100,000 orders
 * are SQL only.
 */

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const PRODUCTS = 1_000;
/** Confirms per figure (one draft each). */
const CONFIRMS = Number(process.env.BENCH_CONFIRMS ?? 1_000);
/** Concurrent clients for the confirms, the bare route and the list under load. */
const WORKERS = 10;

interface Shop {
  http: HttpClient;
  slug: string;
  tenantId: string;
  base: string;
}

async function call(http: HttpClient, method: string, path: string, body?: unknown) {
  const r = await http.send(method, path, body, 60_000);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
  return r.json;
}

/** A product with `stock` units in the default bin, and a draft order of one unit of it. */
async function productWithDraft(shop: Shop, sku: string, stock: number) {
  const product = await call(shop.http, 'POST', `${shop.base}/products`, {
    sku,
    name: `Bench ${sku}`,
    unitPrice: '100',
    vatRate: '21',
  });
  await call(shop.http, 'POST', `${shop.base}/stock/adjustments`, {
    productId: product.id,
    quantity: stock,
    reason: 'bench',
  });
  const order = await call(shop.http, 'POST', `${shop.base}/orders`, {
    customer: { name: 'Bench customer' },
    lines: [{ productId: product.id, quantity: 1 }],
  });
  return { productId: product.id as string, orderId: order.id as string };
}

/**
 * Copies the rows of `table` that `where` picks (params from $1) once for each row of `from` (a SQL
 * FROM item, e.g. a generate_series aliased `s`), with the columns in `set` given as expressions.
 */
async function copyRows(
  c: pg.Client,
  table: string,
  where: string,
  params: unknown[],
  from: string,
  set: Record<string, string>,
) {
  const [schema, name] = table.split('.');
  const cols = (
    await c.query<{ name: string }>(
      `select attname as name from pg_attribute
        where attrelid = ($1 || '.' || $2)::regclass and attnum > 0 and not attisdropped and attgenerated = ''
        order by attnum`,
      [schema, name],
    )
  ).rows.map((r) => r.name);
  const values = cols.map((col) => set[col] ?? `x.${col}`);
  await c.query(
    `insert into ${table} (${cols.join(', ')}) select ${values.join(', ')} from ${table} x, ${from} where ${where}`,
    params,
  );
}

/**
 * `count` copies of a template order and its line, in SQL: the n-th with a new id and the number
 * `<prefix>-n`, created n seconds before the template, for `productIds[n % length]` when given,
 * with more of the order's columns as expressions in `set`; answers their ids in order.
 */
async function copyOrders(
  c: pg.Client,
  shop: Shop,
  orderId: string,
  count: number,
  prefix: string,
  opts: { productIds?: string[]; set?: Record<string, string> } = {},
) {
  await c.query('drop table if exists bench_copies');
  await c.query(
    `create temp table bench_copies on commit drop as
       select s as n, gen_random_uuid() as id,
              ($2::uuid[])[1 + (s - 1) % greatest(cardinality($2::uuid[]), 1)] as product_id
         from generate_series(1, $1::int) s`,
    [count, opts.productIds ?? []],
  );
  const template = [shop.tenantId, orderId];
  await copyRows(c, 'orders.orders', 'x.tenant_id = $1 and x.id = $2', template, 'bench_copies d', {
    id: 'd.id',
    number: `'${prefix}-' || d.n`,
    created_at: `x.created_at - d.n * interval '1 second'`,
    ...opts.set,
  });
  await copyRows(c, 'orders.order_lines', 'x.tenant_id = $1 and x.order_id = $2', template, 'bench_copies d', {
    id: 'gen_random_uuid()',
    order_id: 'd.id',
    product_id: 'coalesce(d.product_id, x.product_id)',
  });
  return (await c.query<{ id: string }>('select id from bench_copies order by n')).rows.map((r) => r.id);
}

/** 1,000 products with 10 units each: the template and copies of it, its price and its stock move. */
async function copyProducts(c: pg.Client, shop: Shop, productId: string, count: number) {
  await c.query(`create temp table bench_products (n int, id uuid) on commit drop`);
  await c.query(`insert into bench_products select s, gen_random_uuid() from generate_series(1, $1::int) s`, [count]);
  const template = 'x.tenant_id = $1 and x.product_id = $2';
  await copyRows(
    c,
    'orders.products',
    'x.tenant_id = $1 and x.id = $2',
    [shop.tenantId, productId],
    'bench_products p',
    {
      id: 'p.id',
      sku: `x.sku || '-' || p.n`,
      gtin: 'null',
    },
  );
  await copyRows(c, 'orders.prices', template, [shop.tenantId, productId], 'bench_products p', {
    id: 'gen_random_uuid()',
    product_id: 'p.id',
  });
  // The stock-move trigger keeps stock_levels, as for any move.
  await copyRows(c, 'orders.stock_moves', template, [shop.tenantId, productId], 'bench_products p', {
    id: 'gen_random_uuid()',
    product_id: 'p.id',
  });
  return (await c.query<{ id: string }>('select id from bench_products order by n')).rows.map((r) => r.id);
}

async function inTransaction<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    await c.query('analyze');
    return out;
  } finally {
    await c.end();
  }
}

/** `n` requests from `WORKERS` clients at once, each waiting for its answer before the next: per second and latency. */
async function throughput(n: number, request: (i: number) => Promise<void>) {
  let next = 0;
  const times: number[] = [];
  const [total] = await timed(() =>
    Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < n) {
          const i = next++;
          const [ms] = await timed(() => request(i));
          times.push(ms);
        }
      }),
    ),
  );
  return {
    requests: n,
    perSec: Number(((n * 1000) / total).toFixed(1)),
    medianMs: Number(median(times).toFixed(1)),
    p95Ms: Number(percentile(times, 95).toFixed(1)),
  };
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(3));

/**
 * The orders section of `pnpm bench`: `bareUrl` is the bare route (run.ts's), `seconds` each load run
 * of the order list.
 */
export async function ordersBench(
  origin: string,
  pgUrl: string,
  operator: HttpClient,
  bareUrl: string,
  seconds: number,
) {
  await publishModulesOver(operator, ['orders']);
  const http = new HttpClient(origin);
  const { tenantId, slug } = await signupOver(http, { email: 'owner@orders.bench', slug: 'bench-orders' });
  await enableModulesOver(http, slug, ['orders']);
  const shop: Shop = { http, slug, tenantId, base: `/api/t/${slug}/orders` };

  const hot = await productWithDraft(shop, 'HOT', CONFIRMS + 10);
  const spread = await productWithDraft(shop, 'P', 10);
  const [seedMs, seeded] = await timed(() =>
    inTransaction(pgUrl, async (c) => {
      const products = [spread.productId, ...(await copyProducts(c, shop, spread.productId, PRODUCTS - 1))];
      const hotDrafts = await copyOrders(c, shop, hot.orderId, CONFIRMS, 'SO-HOT');
      const spreadDrafts = await copyOrders(c, shop, spread.orderId, CONFIRMS, 'SO-SPREAD', { productIds: products });
      // Past orders over two years: delivered, a tenth cancelled.
      await copyOrders(c, shop, spread.orderId, ORDERS - 2 * CONFIRMS - 2, 'SO-H', {
        set: {
          status: `case when d.n % 10 = 0 then 'cancelled' else 'delivered' end`,
          order_date: 'x.order_date - (d.n % 730)',
          created_at: `x.created_at - d.n * interval '10 minutes'`,
        },
      });
      return { hotDrafts, spreadDrafts };
    }),
  );

  const bareGet = async () => {
    const r = await fetch(bareUrl);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`bare route: ${r.status}`);
  };
  const confirm = (ids: string[]) => async (i: number) => {
    await call(http, 'POST', `${shop.base}/orders/${ids[i]}/confirm`);
  };
  await throughput(200, bareGet); // warm-up
  const bare = await throughput(CONFIRMS, bareGet);
  const hotProduct = await throughput(CONFIRMS, confirm(seeded.hotDrafts));
  const products1000 = await throughput(CONFIRMS, confirm(seeded.spreadDrafts));
  const stock = await call(http, 'GET', `${shop.base}/stock?productId=${hot.productId}`);
  if (Number(stock.reserved) !== CONFIRMS) throw new Error(`the hot product has ${stock.reserved} reserved`);

  const listUrl = `${origin}${shop.base}/orders?limit=50`;
  const first = await call(http, 'GET', `${shop.base}/orders?limit=50`);
  const single: number[] = [];
  for (let i = 0; i < 21; i++) {
    const [ms] = await timed(() => call(http, 'GET', `${shop.base}/orders?limit=50`));
    single.push(ms);
  }
  await load(listUrl, { cookie: http.cookie }, 2, WORKERS);
  const listLoad: LoadFigures = await load(listUrl, { cookie: http.cookie }, seconds, WORKERS);
  const bareLoad: LoadFigures = await load(bareUrl, {}, seconds, WORKERS);
  const total = await inTransaction(pgUrl, async (c) =>
    Number((await c.query('select count(*) as n from orders.orders where tenant_id = $1', [tenantId])).rows[0].n),
  );

  return {
    orders: total,
    seedSeconds: Number((seedMs / 1000).toFixed(1)),
    clients: WORKERS,
    bareRoute: bare,
    confirmHotProduct: { ...hotProduct, ratioToBare: ratio(hotProduct.perSec, bare.perSec) },
    confirm1000Products: { ...products1000, products: PRODUCTS, ratioToBare: ratio(products1000.perSec, bare.perSec) },
    orderListFirstPage: {
      page: first.items.length,
      medianMs: Number(median(single.slice(1)).toFixed(1)),
      underLoad: listLoad,
      bareUnderLoad: bareLoad,
      throughputRatioToBare: ratio(listLoad.requestsPerSec, bareLoad.requestsPerSec),
    },
  };
}
