import { z } from '@hono/zod-openapi';
import { formatMoney, minorDigits } from '../lib/money.ts';
import type { Invoice } from './invoices.ts';
import type { PayerLink } from './lifecycle.ts';

export const MoneyString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .openapi({ example: '990.00' });

export const InvoiceLineSchema = z.object({
  position: z.number().int(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: MoneyString,
  amount: MoneyString,
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
});

export const InvoiceSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['invoice', 'credit_note']),
    number: z.string(),
    variableSymbol: z.string(),
    issuedOn: z.string(),
    taxableOn: z.string(),
    dueOn: z.string(),
    currency: z.string(),
    subtotal: MoneyString,
    vatRate: z.string(),
    vatMode: z.string(),
    vat: MoneyString,
    total: MoneyString,
    settled: MoneyString,
    balance: MoneyString,
    status: z.enum(['issued', 'paid', 'overdue', 'credit']),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    correctsInvoiceId: z.string().nullable(),
    note: z.string(),
    lines: z.array(InvoiceLineSchema),
    downloads: z.object({ pdf: z.string(), isdoc: z.string() }),
  })
  .openapi('BillingInvoice');

export function invoiceJson(inv: Invoice, today: string, base: string) {
  const m = (v: bigint) => formatMoney(v, minorDigits(inv.currency));
  const balance = inv.total - inv.amountSettled;
  const status =
    inv.kind === 'credit_note'
      ? ('credit' as const)
      : inv.status === 'paid'
        ? ('paid' as const)
        : inv.dueOn < today
          ? ('overdue' as const)
          : ('issued' as const);
  return {
    id: inv.id,
    kind: inv.kind,
    number: inv.number,
    variableSymbol: inv.variableSymbol,
    issuedOn: inv.issuedOn,
    taxableOn: inv.taxableOn,
    dueOn: inv.dueOn,
    currency: inv.currency,
    subtotal: m(inv.subtotal),
    vatRate: inv.vatRate,
    vatMode: inv.vatMode,
    vat: m(inv.vatTotal),
    total: m(inv.total),
    settled: m(inv.amountSettled),
    balance: m(inv.kind === 'invoice' ? balance : 0n),
    status,
    periodStart: inv.periodStart,
    periodEnd: inv.periodEnd,
    correctsInvoiceId: inv.correctsInvoiceId,
    note: inv.note,
    lines: inv.lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity: l.quantity,
      unitPrice: m(l.unitPrice),
      amount: m(l.amount),
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
    })),
    downloads: { pdf: `${base}/${inv.id}.pdf`, isdoc: `${base}/${inv.id}.isdoc` },
  };
}

export const PayerLinkSchema = z
  .object({
    id: z.string(),
    clientTenantId: z.string(),
    clientName: z.string(),
    clientSlug: z.string(),
    payerTenantId: z.string(),
    payerName: z.string(),
    status: z.enum(['offered', 'active', 'ended']),
    offeredAt: z.string(),
    acceptedAt: z.string().nullable(),
  })
  .openapi('BillingPayer');

export const payerJson = (l: PayerLink) => l;

const Item = z.object({
  kind: z.string(),
  module: z.string().optional(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: MoneyString,
  amount: MoneyString,
});

export const SummarySchema = z
  .object({
    subscription: z.object({
      status: z.enum(['trial', 'active', 'past_due', 'suspended', 'canceled']),
      statusSince: z.string(),
      plan: z.object({
        code: z.string(),
        version: z.number(),
        name: z.string(),
        includedModules: z.array(z.string()),
        includedSeats: z.number(),
      }),
      period: z.enum(['month', 'year']),
      pendingPeriod: z.enum(['month', 'year']).nullable(),
      currency: z.string(),
      trialEndsAt: z.string().nullable(),
      currentPeriodStart: z.string(),
      currentPeriodEnd: z.string(),
      cancelAtPeriodEnd: z.boolean(),
      retentionUntil: z.string().nullable(),
      items: z.array(Item),
      recurringTotal: MoneyString,
      seats: z.object({
        used: z.number(),
        members: z.number(),
        pending: z.number(),
        included: z.number(),
        extra: z.number(),
      }),
      paidBy: z.object({ tenantId: z.string(), name: z.string() }).nullable(),
    }),
    nextInvoice: z
      .object({
        date: z.string(),
        paidBy: z.enum(['self', 'provider']),
        currency: z.string(),
        lines: z.array(Item.omit({ module: true })),
        subtotal: MoneyString,
        vatRate: z.string(),
        vat: MoneyString,
        total: MoneyString,
      })
      .nullable(),
  })
  .openapi('BillingSummary');

export const ProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    ico: z.string().trim().max(20).nullable().optional(),
    dic: z.string().trim().max(20).nullable().optional(),
    street: z.string().trim().max(200).default(''),
    city: z.string().trim().max(100).default(''),
    zip: z.string().trim().max(20).default(''),
    country: z
      .string()
      .trim()
      .length(2)
      .transform((s) => s.toUpperCase()),
    email: z.string().trim().toLowerCase().max(254).email().nullable().optional(),
  })
  .openapi('BillingProfile');
