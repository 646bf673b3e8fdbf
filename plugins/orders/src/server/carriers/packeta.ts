import { formatMoney } from '@bureau/core';
import { csvField, parseCsv } from './csv.ts';

/**
 * Packeta (Zásilkovna) bulk import file, CSV "version 6", as documented at
 * https://docs.packetery.com/03-creating-packets/01-csv-import.html: the first row holds
 * `version 6` in its first cell, the second row is ignored (we put the column names there), each
 * further row is one packet. Columns (1-based): 1 reserved (empty), 2 order number (1–24 chars),
 * 3 name, 4 surname, 5 company, 6 e-mail, 7 phone, 8 COD (CZK whole crowns, EUR two decimals),
 * 9 currency, 10 value, 11 weight in kg, 12 pickup point or home-delivery carrier id, 13 sender
 * label, 14 adult content (0/1), 15 delayed delivery date, 16 street, 17 house number, 18 city,
 * 19 ZIP, 20 carrier pickup point, 21 width, 22 height, 23 depth (mm), 24 note. UTF-8, `,` separator,
 * `.` decimal point, every cell quoted.
 */
export const PACKETA_VERSION = 'version 6';

const COLUMNS = [
  '',
  'Order number',
  'Name',
  'Surname',
  'Company',
  'E-mail',
  'Phone',
  'COD',
  'Currency',
  'Value',
  'Weight',
  'Pickup point or carrier',
  'Sender label',
  'Adult content',
  'Delayed delivery',
  'Street',
  'House number',
  'City',
  'ZIP',
  'Carrier pickup point',
  'Width',
  'Height',
  'Depth',
  'Note',
];

export interface PacketaPacket {
  /** The packet's number: the order number, with `-n` for the n-th package of a multi-package order. */
  number: string;
  recipient: {
    name: string;
    company?: string | null;
    email?: string | null;
    phone?: string | null;
    street?: string | null;
    city?: string | null;
    postalCode?: string | null;
  };
  /** Minor units of `currency`; COD only when cash on delivery. */
  valueMinor: bigint;
  codMinor: bigint | null;
  currency: string;
  weightGrams: number;
  /** A Packeta pickup point id, or the id of Packeta's home-delivery carrier. */
  destinationId: string;
  senderLabel?: string | null;
}

/** Splits "Jana Nováková" into name "Jana" and surname "Nováková"; a single word is both. */
function splitName(full: string): [string, string] {
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return [full.trim(), full.trim()];
  return [parts.slice(0, -1).join(' '), parts.at(-1) ?? ''];
}

/** Splits "Dlouhá 12/3a" into street "Dlouhá" and house number "12/3a" (Packeta has both columns). */
function splitStreet(street: string | null | undefined): [string, string] {
  const m = /^(.*\S)\s+(\d+[\w/-]*)$/.exec((street ?? '').trim());
  return m ? [m[1] ?? '', m[2] ?? ''] : [(street ?? '').trim(), ''];
}

/**
 * Cash collected on delivery: in CZK rounded to whole crowns (Packeta accepts whole CZK only; a
 * cash payment in CZK is rounded to whole crowns, zákon č. 136/2011 Sb., § 7a), else two decimals.
 */
export function codAmount(minor: bigint, currency: string): string {
  if (currency !== 'CZK') return formatMoney(minor);
  const crowns = (minor + 50n) / 100n;
  return String(crowns);
}

const cut = (s: string | null | undefined, n: number) => (s ?? '').slice(0, n);

/** The import file for the packets given. */
export function packetaCsv(packets: PacketaPacket[]): string {
  const lines = [csvField(PACKETA_VERSION), COLUMNS.map(csvField).join(',')];
  for (const p of packets) {
    const [name, surname] = splitName(p.recipient.name);
    const [street, house] = splitStreet(p.recipient.street);
    const cells = [
      '',
      cut(p.number, 24),
      cut(name, 32),
      cut(surname, 32),
      cut(p.recipient.company, 32),
      p.recipient.email ?? '',
      p.recipient.phone ?? '',
      p.codMinor === null ? '' : codAmount(p.codMinor, p.currency),
      p.currency,
      formatMoney(p.valueMinor),
      (p.weightGrams / 1000).toFixed(3),
      p.destinationId,
      p.senderLabel ?? '',
      '0',
      '',
      street,
      house,
      p.recipient.city ?? '',
      (p.recipient.postalCode ?? '').replace(/\s/g, ''),
      '',
      '',
      '',
      '',
      '',
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const ORDER_HEADERS = ['order number', 'číslo objednávky', 'cislo objednavky', 'order'];
const TRACKING_HEADERS = [
  'barcode',
  'čárový kód',
  'packet id',
  'id zásilky',
  'číslo zásilky',
  'tracking number',
  'packet number',
];

export interface TrackingLine {
  line: number;
  number: string;
  tracking: string;
}

/**
 * Reads Packeta's answer: the list of submitted packets exported from Packeta's client section
 * (CSV, `;` or `,`), a header row naming the order-number column ("Order number" / "Číslo
 * objednávky") and the packet's barcode column ("Barcode" / "Čárový kód", "Packet ID"). Returns the
 * pairs, or null when the header names neither column.
 */
export function parsePacketaAnswer(text: string): TrackingLine[] | null {
  const rows = parseCsv(text);
  const headerAt = rows.findIndex((r) => r.some((c) => ORDER_HEADERS.includes(c.toLowerCase())));
  if (headerAt < 0) return null;
  const header = (rows[headerAt] ?? []).map((c) => c.toLowerCase());
  const orderCol = header.findIndex((c) => ORDER_HEADERS.includes(c));
  const trackCol = header.findIndex((c) => TRACKING_HEADERS.includes(c));
  if (orderCol < 0 || trackCol < 0) return null;
  const out: TrackingLine[] = [];
  rows.slice(headerAt + 1).forEach((r, i) => {
    const number = r[orderCol] ?? '';
    const tracking = (r[trackCol] ?? '').replace(/\s/g, '');
    if (number || tracking) out.push({ line: headerAt + i + 2, number, tracking });
  });
  return out;
}
