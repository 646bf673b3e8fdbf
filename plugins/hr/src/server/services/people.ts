import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import type { People } from '../../contract.ts';
import { toPerson } from './employees.ts';

/** The `people` service other plugins call (`ctx.use(people)`): no sensitive field leaves hr. */
export const peopleService = (ctx: PluginContext): People => {
  const base = () => ctx.db.selectFrom('hr.employees').selectAll().where('tenant_id', '=', ctx.tenant.id);
  return {
    async list(options) {
      let q = base();
      if (!options?.includeLeft) q = q.where('status', '=', 'active');
      return (await q.orderBy('last_name').orderBy('first_name').orderBy('id').execute()).map(toPerson);
    },
    async get(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const r = await base().where('id', '=', id).executeTakeFirst();
      return r ? toPerson(r) : null;
    },
    async search(query, limit = 20) {
      const like = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await base()
        .where((eb) =>
          eb.or([
            eb('first_name', 'ilike', like),
            eb('last_name', 'ilike', like),
            eb('number', 'ilike', like),
            eb('email', 'ilike', like),
            eb(sql<string>`first_name || ' ' || last_name`, 'ilike', like),
          ]),
        )
        .orderBy('last_name')
        .orderBy('id')
        .limit(Math.min(Math.max(1, limit), 100))
        .execute();
      return rows.map(toPerson);
    },
  };
};
