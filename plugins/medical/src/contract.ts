/**
 * What other modules may import from the medical lab: event names and payloads. Payloads carry ids
 * and codes only, never patient names, birth numbers or result values (special-category data stays
 * in the lab's tables).
 */

/** A result was released to the orderer (an amended one too: `version` > 1). */
export const RESULT_RELEASED = 'medical.result.released';
export interface ResultReleased {
  resultId: string;
  orderId: string;
  specimenId: string;
  patientId: string;
  test: string;
  version: number;
  critical: boolean;
  releasedBy: string | null;
  releasedAt: string;
}

/** A specimen was rejected (haemolysed, clotted, insufficient, mislabelled). */
export const SPECIMEN_REJECTED = 'medical.specimen.rejected';
export interface SpecimenRejected {
  specimenId: string;
  orderId: string;
  barcode: string;
  reason: 'haemolysed' | 'clotted' | 'insufficient' | 'mislabelled';
}

/** A QC observation broke a Westgard rejection rule: results of its worksheet cannot be released. */
export const QC_REJECTED = 'medical.qc.rejected';
export interface QcRejected {
  qcValueId: string;
  materialId: string;
  worksheetId: string | null;
  test: string;
  violations: string[];
}
