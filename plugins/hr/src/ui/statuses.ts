import { defineStatuses } from '@bureau/core/ui';

/** The employee workflow's states as the list shows them (the server's workflow.ts declares the same). */
export const STATUSES = defineStatuses({
  active: { tone: 'success', label: { en: 'Active', cs: 'V pracovním poměru' } },
  left: { tone: 'neutral', label: { en: 'Left', cs: 'Ukončen' } },
});
