import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Dialect, Driver, Kysely } from 'kysely';

const insideTenantTransaction = new AsyncLocalStorage<boolean>();

/** Runs `fn` marked as the body of a tenant transaction: the privileged handle refuses work meanwhile. */
export function markTenantTransaction<T>(fn: () => Promise<T>): Promise<T> {
  return insideTenantTransaction.run(true, fn);
}

export class PrivilegedHandleInTenantTransaction extends Error {
  constructor() {
    super(
      'runtime.db was used inside a tenant transaction: use the transaction (c.var.db / ctx.db). ' +
        'On embedded PGlite this would deadlock; on a server it would escape the tenant role and the transaction.',
    );
  }
}

/**
 * Wraps a dialect so that acquiring a new connection from inside a tenant transaction fails loudly
 * instead of deadlocking (PGlite has one connection) or silently bypassing row level security.
 */
export function guardDialect(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db: Kysely<any>) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver(): Driver {
      const driver = dialect.createDriver();
      return new Proxy(driver, {
        get(target, prop, receiver) {
          if (prop === 'acquireConnection') {
            return (...args: unknown[]): Promise<DatabaseConnection> => {
              if (insideTenantTransaction.getStore()) return Promise.reject(new PrivilegedHandleInTenantTransaction());
              return (target.acquireConnection as (...a: unknown[]) => Promise<DatabaseConnection>)(...args);
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}
