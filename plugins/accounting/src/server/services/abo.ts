import type { CzechAccount } from '@bureau/core';

/**
 * The Czech domestic payment order file "ABO" (KPC, the format of the former ABO banking clients that
 * Czech banks still import as a bulk order, příkaz k úhradě). Fixed records separated by CRLF:
 *
 *   UHL1 DDMMRR name(20) client number(10) file interval 001 999 codes(6+6)   the file header
 *   1 1501 SSSPPP BBBB        accounting file: 1501 = payment orders, sequence, branch, payer's bank
 *   2 PPPPPP-NNNNNNNNNN total DDMMRR        group: the payer's account, the group total, due date
 *   PPPPPP-NNNNNNNNNN amount VS BBBBKKKK SS AV:message      one line per payment
 *   3 +                       end of group
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

export interface AboOrder {
  createdOn: string;
  dueDate: string;
  clientName: string;
  payer: CzechAccount;
  payments: AboPayment[];
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

export function aboOrder(order: AboOrder): string {
  const total = order.payments.reduce((s, p) => s + p.amount, 0n);
  const lines = [
    `UHL1${ddmmyy(order.createdOn)}${ascii(order.clientName).toUpperCase().slice(0, 20).padEnd(20, ' ')}${'0'.repeat(10)}001999${'0'.repeat(12)}`,
    `1 1501 001000 ${order.payer.bank}`,
    `2 ${account(order.payer)} ${String(total).padStart(14, '0')} ${ddmmyy(order.dueDate)}`,
    ...order.payments.map((p) => {
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
    }),
    '3 +',
    '5 +',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
