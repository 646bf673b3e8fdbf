import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { formatMoney, minorDigits } from '../lib/money.ts';

/** Strips diacritics and characters QR payment formats do not allow. */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '');

/**
 * "QR Platba": the Czech Short Payment Descriptor (SPAYD 1.0, ČBA standard), e.g.
 * `SPD*1.0*ACC:CZ6508000000192000145399+GIBACZPX*AM:1197.90*CC:CZK*X-VS:2025000001*DT:20250315*MSG:…`.
 * Values may not contain `*` (escaped as %2A); the message is plain ASCII, at most 60 characters.
 */
export function spayd(p: {
  iban: string;
  bic?: string | null;
  amount: bigint;
  currency: string;
  variableSymbol: string;
  dueOn?: string;
  recipient?: string;
  message?: string;
}): string {
  const iban = electronicFormatIBAN(p.iban) ?? '';
  if (!isValidIBAN(iban)) throw new Error(`invalid IBAN ${p.iban}`);
  if (!/^\d{1,10}$/.test(p.variableSymbol)) throw new Error('a variable symbol is 1–10 digits');
  if (p.amount <= 0n) throw new Error('a payment amount is positive');
  const esc = (s: string) => ascii(s).replace(/\*/g, '%2A');
  const parts = [
    'SPD',
    '1.0',
    `ACC:${iban}${p.bic ? `+${p.bic}` : ''}`,
    `AM:${formatMoney(p.amount, minorDigits(p.currency))}`,
    `CC:${p.currency}`,
    `X-VS:${p.variableSymbol}`,
  ];
  if (p.dueOn) parts.push(`DT:${p.dueOn.replace(/-/g, '')}`);
  if (p.recipient) parts.push(`RN:${esc(p.recipient).slice(0, 35)}`);
  if (p.message) parts.push(`MSG:${esc(p.message).slice(0, 60)}`);
  return parts.join('*');
}

/**
 * The EPC QR code (EPC069-12, "SEPA credit transfer" QR) for euro invoices: what European
 * banking apps scan. The variable symbol goes into the unstructured remittance text.
 */
export function epcQr(p: {
  iban: string;
  bic?: string | null;
  name: string;
  amount: bigint;
  variableSymbol: string;
  message: string;
}): string {
  const iban = electronicFormatIBAN(p.iban) ?? '';
  if (!isValidIBAN(iban)) throw new Error(`invalid IBAN ${p.iban}`);
  return [
    'BCD',
    '002',
    '1',
    'SCT',
    p.bic ?? '',
    ascii(p.name).slice(0, 70),
    iban,
    `EUR${formatMoney(p.amount, 2)}`,
    '',
    '',
    ascii(`VS ${p.variableSymbol} ${p.message}`).slice(0, 140),
  ].join('\n');
}
