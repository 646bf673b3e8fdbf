import type { PluginRecords } from '@bureau/core';
import { anonymiseEmployees, personnelRecords } from './retention.ts';

/**
 * Who sees hr's records. Employees carry birth numbers, pay and health insurer: audit entries keep
 * ids and changed field names only (special category), files marked sensitive (contracts, medical
 * fitness) need `hr.people.sensitive`.
 */
export const records: PluginRecords = {
  auditRead: 'hr.people.manage',
  entities: {
    'hr.employee': {
      label: { en: 'Employee', cs: 'Zaměstnanec' },
      read: 'hr.read',
      attach: 'hr.people.manage',
      sensitive: 'hr.people.sensitive',
      specialCategory: true,
    },
    'hr.leave': {
      label: { en: 'Leave request', cs: 'Žádost o nepřítomnost' },
      read: 'hr.read',
      attach: 'hr.people.manage',
      sensitive: 'hr.people.sensitive',
      specialCategory: true,
    },
    'hr.pay_run': {
      label: { en: 'Pay run', cs: 'Mzdové zpracování' },
      read: 'hr.payroll.read',
      attach: 'hr.payroll.manage',
      sensitive: 'hr.payroll.approve',
      specialCategory: true,
    },
  },
  classes: {
    // The personnel file (start and end of employment, contracts, attendance) is a sickness- and
    // social-insurance record: 10 years (zákon č. 187/2006 Sb. § 96; zákon č. 589/1992 Sb. § 22c).
    // Counted from the end of employment, then anonymised: payslips keep their own copy of the
    // identity for the 30 years of the payroll ledger.
    'hr.personnel-files': {
      label: { en: 'Personnel files', cs: 'Osobní spisy zaměstnanců' },
      statutes: ['cz.sickness-insurance.records', 'cz.social-insurance.contributions'],
      trigger: 'employment_end',
      disposal: 'anonymise',
      records: (ctx, q) => personnelRecords(ctx, q),
      dispose: anonymiseEmployees,
    },
  },
};
