import { formatMoney } from '@bureau/core';

/**
 * The salary payment order as ISO 20022 pain.001.001.03 (customer credit transfer initiation), which
 * Czech banks import for CZK payments: one payment information block per debit account, one transfer
 * per payslip with an account. No service level (SEPA applies to EUR only); the debtor's bank is
 * "NOTPROVIDED" (the bank takes it from the IBAN); the employee number is the variable symbol.
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

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
/** Max140Text / Max35Text: cut, and without control characters. */
const text = (s: string, max: number) => esc(s.replace(/[\p{Cc}]/gu, ' ').slice(0, max));

export function salaryOrderXml(order: SalaryOrder): string {
  const total = order.transfers.reduce((s, t) => s + t.amount, 0);
  const tx = order.transfers
    .map(
      (t) => `      <CdtTrfTxInf>
        <PmtId><EndToEndId>${text(t.endToEndId, 35)}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="CZK">${formatMoney(t.amount)}</InstdAmt></Amt>
        <Cdtr><Nm>${text(t.name, 140)}</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>${esc(t.iban)}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>${text(t.text, 140)}</Ustrd></RmtInf>
      </CdtTrfTxInf>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${text(order.messageId, 35)}</MsgId>
      <CreDtTm>${order.createdAt.toISOString().slice(0, 19)}</CreDtTm>
      <NbOfTxs>${order.transfers.length}</NbOfTxs>
      <CtrlSum>${formatMoney(total)}</CtrlSum>
      <InitgPty><Nm>${text(order.debtor.name, 140)}</Nm></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${text(`${order.messageId}-1`, 35)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>false</BtchBookg>
      <NbOfTxs>${order.transfers.length}</NbOfTxs>
      <CtrlSum>${formatMoney(total)}</CtrlSum>
      <ReqdExctnDt>${order.executionDate}</ReqdExctnDt>
      <Dbtr><Nm>${text(order.debtor.name, 140)}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>${esc(order.debtor.iban)}</IBAN></Id><Ccy>CZK</Ccy></DbtrAcct>
      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>
${tx}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`;
}
