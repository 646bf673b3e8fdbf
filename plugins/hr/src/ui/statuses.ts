import { defineStatuses } from '@bureau/core/ui';

/** The employee workflow's states as the list shows them (the server's workflow.ts declares the same). */
export const STATUSES = defineStatuses({
  active: { tone: 'success', label: { en: 'Active', cs: 'V pracovním poměru' } },
  left: { tone: 'neutral', label: { en: 'Left', cs: 'Ukončen' } },
});

/** The pay-run workflow's states (the server's payroll/workflow.ts declares the same). */
export const RUN_STATUSES = defineStatuses({
  draft: { tone: 'neutral', label: { en: 'Draft', cs: 'Rozpracováno' } },
  calculated: { tone: 'info', label: { en: 'Calculated', cs: 'Spočítáno' } },
  approved: { tone: 'warning', label: { en: 'Approved', cs: 'Schváleno' } },
  paid: { tone: 'success', label: { en: 'Paid', cs: 'Vyplaceno' } },
});
