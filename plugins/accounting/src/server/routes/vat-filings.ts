import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { fm } from '../../field-messages.ts';
import { RETURN_CELLS } from '../data/cz-vat-filings.ts';
import { dateOf } from '../services/dates.ts';
import { getVatFiler, updateVatFiler } from '../services/vat-filer.ts';
import { filingXml, vatFilings } from '../services/vat-filings-view.ts';

const tags = ['accounting: vat'];

const Filer = z
  .object({
    vatId: z.string().nullable(),
    name: z.string(),
    street: z.string().nullable(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    taxOffice: z.string().nullable(),
    taxOfficeBranch: z.string().nullable(),
    nace: z.string().nullable(),
    kind: z.enum(['P', 'F']),
    vatPeriod: z.enum(['month', 'quarter']),
    vatPayer: z.boolean().openapi({ description: 'The company profile says the firm is a VAT payer' }),
    coefficient: z.string().nullable(),
    fromProfile: z
      .array(z.enum(['vatId', 'name', 'street', 'city', 'postalCode', 'vatPeriod']))
      .openapi({ description: 'Fields left empty here and taken from the company profile (Settings → Company)' }),
  })
  .openapi('AccountingVatFiler');

const FilerPatch = z
  .object({
    vatId: z
      .string()
      .regex(/^CZ\d{8,10}$/, fm.cz_dic.ref)
      .nullable(),
    name: z.string().trim().min(1).max(255),
    street: z.string().trim().max(38).nullable(),
    city: z.string().trim().max(48).nullable(),
    postalCode: z
      .string()
      .regex(/^\d{5}$/, fm.five_digits.ref)
      .nullable(),
    taxOffice: z
      .string()
      .regex(/^\d{1,3}$/, fm.tax_office.ref)
      .nullable(),
    taxOfficeBranch: z
      .string()
      .regex(/^\d{1,4}$/, fm.tax_branch.ref)
      .nullable(),
    nace: z
      .string()
      .regex(/^\d{1,6}$/, fm.nace.ref)
      .nullable(),
    kind: z.enum(['P', 'F']),
    /** null follows the company profile's VAT period. */
    vatPeriod: z.enum(['month', 'quarter']).nullable(),
  })
  .partial()
  .strict();

const PeriodParam = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, fm.vat_period.ref)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2026-07' }),
});

const Amount = z.string();
const KhRow = z.object({
  documentId: z.string().nullable(),
  evidenceNumber: z.string(),
  date: z.string(),
  partnerName: z.string().nullable(),
  vatId: z.string().nullable(),
  subjectCode: z.string().nullable(),
  base: Amount,
  vat: Amount,
});
const Filings = z
  .object({
    period: z.string(),
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    due: z.string(),
    unposted: z.array(
      z.object({ id: z.string(), kind: z.string(), type: z.string(), taxDate: z.string(), partnerName: z.string() }),
    ),
    vatReturn: z.object({
      cells: z.array(
        z.object({
          key: z.string(),
          row: z.string(),
          attr: z.string(),
          label: z.string(),
          exact: Amount,
          filed: z.string(),
        }),
      ),
      outputVat: Amount,
      deductibleVat: Amount,
      payable: z.string(),
    }),
    controlStatement: z.object({
      sections: z.record(z.string(), z.array(KhRow)),
      totals: z.record(z.string(), Amount),
    }),
    ecSalesList: z.object({
      rows: z.array(
        z.object({ country: z.string(), vatId: z.string(), code: z.string(), value: z.string(), count: z.number() }),
      ),
      missingVatId: z.array(z.string()),
    }),
  })
  .openapi('AccountingVatFilings');

/** The VAT filer's details and the VAT filings of a period: figures, and the Tax Portal's XML. */
export const vatFilingRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/vat/filer',
        tags,
        summary: 'The filer of the VAT filings (DIČ, name, seat, tax office, VAT period)',
        permission: 'accounting.read',
        responses: { 200: json(Filer), ...problemResponses(401, 403) },
      }),
      async (c) => c.json(await getVatFiler(c.var.ctx), 200),
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/vat/filer',
        tags,
        summary: 'Change the filer of the VAT filings',
        permission: 'accounting.admin',
        request: { body: jsonBody(FilerPatch) },
        responses: { 200: json(Filer), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await updateVatFiler(c.var.ctx, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/vat/filings/{period}',
        tags,
        summary: `The VAT return (${Object.keys(RETURN_CELLS).length} cells), control statement and EC sales list of a month or quarter`,
        permission: 'accounting.read',
        request: { params: PeriodParam },
        responses: { 200: json(Filings), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await vatFilings(c.var.ctx, c.req.valid('param').period), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/vat/filings/{period}/{form}',
        tags,
        summary:
          'The filing as the Tax Portal (EPO) imports it: dphdp3.xml (VAT return), dphkh1.xml (control statement), dphshv.xml (EC sales list); 409 `unposted_documents` names drafts dated in the period',
        permission: 'accounting.read',
        request: {
          params: PeriodParam.extend({
            form: z.enum(['dphdp3.xml', 'dphkh1.xml', 'dphshv.xml']).openapi({ param: { name: 'form', in: 'path' } }),
          }),
        },
        responses: {
          200: {
            description: 'EPO XML (attachment)',
            content: { 'application/xml': { schema: z.string() } },
          },
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => {
        const { period, form } = c.req.valid('param');
        const xml = await filingXml(c.var.ctx, period, form, dateOf(c.var.ctx.now()));
        return c.body(xml, 200, {
          'content-type': 'application/xml; charset=utf-8',
          'content-disposition': `attachment; filename="${form.replace('.xml', '')}-${period}.xml"`,
        });
      },
    );
