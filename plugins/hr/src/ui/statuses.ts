import { defineStatuses } from '@bureau/core/ui';

/** The employee workflow's states as the list shows them (the server's workflow.ts declares the same). */
export const STATUSES = defineStatuses({
  active: { tone: 'success', label: { en: 'Active', cs: 'V pracovním poměru' } },
  left: { tone: 'neutral', label: { en: 'Left', cs: 'Ukončen' } },
});

/** The leave workflow's states (the server's leave/workflow.ts declares the same). */
export const LEAVE_STATUSES = defineStatuses({
  requested: { tone: 'info', label: { en: 'Requested', cs: 'Požádáno' } },
  approved: { tone: 'success', label: { en: 'Approved', cs: 'Schváleno' } },
  rejected: { tone: 'danger', label: { en: 'Rejected', cs: 'Zamítnuto' } },
  cancelled: { tone: 'neutral', label: { en: 'Cancelled', cs: 'Zrušeno' } },
});

/** The pay-run workflow's states (the server's payroll/workflow.ts declares the same). */
export const RUN_STATUSES = defineStatuses({
  draft: { tone: 'neutral', label: { en: 'Draft', cs: 'Rozpracováno' } },
  calculated: { tone: 'info', label: { en: 'Calculated', cs: 'Spočítáno' } },
  approved: { tone: 'warning', label: { en: 'Approved', cs: 'Schváleno' } },
  paid: { tone: 'success', label: { en: 'Paid', cs: 'Vyplaceno' } },
});
