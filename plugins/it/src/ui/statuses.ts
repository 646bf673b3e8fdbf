import { defineStatuses } from '@bureau/core/ui';

/** The asset workflow's states as lists show them (the server's workflow.ts declares the same). */
export const STATUSES = defineStatuses({
  in_stock: { tone: 'info', label: { en: 'In stock', cs: 'Skladem' } },
  deployed: { tone: 'accent', label: { en: 'Checked out', cs: 'Vydáno' } },
  in_repair: { tone: 'warning', label: { en: 'In repair', cs: 'V opravě' } },
  lost: { tone: 'danger', label: { en: 'Lost', cs: 'Ztraceno' } },
  retired: { tone: 'neutral', label: { en: 'Retired', cs: 'Vyřazeno' } },
});
