import { definePlugin } from '@bureau/core';
import { ASSET_CREATED } from '../contract.ts';
import { init } from './migrations/0001_init.ts';
import { routes } from './routes/index.ts';
import { summary } from './services/summary.ts';
import { assetWorkflow } from './workflow.ts';

/**
 * IT and equipment: assets (categories with custom fields, tags with QR labels, serials, purchase
 * and warranty), check-out and check-in with history and the holder's acknowledgement.
 */
export default definePlugin({
  id: 'it',
  version: '0.1.0',
  title: { en: 'IT and equipment', cs: 'IT a vybavení' },
  description: {
    en: 'Assets and who has them, check-out and check-in with history.',
    cs: 'Majetek a kdo ho má, výdej a vrácení s historií.',
  },
  permissions: {
    'it.read': { en: 'See assets and own equipment', cs: 'Vidět majetek a své vybavení' },
    'it.assets.manage': {
      en: 'Register, repair and retire assets; edit categories and locations',
      cs: 'Evidovat, opravovat a vyřazovat majetek; upravovat kategorie a umístění',
    },
    'it.assets.assign': { en: 'Check assets out and in', cs: 'Vydávat a přijímat majetek' },
  },
  memberPermissions: ['it.read'],
  migrations: { '0001_init': init },
  routes,
  workflows: { asset: assetWorkflow },
  events: { [ASSET_CREATED]: { en: 'An asset was registered', cs: 'Majetek byl zaevidován' } },
  records: {
    auditRead: 'it.read',
    entities: {
      'it.asset': {
        label: { en: 'Asset', cs: 'Majetek' },
        read: 'it.read',
        attach: 'it.assets.manage',
        sensitive: 'it.assets.manage',
      },
    },
  },
  summary,
});
