import { defineWorkflow, z } from '@bureau/core';
import { CONTRACT_TYPES } from '../../schema.ts';
import { closeCandidate, hireCandidate, writeOffer } from './service.ts';

/** An opening takes candidates while open; paused keeps its pipeline; closed is the end. */
export const openingWorkflow = defineWorkflow({
  table: 'hr.openings',
  readPermission: 'hr.recruiting.read',
  initial: 'open',
  states: {
    open: { label: { en: 'Open', cs: 'Otevřená' }, tone: 'success' },
    paused: { label: { en: 'Paused', cs: 'Pozastavená' }, tone: 'warning' },
    closed: { label: { en: 'Closed', cs: 'Uzavřená' }, tone: 'neutral', final: true },
  },
  transitions: {
    pause: {
      from: 'open',
      to: 'paused',
      permission: 'hr.recruiting.manage',
      label: { en: 'Pause', cs: 'Pozastavit' },
    },
    resume: {
      from: 'paused',
      to: 'open',
      permission: 'hr.recruiting.manage',
      label: { en: 'Reopen', cs: 'Znovu otevřít' },
    },
    close: {
      from: ['open', 'paused'],
      to: 'closed',
      permission: 'hr.recruiting.manage',
      label: { en: 'Close', cs: 'Uzavřít' },
      danger: true,
    },
  },
});

const amount = (en: string, cs: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}([.,]\d{1,2})?$/)
    .optional()
    .meta({ label: { en, cs } });

/** The terms offered; the hire's first contract. */
export const OfferInput = z.object({
  contractType: z.enum(CONTRACT_TYPES).meta({
    label: { en: 'Contract', cs: 'Smlouva' },
    optionLabels: { hpp: { en: 'HPP', cs: 'HPP' }, dpp: { en: 'DPP', cs: 'DPP' }, dpc: { en: 'DPČ', cs: 'DPČ' } },
  }),
  startDate: z.iso.date().meta({ label: { en: 'Start date (YYYY-MM-DD)', cs: 'Datum nástupu (RRRR-MM-DD)' } }),
  monthlySalary: amount('Monthly salary (CZK)', 'Měsíční mzda (Kč)'),
  hourlyRate: amount('Hourly rate (CZK)', 'Hodinová sazba (Kč)'),
  weeklyHours: z
    .number()
    .min(0)
    .max(60)
    .optional()
    .meta({ label: { en: 'Weekly hours', cs: 'Týdenní úvazek (hodin)' } }),
});
export type OfferInput = z.infer<typeof OfferInput>;

export const REJECT_REASONS = ['not_qualified', 'other_candidate', 'declined_offer', 'no_show', 'other'] as const;

/**
 * A candidate (one application) is in the pipeline (`active`, moving between the tenant's stages),
 * then offered, then hired — which creates the employee through the employee service and starts the
 * onboarding checklist — or rejected or withdrawn. Closing starts the retention period.
 */
export const candidateWorkflow = defineWorkflow({
  table: 'hr.candidates',
  readPermission: 'hr.recruiting.read',
  initial: 'active',
  states: {
    active: { label: { en: 'In the pipeline', cs: 'Ve výběru' }, tone: 'info' },
    offered: { label: { en: 'Offered', cs: 'Nabídka' }, tone: 'warning' },
    hired: { label: { en: 'Hired', cs: 'Přijat' }, tone: 'success', final: true },
    rejected: { label: { en: 'Rejected', cs: 'Odmítnut' }, tone: 'danger', final: true },
    withdrawn: { label: { en: 'Withdrew', cs: 'Odstoupil' }, tone: 'neutral', final: true },
  },
  transitions: {
    offer: {
      from: 'active',
      to: 'offered',
      permission: 'hr.recruiting.manage',
      label: { en: 'Make an offer', cs: 'Předložit nabídku' },
      input: OfferInput,
      run: ({ ctx, id, record, input }) => writeOffer(ctx, id, record, input),
    },
    hire: {
      from: 'offered',
      to: 'hired',
      permission: 'hr.people.manage',
      label: { en: 'Hire', cs: 'Přijmout' },
      run: ({ ctx, id, record }) => hireCandidate(ctx, id, record),
    },
    reject: {
      from: ['active', 'offered'],
      to: 'rejected',
      permission: 'hr.recruiting.manage',
      label: { en: 'Reject', cs: 'Odmítnout' },
      danger: true,
      input: z.object({
        reason: z.enum(REJECT_REASONS).meta({
          label: { en: 'Reason', cs: 'Důvod' },
          optionLabels: {
            not_qualified: { en: 'Does not meet the requirements', cs: 'Nesplňuje požadavky' },
            other_candidate: { en: 'Another candidate chosen', cs: 'Vybrán jiný uchazeč' },
            declined_offer: { en: 'Declined the offer', cs: 'Odmítl nabídku' },
            no_show: { en: 'Did not come', cs: 'Nedostavil se' },
            other: { en: 'Other', cs: 'Jiný' },
          },
        }),
      }),
      run: async ({ ctx, id, input }) => {
        await closeCandidate(ctx, id);
        return { reason: input.reason };
      },
    },
    withdraw: {
      from: ['active', 'offered'],
      to: 'withdrawn',
      permission: 'hr.recruiting.manage',
      label: { en: 'Candidate withdrew', cs: 'Uchazeč odstoupil' },
      danger: true,
      run: async ({ ctx, id }) => {
        await closeCandidate(ctx, id);
      },
    },
  },
});
