/** Response shapes of the lab API, from the server's own schemas. */

export type { Patient } from '../server/routes/patients.ts';
export type { Test } from '../server/services/catalogue.ts';
export type { OrderView, ResultView, SpecimenView } from '../server/services/order-detail.ts';
export type { CreatedOrder } from '../server/services/orders.ts';
export type { RuleView } from '../server/services/rules.ts';

export interface OrderSummary {
  id: string;
  number: string;
  priority: 'routine' | 'urgent' | 'stat';
  orderedAt: string;
  patientId: string;
  patientName: string;
  clinicName: string | null;
  specimens: number;
  pendingSpecimens: number;
}

export interface Panel {
  id: string;
  code: string;
  name: { en: string; cs: string };
  tests: string[];
}

export type { CumulativeSeries } from '../server/services/cumulative.ts';

export interface Worksheet {
  id: string;
  number: string;
  instrument: string;
  discipline: string | null;
  createdAt: string;
  results: number;
  qcRejected: boolean;
}

/** A result in the release queue, with what the releaser needs to decide. */
export interface QueueItem {
  id: string;
  specimenId: string;
  orderId: string;
  test: string;
  version: number;
  value: string | null;
  valueText: string | null;
  unit: string;
  flag: 'H' | 'L' | 'HH' | 'LL' | null;
  refLow: string | null;
  refHigh: string | null;
  deltaPercent: number | null;
  comment: string | null;
  amendReason: string | null;
  worksheetId: string | null;
  enteredAt: string;
  callbackTo: string | null;
  callbackAt: string | null;
  orderNumber: string;
  priority: 'routine' | 'urgent' | 'stat';
  barcode: string;
  patientName: string;
  testName: { en: string; cs: string };
  discipline: string;
  qcRejected: boolean;
}

export interface ControlMaterial {
  id: string;
  test: string;
  name: string;
  lot: string;
  level: number;
  mean: string;
  sd: string;
  expires: string | null;
}

export interface QcPoint {
  id: string;
  materialId: string;
  worksheetId: string | null;
  value: string;
  z: number;
  status: 'accepted' | 'warning' | 'rejected';
  violations: string[];
  measuredAt: string;
}
