import { defineStatuses } from '@bureau/core/ui';

/** The workflow's states as the list shows them (the server's workflow.ts declares the same). */
export const STATUSES = defineStatuses({
  open: { tone: 'info', label: { en: 'Open', cs: 'Otevřeno' } },
  overdue: { tone: 'danger', label: { en: 'Overdue', cs: 'Po termínu' } },
  done: { tone: 'success', label: { en: 'Done', cs: 'Hotovo' } },
  cancelled: { tone: 'neutral', label: { en: 'Cancelled', cs: 'Zrušeno' } },
});
