import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import {
  createBankAccount,
  getBankAccount,
  ignoreLine,
  importStatement,
  listBankAccounts,
  listLines,
  listStatements,
  matchLine,
  suggestions,
  unmatchLine,
  updateBankAccount,
} from '../services/bank.ts';
import {
  AccountCode,
  BankAccountSchema,
  BankLineSchema,
  CsvMappingSchema,
  Currency,
  DateString,
  IdParam,
  Paging,
  Rate,
  SuggestionSchema,
  Text,
} from './schemas.ts';

const BankAccountInput = z
  .object({
    name: Text(200).min(1),
    iban: Text(50).nullable().optional(),
    accountNumber: Text(40).nullable().optional(),
    bic: Text(11).nullable().optional(),
    currency: Currency.optional(),
    account: AccountCode.optional().openapi({
      description: 'Ledger account; omitted → a new analytic account under the bank root',
    }),
  })
  .openapi('AccountingBankAccountInput');

const ImportInput = z
  .object({
    format: z.enum(['csv', 'camt053', 'ofx']),
    content: z.string().max(20_000_000).optional(),
    contentBase64: z.string().max(27_000_000).optional(),
    encoding: z.enum(['utf-8', 'windows-1250', 'iso-8859-2', 'windows-1252', 'iso-8859-1']).optional(),
    fileName: Text(200).optional(),
    mapping: CsvMappingSchema.optional(),
    saveMapping: z.boolean().optional(),
  })
  .openapi('AccountingStatementImport');

const ImportResult = z
  .object({ statementIds: z.array(z.string()), imported: z.number().int(), duplicates: z.number().int() })
  .openapi('AccountingStatementImportResult');

const Statement = z.object({
  id: z.string(),
  format: z.enum(['csv', 'camt053', 'ofx']),
  reference: z.string().nullable(),
  fileName: z.string().nullable(),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  openingBalance: z.string().nullable(),
  closingBalance: z.string().nullable(),
  lines: z.number().int(),
  duplicates: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
});

const MatchInput = z
  .object({
    documentId: z
      .uuid()
      .optional()
      .openapi({ description: 'Pay this invoice (money in) or bill (money out) with the line' }),
    paymentId: z.uuid().optional().openapi({ description: 'Link a payment recorded before' }),
    account: AccountCode.optional().openapi({
      description: 'Post the line to this account (fees, interest, transfers)',
    }),
    memo: Text(500).optional(),
    rate: Rate.optional(),
  })
  .openapi('AccountingBankMatch');

const tags = ['accounting: bank'];

/** Bank accounts, statement import (CSV, camt.053, OFX) and reconciliation. */
export const bankRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/bank-accounts',
        tags,
        summary: 'Bank accounts with ledger balance and unmatched lines',
        permission: 'accounting.read',
        responses: { 200: json(z.object({ bankAccounts: z.array(BankAccountSchema) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ bankAccounts: await listBankAccounts(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/bank-accounts',
        tags,
        summary: 'Add a bank account',
        permission: 'accounting.admin',
        request: { body: jsonBody(BankAccountInput) },
        responses: { 201: json(BankAccountSchema, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createBankAccount(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/bank-accounts/{id}',
        tags,
        summary: 'One bank account',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(BankAccountSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getBankAccount(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/bank-accounts/{id}',
        tags,
        summary: 'Rename, (de)activate, or set the saved CSV mapping',
        permission: 'accounting.admin',
        request: {
          params: IdParam,
          body: jsonBody(
            z.object({
              name: Text(200).min(1).optional(),
              bic: Text(11).nullable().optional(),
              active: z.boolean().optional(),
              csvMapping: CsvMappingSchema.nullable().optional(),
            }),
          ),
        },
        responses: { 200: json(BankAccountSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await updateBankAccount(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/bank-accounts/{id}/statements',
        tags,
        summary:
          'Import a statement (CSV with a column mapping saved per bank account, camt.053 XML or OFX); lines imported before are skipped as duplicates',
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(ImportInput) },
        responses: { 201: json(ImportResult, 'Imported'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await importStatement(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/bank-accounts/{id}/statements',
        tags,
        summary: 'Imported statements of a bank account',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(z.object({ statements: z.array(Statement) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json({ statements: await listStatements(c.var.ctx, c.req.valid('param').id) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/bank-lines',
        tags,
        summary: 'Statement lines; `status=unmatched` is the reconciliation work list',
        permission: 'accounting.read',
        request: {
          query: z.object({
            bankAccountId: z.uuid().optional(),
            status: z.enum(['unmatched', 'matched', 'ignored']).optional(),
            from: DateString.optional(),
            to: DateString.optional(),
            ...Paging,
          }),
        },
        responses: { 200: json(z.object({ lines: z.array(BankLineSchema) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ lines: await listLines(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/bank-lines/{id}/suggestions',
        tags,
        summary: 'Match candidates by variable symbol, amount, counterparty account and name, reference',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: {
          200: json(z.object({ suggestions: z.array(SuggestionSchema) })),
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json({ suggestions: await suggestions(c.var.ctx, c.req.valid('param').id) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/bank-lines/{id}/match',
        tags,
        summary: 'Match a line to a document (creates the payment), to a payment, or to an account',
        permission: 'accounting.post',
        request: { params: IdParam, body: jsonBody(MatchInput) },
        responses: { 200: json(BankLineSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await matchLine(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: '/bank-lines/{id}/match',
        tags,
        summary: 'Undo a match (or an ignore): a payment it created is voided, an entry it posted reversed',
        permission: 'accounting.post',
        request: { params: IdParam },
        responses: { 200: json(BankLineSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await unmatchLine(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/bank-lines/{id}/ignore',
        tags,
        summary: 'Take a line off the unmatched list without posting anything',
        permission: 'accounting.post',
        request: { params: IdParam },
        responses: { 200: json(BankLineSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await ignoreLine(c.var.ctx, c.req.valid('param').id), 200),
    );
