import accounting from '../plugins/accounting/src/server/index.ts';
import { qualityBureau, newTenant, enableAllModules } from './support/world.ts';
const t = await qualityBureau([accounting as any]);
const a = await newTenant(t, 'dbg', 'company');
await enableAllModules(t, a);
const r = await a.session.send('POST', `/api/t/${a.slug}/accounting/bank-accounts`, { kind: 'json', value: { name: 'x' } });
const id = r.json.id;
(t.runtime.config as any).logLevel = 'error';
for (const body of [undefined, { kind: 'raw', value: '', contentType: 'application/json' }, { kind: 'json', value: {} }] as any[]) {
  const res = await a.session.send('PATCH', `/api/t/${a.slug}/accounting/bank-accounts/${id}`, body);
  console.log(res.status, res.text.slice(0, 200));
}
const res = await a.session.send('PATCH', `/api/t/${a.slug}/accounting/accounts/${id}`);
console.log('accounts', res.status, res.text.slice(0, 200));
await t.close();
