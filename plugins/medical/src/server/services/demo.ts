import { newId, type PluginContext } from '@bureau/core';
import { seedCatalogue } from './catalogue.ts';
import { createOrder } from './orders.ts';

const PATIENTS = [
  {
    first_name: 'Jana',
    last_name: 'Nováková',
    birth_date: '1985-03-14',
    sex: 'female',
    birth_number: '8553140002',
    insurer: '111',
  },
  {
    first_name: 'Petr',
    last_name: 'Svoboda',
    birth_date: '1962-11-02',
    sex: 'male',
    birth_number: '6211020002',
    insurer: '201',
  },
  {
    first_name: 'Marie',
    last_name: 'Dvořáková',
    birth_date: '1994-07-21',
    sex: 'female',
    birth_number: null,
    insurer: '207',
  },
] as const;

/** A lab that looks alive: the starter catalogue, three patients and orders waiting in reception. */
export async function demo(ctx: PluginContext): Promise<void> {
  await seedCatalogue(ctx);
  const any = await ctx.db
    .selectFrom('medical.patients')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  if (any) return;
  const ids: string[] = [];
  for (const p of PATIENTS) {
    const id = newId();
    ids.push(id);
    await ctx.db
      .insertInto('medical.patients')
      .values({ tenant_id: ctx.tenant.id, id, ...p, created_at: ctx.now() })
      .execute();
  }
  await createOrder(ctx, {
    patientId: ids[0] as string,
    tests: ['CBC', 'IONT'],
    priority: 'routine',
    clinicName: 'MUDr. Eva Malá, praktický lékař',
  });
  await createOrder(ctx, {
    patientId: ids[1] as string,
    tests: ['LIPID', 'GLU', 'CREA'],
    priority: 'urgent',
    clinicName: 'Interní ambulance Praha 4',
  });
  await createOrder(ctx, {
    patientId: ids[2] as string,
    tests: ['K', 'NA'],
    priority: 'stat',
    clinicalNote: 'Zvracení, slabost',
  });
}
