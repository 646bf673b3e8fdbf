import type { CzechAccount } from '../identifiers/bank-account.ts';

/**
 * The Czech domestic payment order file "ABO" (KPC, the format of the former ABO banking clients that
 * Czech banks still import as a bulk order, příkaz k úhradě). Fixed records separated by CRLF:
 *
 *   UHL1 DDMMRR name(20) client number(10) file interval 001 999 codes(6+6)   the file header
 *   1 1501 SSSPPP BBBB        accounting file: 1501 = payment orders, sequence, branch, payer's bank
 *   2 PPPPPP-NNNNNNNNNN total DDMMRR        group: the payer's account, the group total, due date
 *   PPPPPP-NNNNNNNNNN amount VS BBBBKKKK SS AV:message      one line per payment
 *   3 +                       end of group (a group per payer account and due date; several may follow)
 *   5 +                       end of accounting file
 *
 * Amounts in haléře; the symbols as digits (KS 0000 when none). The structure follows the public
 * description Czech banks publish for ABO imports (Fio's "Struktura ABO formátu"); it is marked as
 * unverified in the README because the bank's document itself could not be read here. Texts are
 * written in ASCII (a subset of windows-1250, the format's encoding): diacritics are dropped.
 */
export interface AboPayment {
  account: CzechAccount;
  /** Haléře, positive. */
  amount: bigint;
  variableSymbol?: string | null | undefined;
  constantSymbol?: string | null | undefined;
  specificSymbol?: string | null | undefined;
  message?: string | null | undefined;
}

/** One group: the payments from one payer account due on one day. */
export interface AboGroup {
  dueDate: string;
  payer: CzechAccount;
  payments: AboPayment[];
}

export interface AboFile {
  createdOn: string;
  clientName: string;
  groups: AboGroup[];
}

/** A file with a single group (one payer account). */
export interface AboOrder extends AboGroup {
  createdOn: string;
  clientName: string;
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ');
const ddmmyy = (date: string) => `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(2, 4)}`;
const digits = (value: string | null | undefined, width: number) =>
  (value ?? '').replace(/\D/g, '').padStart(width, '0');
const account = (a: CzechAccount) => `${a.prefix.padStart(6, '0')}-${a.number.padStart(10, '0')}`;

const paymentLine = (p: AboPayment) => {
  const message = ascii(p.message ?? '')
    .trim()
    .slice(0, 140);
  return [
    account(p.account),
    String(p.amount).padStart(15, '0'),
    digits(p.variableSymbol, 10),
    `${p.account.bank}${digits(p.constantSymbol, 4)}`,
    digits(p.specificSymbol, 10),
    message ? `AV:${message}` : '',
  ]
    .join(' ')
    .trimEnd();
};

const groupLines = (g: AboGroup) => {
  const total = g.payments.reduce((s, p) => s + p.amount, 0n);
  return [
    `2 ${account(g.payer)} ${String(total).padStart(14, '0')} ${ddmmyy(g.dueDate)}`,
    ...g.payments.map(paymentLine),
    '3 +',
  ];
};

/**
 * An ABO file with a group per payer account; the groups of payers at one bank form one accounting
 * file (`1 1501 SSS000 bank` … `5 +`, numbered from 001), since each bank reads its own.
 */
export function aboFile(file: AboFile): string {
  const banks = [...new Set(file.groups.map((g) => g.payer.bank))];
  const lines = [
    `UHL1${ddmmyy(file.createdOn)}${ascii(file.clientName).toUpperCase().slice(0, 20).padEnd(20, ' ')}${'0'.repeat(10)}001999${'0'.repeat(12)}`,
    ...banks.flatMap((bank, i) => [
      `1 1501 ${String(i + 1).padStart(3, '0')}000 ${bank}`,
      ...file.groups.filter((g) => g.payer.bank === bank).flatMap(groupLines),
      '5 +',
    ]),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export const aboOrder = ({ createdOn, clientName, ...group }: AboOrder): string =>
  aboFile({ createdOn, clientName, groups: [group] });
