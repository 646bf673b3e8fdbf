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

/** The opening workflow's states (the server's recruiting/workflow.ts declares the same). */
export const OPENING_STATUSES = defineStatuses({
  open: { tone: 'success', label: { en: 'Open', cs: 'Otevřená' } },
  paused: { tone: 'warning', label: { en: 'Paused', cs: 'Pozastavená' } },
  closed: { tone: 'neutral', label: { en: 'Closed', cs: 'Uzavřená' } },
});

/** The candidate workflow's states (the server's recruiting/workflow.ts declares the same). */
export const CANDIDATE_STATUSES = defineStatuses({
  active: { tone: 'info', label: { en: 'In the pipeline', cs: 'Ve výběru' } },
  offered: { tone: 'warning', label: { en: 'Offered', cs: 'Nabídka' } },
  hired: { tone: 'success', label: { en: 'Hired', cs: 'Přijat' } },
  rejected: { tone: 'danger', label: { en: 'Rejected', cs: 'Odmítnut' } },
  withdrawn: { tone: 'neutral', label: { en: 'Withdrew', cs: 'Odstoupil' } },
});

/** How a training's status is shown (valid, expiring soon, expired, renewed, no expiry). */
export const TRAINING_TONES = {
  valid: 'success',
  permanent: 'success',
  expiring: 'warning',
  expired: 'danger',
  superseded: 'neutral',
} as const;
