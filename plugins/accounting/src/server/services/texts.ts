import { defineMessages, type Message, type Params, storedText } from '@bureau/core';
import type { Ctx } from './context.ts';

/**
 * Texts the books store (journal descriptions, line memos): written in the tenant's language, so a
 * Czech ledger reads Czech whoever posted it.
 */
export const jt = defineMessages('accounting.journal', {
  invoice: { en: 'Invoice {number} – {partner}', cs: 'Faktura {number} – {partner}' },
  credit_note: {
    en: 'Credit note {number} to {original} – {partner}',
    cs: 'Opravný doklad {number} k {original} – {partner}',
  },
  debit_note: { en: 'Debit note {number} to {original} – {partner}', cs: 'Vrubopis {number} k {original} – {partner}' },
  advance_tax: {
    en: 'Tax document {number} for the advance {advance} – {partner}',
    cs: 'Daňový doklad {number} k přijaté záloze {advance} – {partner}',
  },
  bill: { en: 'Bill {number} ({reference}) – {partner}', cs: 'Přijatá faktura {number} ({reference}) – {partner}' },
  bill_credit_note: {
    en: 'Received credit note {number} ({reference}) – {partner}',
    cs: 'Přijatý opravný doklad {number} ({reference}) – {partner}',
  },
  bill_debit_note: {
    en: 'Received debit note {number} ({reference}) – {partner}',
    cs: 'Přijatý vrubopis {number} ({reference}) – {partner}',
  },
  vat_line: { en: 'VAT {number}', cs: 'DPH {number}' },
  self_assessed_vat: { en: 'Self-assessed VAT {number}', cs: 'DPH samovyměřením {number}' },
  cancellation: { en: 'Cancellation of {number}', cs: 'Storno dokladu {number}' },
  payment_from: { en: 'Payment from {partner}', cs: 'Platba od {partner}' },
  payment_to: { en: 'Payment to {partner}', cs: 'Platba pro {partner}' },
  refund_to: { en: 'Refund to {partner}', cs: 'Vrácení přeplatku {partner}' },
  refund_from: { en: 'Refund from {partner}', cs: 'Vrácení od {partner}' },
  payment_void: { en: 'Void of payment {reference}', cs: 'Zrušení platby {reference}' },
  fx_gain: { en: 'Exchange gain on {number}', cs: 'Kurzový zisk k {number}' },
  fx_loss: { en: 'Exchange loss on {number}', cs: 'Kurzová ztráta k {number}' },
  advance_received: { en: 'Advance received {number} – {partner}', cs: 'Přijatá záloha {number} – {partner}' },
  reversal: { en: 'Reversal of {number}', cs: 'Storno zápisu {number}' },
  year_close_results: {
    en: 'Year-end {year}: expenses and revenues to the profit and loss account',
    cs: 'Uzávěrka {year}: náklady a výnosy na účet zisků a ztrát',
  },
  year_close_result: {
    en: 'Year-end {year}: result of the year to 431',
    cs: 'Uzávěrka {year}: výsledek hospodaření na 431',
  },
  year_close_balances: {
    en: 'Year-end {year}: closing balance sheet account',
    cs: 'Uzávěrka {year}: konečný účet rozvažný',
  },
  year_open: { en: 'Opening of {year}: opening balance sheet account', cs: 'Otevření {year}: počáteční účet rozvažný' },
  opening_balances: { en: 'Opening balances', cs: 'Počáteční stavy účtů' },
  bank_line: { en: 'Bank statement line', cs: 'Položka bankovního výpisu' },
});

/** A journal text in the tenant's language. */
export const bookText = (ctx: Ctx, message: Message, params?: Params): string =>
  storedText(ctx.tenant, message, params);
