import { z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { json, jsonBody, problemResponses } from '../http/schemas.ts';
import { LABEL_LAYOUT_IDS, LABEL_LAYOUTS, labelsPerPage, layoutById } from './layouts.ts';
import { lbm } from './messages.ts';
import { labelsPdf, SYMBOLOGIES } from './render.ts';

/** The most labels one PDF holds (about 84 A4 sheets of 24). */
export const MAX_LABELS = 2000;

const Line = z.string().trim().max(80);

const LabelsRequest = z
  .object({
    symbology: z.enum(SYMBOLOGIES).default('code128'),
    layout: z.enum(LABEL_LAYOUT_IDS).default('a4-3x8'),
    skip: z.number().int().min(0).max(99).default(0).openapi({
      description: 'Positions already used on the first sheet (printing continues after them)',
    }),
    labels: z
      .array(
        z.object({
          code: z.string().min(1).max(500).openapi({ description: 'What the barcode encodes' }),
          title: Line.optional(),
          subtitle: Line.optional(),
          copies: z.number().int().min(1).max(MAX_LABELS).default(1),
        }),
      )
      .min(1)
      .max(1000),
  })
  .superRefine((v, ctx) => {
    const total = v.labels.reduce((n, l) => n + l.copies, 0);
    if (total > MAX_LABELS) {
      // `maximum` fills the message's placeholder, as zod's own bounds do.
      ctx.addIssue({
        code: 'custom',
        path: ['labels'],
        message: lbm.too_many_labels.ref,
        maximum: MAX_LABELS,
      } as never);
    }
    if (v.skip >= labelsPerPage(layoutById(v.layout)) && v.skip > 0) {
      ctx.addIssue({ code: 'custom', path: ['skip'], message: lbm.skip_beyond_sheet.ref });
    }
  })
  .openapi('LabelsRequest');

const Layout = z
  .object({
    id: z.enum(LABEL_LAYOUT_IDS),
    name: z.object({ en: z.string(), cs: z.string() }),
    perPage: z.number(),
    label: z.object({ width: z.number(), height: z.number() }),
  })
  .openapi('LabelLayout');

/** POST /labels renders barcode or QR labels as a PDF; GET /labels/layouts lists the label stocks. */
export const labelRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/labels/layouts',
      tags: ['labels'],
      permission: 'tenant.labels.print',
      responses: { 200: json(z.object({ layouts: z.array(Layout) })), ...problemResponses(401, 403, 404) },
    }),
    (c) =>
      c.json(
        {
          layouts: LABEL_LAYOUTS.map((l) => ({ id: l.id, name: l.name, perPage: labelsPerPage(l), label: l.label })),
        },
        200,
      ),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/labels',
      tags: ['labels'],
      permission: 'tenant.labels.print',
      summary: 'Barcode labels (Code 128, QR or DataMatrix) as a PDF for a sheet or a label printer',
      request: { body: jsonBody(LabelsRequest) },
      responses: {
        200: {
          description: 'The labels (PDF)',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const pdf = await labelsPdf(body.labels, {
        symbology: body.symbology,
        layout: layoutById(body.layout),
        skip: body.skip,
        title: `${c.var.tenant.name} – labels`,
      });
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="labels.pdf"',
      }) as never;
    },
  );
