import { badRequest, fieldError, type PluginContext, problem } from '@bureau/core';
import { people } from '@bureau/plugin-hr/contract';
import { m } from '../messages.ts';

export type HolderType = 'user' | 'employee' | 'location' | 'asset';

/** Who or what a thing goes to: exactly one of these ids (the schemas check "exactly one"). */
export interface HolderInput {
  userId?: string | undefined;
  employeeId?: string | undefined;
  locationId?: string | undefined;
  assetId?: string | undefined;
}

export interface Holder {
  type: HolderType;
  id: string;
  label: string;
}

const FIELD: Record<HolderType, keyof HolderInput> = {
  user: 'userId',
  employee: 'employeeId',
  location: 'locationId',
  asset: 'assetId',
};

/** A member of the firm with a display name, or null. */
export async function memberHolder(ctx: PluginContext, userId: string): Promise<Holder | null> {
  const row = await ctx.db
    .selectFrom('core.memberships as ms')
    .innerJoin('core.users as u', 'u.id', 'ms.user_id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('ms.tenant_id', '=', ctx.tenant.id)
    .where('ms.user_id', '=', userId)
    .executeTakeFirst();
  return row ? { type: 'user', id: row.id, label: row.name || row.email } : null;
}

/**
 * An HR employee through hr's `people` service (never hr's tables): 400 `hr_not_enabled` when the
 * tenant has not enabled HR, 400 `employee_not_found` for an unknown id, 400 `employee_left` for
 * someone who has left.
 */
export async function employeeHolder(ctx: PluginContext, employeeId: string, field = 'employeeId'): Promise<Holder> {
  if (!(await ctx.isEnabled('hr')))
    throw badRequest('hr_not_enabled', m.hr_not_enabled, [fieldError(field, m.hr_not_enabled)]);
  const person = await ctx.use(people).get(employeeId);
  if (!person) throw badRequest('employee_not_found', m.employee_not_found, [fieldError(field, m.employee_not_found)]);
  if (person.status === 'left')
    throw badRequest('employee_left', m.employee_left, [fieldError(field, m.employee_left, { name: person.name })]);
  return { type: 'employee', id: person.id, label: person.name };
}

/**
 * Resolves the one holder given in `input` among the `allowed` kinds, with the name shown in
 * histories. `self` is the asset being handed out (an asset cannot hold itself).
 */
export async function resolveHolder(
  ctx: PluginContext,
  input: HolderInput,
  allowed: HolderType[],
  self?: string,
): Promise<Holder> {
  const t = ctx.tenant.id;
  const named = (Object.values(FIELD) as (keyof HolderInput)[]).filter((f) => input[f]);
  const given = named.length === 1 ? allowed.find((k) => input[FIELD[k]]) : undefined;
  const id = given ? (input[FIELD[given]] as string) : undefined;
  if (!given || !id) {
    const field = FIELD[allowed[0] ?? 'user'];
    throw badRequest('one_holder', m.one_holder, [fieldError(field, m.one_holder)]);
  }
  if (given === 'user') {
    const who = await memberHolder(ctx, id);
    if (!who) throw badRequest('holder_not_member', m.holder_not_member, [fieldError('userId', m.holder_not_member)]);
    return who;
  }
  if (given === 'employee') return employeeHolder(ctx, id);
  if (given === 'location') {
    const row = await ctx.db
      .selectFrom('it.locations')
      .select(['id', 'name'])
      .where('tenant_id', '=', t)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row)
      throw badRequest('location_not_found', m.location_not_found, [fieldError('locationId', m.location_not_found)]);
    return { type: 'location', id: row.id, label: row.name };
  }
  if (id === self) throw badRequest('holder_self', m.holder_self, [fieldError('assetId', m.holder_self)]);
  const row = await ctx.db
    .selectFrom('it.assets')
    .select(['id', 'tag', 'name', 'status'])
    .where('tenant_id', '=', t)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw badRequest('asset_not_found', m.asset_not_found, [fieldError('assetId', m.asset_not_found)]);
  if (row.status === 'retired')
    throw problem(
      400,
      m.asset_retired,
      { tag: row.tag },
      { errors: [fieldError('assetId', m.asset_retired, { tag: row.tag })] },
    );
  return { type: 'asset', id: row.id, label: `${row.tag} ${row.name}` };
}
