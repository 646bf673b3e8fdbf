import { defineStatuses } from '@bureau/core/ui';

/** The asset workflow's states as lists show them (the server's workflow.ts declares the same). */
export const STATUSES = defineStatuses({
  in_stock: { tone: 'info', label: { en: 'In stock', cs: 'Skladem' } },
  deployed: { tone: 'accent', label: { en: 'Checked out', cs: 'Vydáno' } },
  in_repair: { tone: 'warning', label: { en: 'In repair', cs: 'V opravě' } },
  lost: { tone: 'danger', label: { en: 'Lost', cs: 'Ztraceno' } },
  retired: { tone: 'neutral', label: { en: 'Retired', cs: 'Vyřazeno' } },
});

/** The ticket workflow's states (server: ticket-workflow.ts). */
export const TICKET_STATUSES = defineStatuses({
  new: { tone: 'info', label: { en: 'New', cs: 'Nový' } },
  assigned: { tone: 'accent', label: { en: 'Assigned', cs: 'Přidělený' } },
  in_progress: { tone: 'accent', label: { en: 'In progress', cs: 'Řeší se' } },
  waiting: { tone: 'warning', label: { en: 'Waiting on requester', cs: 'Čeká na zadavatele' } },
  resolved: { tone: 'success', label: { en: 'Resolved', cs: 'Vyřešený' } },
  closed: { tone: 'neutral', label: { en: 'Closed', cs: 'Uzavřený' } },
});

/** SLA badges: the worse of the response and resolution clocks. */
export const SLA_STATES = defineStatuses({
  ok: { tone: 'success', label: { en: 'On time', cs: 'V termínu' } },
  warning: { tone: 'warning', label: { en: 'Due soon', cs: 'Blíží se termín' } },
  breached: { tone: 'danger', label: { en: 'Breached', cs: 'Po termínu' } },
  paused: { tone: 'neutral', label: { en: 'Paused', cs: 'Pozastaveno' } },
  met: { tone: 'success', label: { en: 'Met', cs: 'Splněno' } },
});

export const PRIORITY_LABELS = defineStatuses({
  low: { tone: 'neutral', label: { en: 'Low', cs: 'Nízká' } },
  normal: { tone: 'info', label: { en: 'Normal', cs: 'Běžná' } },
  high: { tone: 'warning', label: { en: 'High', cs: 'Vysoká' } },
  urgent: { tone: 'danger', label: { en: 'Urgent', cs: 'Naléhavá' } },
});
