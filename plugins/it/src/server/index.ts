import { definePlugin } from '@bureau/core';
import { ASSET_CREATED, MAINTENANCE_COMPLETED, MAINTENANCE_DUE, TICKET_SLA_BREACHED } from '../contract.ts';
import { init } from './migrations/0001_init.ts';
import { helpdesk } from './migrations/0002_helpdesk.ts';
import { maintenance } from './migrations/0003_maintenance.ts';
import { routes } from './routes/index.ts';
import { maintenanceDue, slaEscalation } from './schedules.ts';
import { summary } from './services/summary.ts';
import { ticketWorkflow } from './ticket-workflow.ts';
import { assetWorkflow } from './workflow.ts';

/**
 * IT and equipment: assets (categories with custom fields, tags with QR labels, serials, purchase
 * and warranty), check-out and check-in with history and the holder's acknowledgement; a helpdesk
 * whose SLA clocks count business hours and Czech public holidays, pause while waiting on the
 * requester and are escalated by a schedule when breached; preventive maintenance plans whose work
 * orders a schedule opens ahead of each due date (or meter threshold) in the tenant's calendar.
 */
export default definePlugin({
  id: 'it',
  version: '0.1.0',
  title: { en: 'IT and equipment', cs: 'IT a vybavení' },
  description: {
    en: 'Assets and who has them, check-out and check-in with history; helpdesk tickets with SLA in business time.',
    cs: 'Majetek a kdo ho má, výdej a vrácení s historií; helpdesk s lhůtami SLA v pracovní době.',
  },
  permissions: {
    'it.read': { en: 'See assets and own equipment', cs: 'Vidět majetek a své vybavení' },
    'it.assets.manage': {
      en: 'Register, repair and retire assets; edit categories and locations',
      cs: 'Evidovat, opravovat a vyřazovat majetek; upravovat kategorie a umístění',
    },
    'it.assets.assign': { en: 'Check assets out and in', cs: 'Vydávat a přijímat majetek' },
    'it.tickets.create': { en: 'Report problems (own tickets)', cs: 'Hlásit problémy (vlastní tikety)' },
    'it.helpdesk': {
      en: 'Work tickets: queue, assign, reply, resolve',
      cs: 'Řešit tikety: fronta, přidělení, odpovědi, vyřešení',
    },
    'it.helpdesk.manage': { en: 'Set business hours and SLA targets', cs: 'Nastavovat pracovní dobu a lhůty SLA' },
    'it.maintenance': {
      en: 'Do maintenance: complete or skip work orders, record meter readings',
      cs: 'Provádět údržbu: dokončovat a přeskakovat pracovní příkazy, zapisovat stavy počítadel',
    },
    'it.maintenance.manage': { en: 'Plan recurring maintenance', cs: 'Plánovat pravidelnou údržbu' },
  },
  memberPermissions: ['it.read', 'it.tickets.create'],
  migrations: { '0001_init': init, '0002_helpdesk': helpdesk, '0003_maintenance': maintenance },
  routes,
  workflows: { asset: assetWorkflow, ticket: ticketWorkflow },
  schedules: { 'sla-escalation': slaEscalation, 'maintenance-due': maintenanceDue },
  events: {
    [ASSET_CREATED]: { en: 'An asset was registered', cs: 'Majetek byl zaevidován' },
    [TICKET_SLA_BREACHED]: { en: 'A ticket breached its SLA', cs: 'Tiket překročil lhůtu SLA' },
    [MAINTENANCE_DUE]: {
      en: 'Maintenance came due (a work order opened)',
      cs: 'Nastal termín údržby (otevřen pracovní příkaz)',
    },
    [MAINTENANCE_COMPLETED]: { en: 'A maintenance work order was closed', cs: 'Pracovní příkaz údržby byl uzavřen' },
  },
  records: {
    auditRead: 'it.read',
    entities: {
      'it.asset': {
        label: { en: 'Asset', cs: 'Majetek' },
        read: 'it.read',
        attach: 'it.assets.manage',
        sensitive: 'it.assets.manage',
      },
      'it.work_order': {
        label: { en: 'Work order', cs: 'Pracovní příkaz' },
        read: 'it.read',
        attach: 'it.maintenance',
        sensitive: 'it.maintenance',
      },
      'it.ticket': {
        label: { en: 'Ticket', cs: 'Tiket' },
        read: 'it.helpdesk',
        attach: 'it.helpdesk',
        sensitive: 'it.helpdesk',
      },
    },
  },
  summary,
});
