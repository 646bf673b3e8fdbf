import type { PluginRecords } from '@bureau/core';
import { CANDIDATE_RETENTION } from './data/recruiting.ts';
import { anonymiseCandidates, CANDIDATE_CLASS, candidateRecords } from './recruiting/retention.ts';
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
    'hr.opening': {
      label: { en: 'Opening', cs: 'Otevřená pozice' },
      read: 'hr.recruiting.read',
      attach: 'hr.recruiting.manage',
      sensitive: 'hr.recruiting.personal',
    },
    // A candidate's CV and letters: personal data kept only for the retention period. Special
    // category so that the append-only audit log never holds a name or a rating that anonymisation
    // could not take back.
    'hr.candidate': {
      label: { en: 'Candidate', cs: 'Uchazeč' },
      read: 'hr.recruiting.personal',
      attach: 'hr.recruiting.manage',
      sensitive: 'hr.recruiting.personal',
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
    // Applications: kept for the retention period after the selection ends, or until the
    // candidate's consent ends (data/recruiting.ts, with its source); then anonymised, also by the
    // nightly `candidate-retention` schedule.
    [CANDIDATE_CLASS]: {
      label: { en: 'Candidates (recruiting)', cs: 'Uchazeči (nábor)' },
      statutes: ['eu.gdpr.storage-limitation'],
      period: { years: 0, months: CANDIDATE_RETENTION.months },
      trigger: 'last_contact',
      disposal: 'anonymise',
      records: (ctx, q) => candidateRecords(ctx, q),
      dispose: anonymiseCandidates,
    },
  },
};
