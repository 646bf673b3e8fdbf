import { creditTransferXml } from '@bureau/core';

/**
 * The salary payment order as ISO 20022 pain.001.001.03 (core's credit transfer order), which Czech
 * banks import for CZK payments: one transfer per payslip with an account. No service level (SEPA
 * applies to EUR only); the debtor's bank is "NOTPROVIDED" (the bank takes it from the IBAN); the
 * employee number is the variable symbol.
 */
export interface SalaryTransfer {
  endToEndId: string;
  name: string;
  iban: string;
  /** Haléře. */
  amount: number;
  text: string;
}

export interface SalaryOrder {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  debtor: { name: string; iban: string };
  transfers: SalaryTransfer[];
}

export const salaryOrderXml = (order: SalaryOrder): string =>
  creditTransferXml({
    ...order,
    currency: 'CZK',
    transfers: order.transfers.map((t) => ({
      endToEndId: t.endToEndId,
      amount: t.amount,
      creditor: { name: t.name, iban: t.iban },
      text: t.text,
    })),
  });
