import { defineStatuses } from '@bureau/core/ui';

/** The order workflow's states as lists show them (the server's workflow.ts declares the same). */
export const STATUSES = defineStatuses({
  draft: { tone: 'neutral', label: { en: 'Draft', cs: 'Rozpracovaná' } },
  confirmed: { tone: 'info', label: { en: 'Confirmed', cs: 'Potvrzená' } },
  picking: { tone: 'accent', label: { en: 'Picking', cs: 'Vychystává se' } },
  packed: { tone: 'accent', label: { en: 'Packed', cs: 'Zabalená' } },
  shipped: { tone: 'warning', label: { en: 'Shipped', cs: 'Odeslaná' } },
  delivered: { tone: 'success', label: { en: 'Delivered', cs: 'Doručená' } },
  cancelled: { tone: 'neutral', label: { en: 'Cancelled', cs: 'Zrušená' } },
});

/** The return workflow's states (returns-workflow.ts declares the same). */
export const RETURN_STATUSES = defineStatuses({
  authorised: { tone: 'info', label: { en: 'Authorised', cs: 'Povolená' } },
  received: { tone: 'success', label: { en: 'Received', cs: 'Přijatá' } },
  cancelled: { tone: 'neutral', label: { en: 'Cancelled', cs: 'Zrušená' } },
});

/** The purchase order workflow's states (purchase-workflow.ts declares the same). */
export const PURCHASE_STATUSES = defineStatuses({
  draft: { tone: 'neutral', label: { en: 'Draft', cs: 'Rozpracovaná' } },
  ordered: { tone: 'info', label: { en: 'Ordered', cs: 'Objednaná' } },
  received: { tone: 'success', label: { en: 'Received', cs: 'Přijatá' } },
  closed: { tone: 'neutral', label: { en: 'Closed', cs: 'Uzavřená' } },
  cancelled: { tone: 'neutral', label: { en: 'Cancelled', cs: 'Zrušená' } },
});

/** A delivery run's states (migration 0004_delivery.ts declares the same). */
export const RUN_STATUSES = defineStatuses({
  planned: { tone: 'info', label: { en: 'Planned', cs: 'Naplánovaná' } },
  out: { tone: 'warning', label: { en: 'Out for delivery', cs: 'Na cestě' } },
  completed: { tone: 'success', label: { en: 'Completed', cs: 'Uzavřená' } },
});

/** A stop's states on a run. */
export const STOP_STATUSES = defineStatuses({
  pending: { tone: 'neutral', label: { en: 'To deliver', cs: 'K doručení' } },
  delivered: { tone: 'success', label: { en: 'Delivered', cs: 'Doručeno' } },
  failed: { tone: 'danger', label: { en: 'Failed', cs: 'Nedoručeno' } },
});

/** A line of a carrier's COD payout as matched against the orders (services/cod-payouts.ts). */
export const PAYOUT_ROW_STATUSES = defineStatuses({
  matched: { tone: 'success', label: { en: 'Matched', cs: 'Sedí' } },
  short: { tone: 'danger', label: { en: 'Short-paid', cs: 'Vyplaceno méně' } },
  over: { tone: 'warning', label: { en: 'Overpaid', cs: 'Vyplaceno více' } },
  unknown: { tone: 'danger', label: { en: 'Unknown parcel', cs: 'Neznámá zásilka' } },
  settled: { tone: 'neutral', label: { en: 'Settled before', cs: 'Už vyrovnáno' } },
});
