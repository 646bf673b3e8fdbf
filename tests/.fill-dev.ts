import accounting from '../plugins/accounting/src/server/index.ts';
import { loadDocument } from './support/openapi.ts';
import { Filler } from './support/fill.ts';
import { qualityBureau, newTenant, enableAllModules, moduleIds } from './support/world.ts';
const t = await qualityBureau([accounting as any]);
const doc = await loadDocument(t.app);
const prov = await newTenant(t, 'probea', 'provider');
const a = await newTenant(t, 'probea', 'company');
for (const x of [prov, a]) await enableAllModules(t, x);
const fp = new Filler(doc, prov, moduleIds(t), [a]);
await fp.fill();
const fa = new Filler(doc, a, moduleIds(t), [prov]);
await fa.fill();
await fp.fill();
for (const f of [fp, fa]) {
  console.log('==', f.tenant.kind, 'ok', [...f.harvest.requests.keys()].length);
  for (const [k, v] of f.harvest.failures) console.log('FAIL', k, v.slice(0, 250));
}
await t.close();
