import { formatMoney, minorDigits } from './money.ts';

/**
 * A credit transfer order as ISO 20022 pain.001.001.03 (customer credit transfer initiation), the
 * XML Czech and European banks import: a payment information block per debit account and execution
 * date (one currency) with a transfer per payee. Used for salaries (hr) and vendor bills
 * (accounting); tests validate the output with xmllint against `shared/oracles/sepa`.
 *
 * - `sepa: true` (EUR to SEPA countries) adds the service level SEPA and shared charges (SLEV) and
 *   keeps texts in the Latin character set of the EPC rulebook (diacritics dropped), so the file
 *   also passes the EPC SCT restriction of the schema.
 * - Without a BIC the debtor's agent is "NOTPROVIDED" (the bank takes it from the IBAN).
 */
export interface CreditTransfer {
  /** Max 35 characters; Czech banks read the payment symbols from it ("/VS123/SS/KS"). */
  endToEndId: string;
  /** Minor units of the order's currency. */
  amount: bigint | number;
  creditor: { name: string; iban: string; bic?: string | null | undefined };
  /** Unstructured remittance information for the payee (max 140 characters). */
  text?: string | null | undefined;
}

export interface CreditTransferOrder {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  currency: string;
  debtor: CreditTransferDebtor;
  sepa?: boolean | undefined;
  transfers: CreditTransfer[];
}

export interface CreditTransferDebtor {
  name: string;
  iban: string;
  bic?: string | null | undefined;
}

/** The transfers from one debit account on one day: one payment information block (PmtInf). */
export interface CreditTransferBatch {
  executionDate: string;
  debtor: CreditTransferDebtor;
  transfers: CreditTransfer[];
}

/** An order with a PmtInf per batch (e.g. salaries paid from several accounts); the initiator names the file. */
export interface CreditTransferBatchOrder {
  messageId: string;
  createdAt: Date;
  currency: string;
  initiator: string;
  sepa?: boolean | undefined;
  batches: CreditTransferBatch[];
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** The EPC's basic Latin set: a-z A-Z 0-9 / - ? : ( ) . , ' + and space; other letters lose their accents. */
export const sepaLatin = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9/\-?:().,'+ ]/g, ' ');

export const creditTransferXml = ({ executionDate, debtor, transfers, ...order }: CreditTransferOrder): string =>
  creditTransferBatchesXml({ ...order, initiator: debtor.name, batches: [{ executionDate, debtor, transfers }] });

export function creditTransferBatchesXml(order: CreditTransferBatchOrder): string {
  const digits = minorDigits(order.currency);
  const clean = (s: string) => (order.sepa ? sepaLatin(s) : s.replace(/[\p{Cc}]/gu, ' '));
  /** Max140Text / Max35Text: cut, without control characters, never empty. */
  const text = (s: string, max: number) => esc(clean(s).trim().slice(0, max) || '-');
  const amount = (v: bigint | number) => formatMoney(v, digits);
  const sumOf = (ts: CreditTransfer[]) => ts.reduce((s, t) => s + BigInt(t.amount), 0n);
  const all = order.batches.flatMap((b) => b.transfers);
  const agent = (bic: string | null | undefined) =>
    bic
      ? `<FinInstnId><BIC>${esc(bic)}</BIC></FinInstnId>`
      : '<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>';
  const tx = (transfers: CreditTransfer[]) =>
    transfers
      .map((t) =>
        [
          '      <CdtTrfTxInf>',
          `        <PmtId><EndToEndId>${text(t.endToEndId, 35)}</EndToEndId></PmtId>`,
          `        <Amt><InstdAmt Ccy="${order.currency}">${amount(t.amount)}</InstdAmt></Amt>`,
          t.creditor.bic ? `        <CdtrAgt>${agent(t.creditor.bic)}</CdtrAgt>` : '',
          `        <Cdtr><Nm>${text(t.creditor.name, 70)}</Nm></Cdtr>`,
          `        <CdtrAcct><Id><IBAN>${esc(t.creditor.iban)}</IBAN></Id></CdtrAcct>`,
          t.text ? `        <RmtInf><Ustrd>${text(t.text, 140)}</Ustrd></RmtInf>` : '',
          '      </CdtTrfTxInf>',
        ]
          .filter(Boolean)
          .join('\n'),
      )
      .join('\n');
  const pmtInf = order.batches
    .map(
      (b, i) => `    <PmtInf>
      <PmtInfId>${text(`${order.messageId}-${i + 1}`, 35)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>false</BtchBookg>
      <NbOfTxs>${b.transfers.length}</NbOfTxs>
      <CtrlSum>${amount(sumOf(b.transfers))}</CtrlSum>${order.sepa ? '\n      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>' : ''}
      <ReqdExctnDt>${b.executionDate}</ReqdExctnDt>
      <Dbtr><Nm>${text(b.debtor.name, 70)}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>${esc(b.debtor.iban)}</IBAN></Id><Ccy>${order.currency}</Ccy></DbtrAcct>
      <DbtrAgt>${agent(b.debtor.bic)}</DbtrAgt>${order.sepa ? '\n      <ChrgBr>SLEV</ChrgBr>' : ''}
${tx(b.transfers)}
    </PmtInf>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${text(order.messageId, 35)}</MsgId>
      <CreDtTm>${order.createdAt.toISOString().slice(0, 19)}</CreDtTm>
      <NbOfTxs>${all.length}</NbOfTxs>
      <CtrlSum>${amount(sumOf(all))}</CtrlSum>
      <InitgPty><Nm>${text(order.initiator, 70)}</Nm></InitgPty>
    </GrpHdr>
${pmtInf}
  </CstmrCdtTrfInitn>
</Document>
`;
}
