import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { createAccount, deleteAccount, getAccount, listAccounts, updateAccount } from '../services/accounts.ts';
import { getSettings, updateSettings } from '../services/settings.ts';
import { AccountCode, AccountType, Bool, CashFlowCategory, IdParam, Ok, Text } from './schemas.ts';

const Account = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    type: AccountType,
    parent: z.string().nullable(),
    parentId: z.string().nullable(),
    active: z.boolean(),
    cash: z.boolean(),
    cashFlow: CashFlowCategory,
    hasPostings: z.boolean(),
  })
  .openapi('AccountingAccount');

const AccountInput = z
  .object({
    code: AccountCode,
    name: Text(200).min(1),
    type: AccountType,
    parent: AccountCode.nullable().optional(),
    active: z.boolean().optional(),
    cash: z.boolean().optional(),
    cashFlow: CashFlowCategory.optional(),
  })
  .openapi('AccountingAccountInput');

const Roles = z.object({
  receivable: AccountCode.optional(),
  payable: AccountCode.optional(),
  vatOutput: AccountCode.optional(),
  vatInput: AccountCode.optional(),
  revenue: AccountCode.optional(),
  expense: AccountCode.optional(),
  bankRoot: AccountCode.optional(),
  cash: AccountCode.optional(),
  fxGain: AccountCode.optional(),
  fxLoss: AccountCode.optional(),
  bankFee: AccountCode.optional(),
});

const Settings = z
  .object({
    currency: z.string(),
    country: z.string(),
    fiscalYearStartMonth: z.number().int(),
    accounts: z.record(z.string(), z.string().nullable()),
  })
  .openapi('AccountingSettings');

const tags = ['accounting: accounts'];

/** Chart of accounts and accounting settings. */
export const accountRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/accounts',
        tags,
        summary: 'The chart of accounts (a tree: each account names its parent code)',
        permission: 'accounting.read',
        request: { query: z.object({ active: Bool.optional(), type: AccountType.optional() }) },
        responses: { 200: json(z.object({ accounts: z.array(Account) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ accounts: await listAccounts(c.var.ctx, c.req.valid('query')) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/accounts',
        tags,
        summary: 'Add an account',
        permission: 'accounting.admin',
        request: { body: jsonBody(AccountInput) },
        responses: { 201: json(Account, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createAccount(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/accounts/{id}',
        tags,
        summary: 'One account',
        permission: 'accounting.read',
        request: { params: IdParam },
        responses: { 200: json(Account), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await getAccount(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/accounts/{id}',
        tags,
        summary: 'Rename, move, (de)activate an account; code and type only while it has no postings',
        permission: 'accounting.admin',
        request: { params: IdParam, body: jsonBody(AccountInput.partial()) },
        responses: { 200: json(Account), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await updateAccount(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: '/accounts/{id}',
        tags,
        summary: 'Delete an account that has no postings, no sub-accounts and no other use',
        permission: 'accounting.admin',
        request: { params: IdParam },
        responses: { 200: json(Ok), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        await deleteAccount(c.var.ctx, c.req.valid('param').id);
        return c.json({ ok: true as const }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/settings',
        tags,
        summary: 'Functional currency, fiscal year and the accounts automatic postings use',
        permission: 'accounting.read',
        responses: { 200: json(Settings), ...problemResponses(401, 403) },
      }),
      async (c) => c.json(await getSettings(c.var.ctx), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/settings',
        tags,
        summary: 'Change the default accounts (by code) or, before the first posting, the fiscal year start',
        permission: 'accounting.admin',
        request: {
          body: jsonBody(
            z.object({ fiscalYearStartMonth: z.number().int().min(1).max(12).optional(), accounts: Roles.optional() }),
          ),
        },
        responses: { 200: json(Settings), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await updateSettings(c.var.ctx, c.req.valid('json')), 200),
    );
