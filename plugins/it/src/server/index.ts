import { definePlugin } from '@bureau/core';
import { EMPLOYEE_HIRED, EMPLOYEE_LEFT } from '@bureau/plugin-hr/contract';
import {
  ASSET_CREATED,
  LICENCE_EXPIRING,
  MAINTENANCE_COMPLETED,
  MAINTENANCE_DUE,
  STOCK_LOW,
  TICKET_SLA_BREACHED,
} from '../contract.ts';
import { init } from './migrations/0001_init.ts';
import { helpdesk } from './migrations/0002_helpdesk.ts';
import { maintenance } from './migrations/0003_maintenance.ts';
import { stock } from './migrations/0004_stock.ts';
import { people } from './migrations/0005_people.ts';
import { freedSeats } from './migrations/0006_freed_seats.ts';
import { vendorParties } from './migrations/0007_vendor_parties.ts';
import { notices } from './migrations/0008_notices.ts';
import { health } from './migrations/0009_health.ts';
import { ticketDesk } from './migrations/0010_ticket_desk.ts';
import { teamDefault } from './migrations/0011_team_default.ts';
import { personalData, RECORD_CLASSES } from './records.ts';
import { routes } from './routes/index.ts';
import { licenceExpiry, maintenanceDue, slaEscalation } from './schedules.ts';
import { onEmployeeHired, onEmployeeLeft } from './services/people.ts';
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
  integrates: ['hr'],
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
    'it.health.report': {
      en: "Report devices' updates and health (for a script or agent's API token)",
      cs: 'Hlásit aktualizace a stav zařízení (pro API token skriptu nebo agenta)',
    },
  },
  memberPermissions: ['it.read', 'it.tickets.create'],
  migrations: {
    '0001_init': init,
    '0002_helpdesk': helpdesk,
    '0003_maintenance': maintenance,
    '0004_stock': stock,
    '0005_people': people,
    '0006_freed_seats': freedSeats,
    '0007_vendor_parties': vendorParties,
    '0008_notices': notices,
    '0009_health': health,
    '0010_ticket_desk': ticketDesk,
    '0011_team_default': teamDefault,
  },
  routes,
  workflows: { asset: assetWorkflow, ticket: ticketWorkflow },
  schedules: { 'sla-escalation': slaEscalation, 'maintenance-due': maintenanceDue, 'licence-expiry': licenceExpiry },
  events: {
    [ASSET_CREATED]: { en: 'An asset was registered', cs: 'Majetek byl zaevidován' },
    [TICKET_SLA_BREACHED]: { en: 'A ticket breached its SLA', cs: 'Tiket překročil lhůtu SLA' },
    [MAINTENANCE_DUE]: {
      en: 'Maintenance came due (a work order opened)',
      cs: 'Nastal termín údržby (otevřen pracovní příkaz)',
    },
    [MAINTENANCE_COMPLETED]: { en: 'A maintenance work order was closed', cs: 'Pracovní příkaz údržby byl uzavřen' },
    [STOCK_LOW]: { en: 'An accessory or consumable ran low', cs: 'Dochází příslušenství nebo spotřební materiál' },
    [LICENCE_EXPIRING]: { en: 'A licence is about to expire', cs: 'Licence brzy vyprší' },
  },
  notifications: {
    'it.stock_low': { en: 'Accessories and consumables running low', cs: 'Docházející příslušenství a materiál' },
    'it.licence_expiring': { en: 'Licences about to expire', cs: 'Končící licence' },
    'it.returns': { en: "Leavers' equipment to take back", cs: 'Vybavení odcházejících k převzetí' },
    'it.tickets': { en: 'News about my tickets', cs: 'Novinky k mým tiketům' },
    'it.sla': { en: 'Tickets near or past their SLA', cs: 'Tikety blízko lhůty SLA nebo po ní' },
    'it.maintenance': { en: 'Maintenance due soon or overdue', cs: 'Údržba s blížícím se termínem nebo po termínu' },
  },
  // HR, when installed and enabled: a hire asks for equipment, a leaver's equipment goes on a return checklist.
  on: { [EMPLOYEE_HIRED]: onEmployeeHired, [EMPLOYEE_LEFT]: onEmployeeLeft },
  records: {
    auditRead: 'it.read',
    classes: RECORD_CLASSES,
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
      'it.licence': {
        label: { en: 'Licence', cs: 'Licence' },
        read: 'it.read',
        attach: 'it.assets.manage',
        sensitive: 'it.assets.manage',
      },
      'it.stock_item': {
        label: { en: 'Accessory or consumable', cs: 'Příslušenství nebo spotřební materiál' },
        read: 'it.read',
        attach: 'it.assets.manage',
        sensitive: 'it.assets.manage',
      },
      'it.ticket': {
        label: { en: 'Ticket', cs: 'Tiket' },
        read: 'it.helpdesk',
        attach: 'it.helpdesk',
        sensitive: 'it.helpdesk',
      },
    },
  },
  personalData,
  summary,
});
