import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type Kysely } from 'kysely';
import { countRoundTrip } from './request-stats.ts';

const insideTenantTransaction = new AsyncLocalStorage<boolean>();

/** Runs `fn` marked as the body of a tenant transaction: the privileged handle refuses work meanwhile. */
export function markTenantTransaction<T>(fn: () => Promise<T>): Promise<T> {
  return insideTenantTransaction.run(true, fn);
}

/** Whether the caller runs inside the body of a tenant transaction (its statements are the request role's). */
export const inTenantTransaction = (): boolean => insideTenantTransaction.getStore() === true;

export class PrivilegedHandleInTenantTransaction extends Error {
  constructor() {
    super(
      'runtime.db was used inside a tenant transaction: use the transaction (c.var.db / ctx.db). ' +
        'On embedded PGlite this would deadlock; on a server it would escape the tenant role and the transaction.',
    );
  }
}

/**
 * A statement to run right after BEGIN of the next transaction opened in this async context: the
 * tenant entry (with-tenant.ts). Literal SQL without parameters, built from validated values only.
 */
interface PendingEntry {
  sql: string;
  entered: boolean;
}
const pendingEntry = new AsyncLocalStorage<PendingEntry>();

/**
 * Runs `fn` (which opens one transaction) so that `entrySql` runs as part of its BEGIN: on
 * PostgreSQL in the same round trip (`begin; <entrySql>` as one simple-protocol message), on PGlite
 * right after it. Returns whether the driver did it, so the caller can fall back to a statement.
 */
export async function withEntryOnBegin<T>(entrySql: string, fn: (entered: () => boolean) => Promise<T>): Promise<T> {
  const entry: PendingEntry = { sql: entrySql, entered: false };
  return pendingEntry.run(entry, () => fn(() => entry.entered));
}

export interface GuardOptions {
  /** The driver sends `begin; <entry>` as one message (node-postgres' simple query protocol). */
  fuseBegin: boolean;
}

/**
 * Wraps a dialect so that acquiring a new connection from inside a tenant transaction fails loudly
 * instead of deadlocking (PGlite has one connection) or silently bypassing row level security; counts
 * the statements each request sends (request-stats.ts); and runs a pending tenant entry with BEGIN.
 */
export function guardDialect(dialect: Dialect, options: GuardOptions = { fuseBegin: false }): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db: Kysely<any>) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver(): Driver {
      return countingDriver(dialect.createDriver(), options);
    },
  };
}

type AnyFn = (...args: any[]) => any;

function countingDriver(driver: Driver, options: GuardOptions): Driver {
  const raw = new WeakMap<object, DatabaseConnection>();
  const unwrap = (c: DatabaseConnection) => raw.get(c) ?? c;
  const wrap = (c: DatabaseConnection): DatabaseConnection => {
    const proxy = new Proxy(c, {
      get(target, prop) {
        if (prop === 'executeQuery' || prop === 'streamQuery') {
          return (...args: unknown[]) => {
            countRoundTrip();
            return (target[prop] as AnyFn).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    raw.set(proxy, c);
    return proxy;
  };
  // One statement each, whatever the driver sends inside (PGlite runs BEGIN inside its own call).
  const counted =
    (name: 'commitTransaction' | 'rollbackTransaction' | 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint') =>
    (connection: DatabaseConnection, ...rest: unknown[]) => {
      countRoundTrip();
      return (driver[name] as AnyFn).call(driver, unwrap(connection), ...rest);
    };
  return new Proxy(driver, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'acquireConnection':
          return async (...args: unknown[]): Promise<DatabaseConnection> => {
            if (insideTenantTransaction.getStore()) throw new PrivilegedHandleInTenantTransaction();
            return wrap(await (target.acquireConnection as AnyFn).apply(target, args));
          };
        case 'releaseConnection':
          return (connection: DatabaseConnection, ...rest: unknown[]) =>
            (target.releaseConnection as AnyFn).call(target, unwrap(connection), ...rest);
        case 'beginTransaction':
          return async (connection: DatabaseConnection, settings: Parameters<Driver['beginTransaction']>[1]) => {
            const conn = unwrap(connection);
            const entry = pendingEntry.getStore();
            const plain = settings.isolationLevel || settings.accessMode;
            countRoundTrip();
            if (!entry || entry.entered || plain) return target.beginTransaction(conn, settings);
            entry.entered = true;
            if (!options.fuseBegin) {
              await target.beginTransaction(conn, settings);
              countRoundTrip();
              try {
                await conn.executeQuery(CompiledQuery.raw(entry.sql));
              } catch (err) {
                await target.rollbackTransaction(conn).catch(() => {});
                throw err;
              }
              return;
            }
            try {
              await conn.executeQuery(CompiledQuery.raw(`begin; ${entry.sql}`));
            } catch (err) {
              // BEGIN went through and the entry failed: end the transaction before the connection goes back.
              await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
              throw err;
            }
          };
        case 'commitTransaction':
        case 'rollbackTransaction':
        case 'savepoint':
        case 'rollbackToSavepoint':
        case 'releaseSavepoint':
          return counted(prop);
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
