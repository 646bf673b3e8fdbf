import { type Kysely, sql } from 'kysely';

/**
 * Puts a tenant table behind row level security: enabled, forced (the owner obeys it too) and
 * limited to the tenant named by the transaction-local setting `bureau.tenant_id`.
 * Migrations call this for every table that has a `tenant_id` column.
 */
export async function enableTenantRls(db: Kysely<any>, table: string): Promise<void> {
  const t = qualified(table);
  await sql`alter table ${t} enable row level security`.execute(db);
  await sql`alter table ${t} force row level security`.execute(db);
  await sql`create policy tenant_isolation on ${t}
    using (tenant_id = (select current_setting('bureau.tenant_id', true)::uuid))
    with check (tenant_id = (select current_setting('bureau.tenant_id', true)::uuid))`.execute(db);
}

function qualified(table: string) {
  const [schema, name] = table.includes('.') ? table.split('.') : ['public', table];
  return sql.id(schema as string, name as string);
}
