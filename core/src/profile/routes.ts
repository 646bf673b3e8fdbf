import { createRoute } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { badRequest, fieldError, notFound, Problem } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { json, jsonBody, problemResponses } from '../http/schemas.ts';
import { sniffContentType } from '../records/sniff.ts';
import { pm } from './messages.ts';
import { CompanyProfileInput, CompanyProfileSchema } from './schema.ts';
import { readCompanyLogo, readCompanyProfile, saveCompanyProfile } from './service.ts';
import { validateProfile } from './validate.ts';

export const PROFILE_MANAGE = 'tenant.settings.manage';
const MAX_LOGO_BYTES = 256 * 1024;
const LOGO_TYPES = new Set(['image/png', 'image/jpeg']);

/** The firm's own details (Settings → Company): read by every member, changed with tenant.settings.manage. */
export const profileRoutes = newRouter<TenantEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/profile',
      tags: ['profile'],
      summary: "The firm's legal name, IČO, DIČ, VAT status, address, bank accounts and defaults",
      responses: { 200: json(CompanyProfileSchema), ...problemResponses(401, 404) },
    }),
    async (c) => c.json(await readCompanyProfile(c.var.db, c.var.tenant), 200),
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/profile',
      tags: ['profile'],
      permission: PROFILE_MANAGE,
      description:
        "Sets the firm's details. IČO, DIČ (a VAT payer needs one and a filing period), IBAN, BIC and Czech account numbers are checked; a Czech account's IBAN is derived from its number when left out. Also updates billing's buyer details.",
      request: { body: jsonBody(CompanyProfileInput) },
      responses: { 200: json(CompanyProfileSchema), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { db, tenant, runtime } = c.var;
      const valid = validateProfile(c.req.valid('json'));
      const before = await readCompanyProfile(db, tenant);
      await saveCompanyProfile(db, tenant, valid, runtime.clock.now());
      const after = await readCompanyProfile(db, tenant);
      await c.var.ctx.audit({ action: 'profile.updated', entityType: 'profile', entityId: null, before, after });
      return c.json(after, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profile/logo',
      tags: ['profile'],
      summary: "The firm's logo (PNG or JPEG)",
      responses: { 200: { description: 'The image' }, ...problemResponses(401, 404) },
    }),
    async (c) => {
      const logo = await readCompanyLogo(c.var.db, c.var.tenant.id);
      if (!logo) throw notFound(pm.no_logo);
      return c.body(logo.bytes, 200, { 'content-type': logo.type, 'cache-control': 'private, max-age=60' });
    },
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/profile/logo',
      tags: ['profile'],
      permission: PROFILE_MANAGE,
      description:
        'Sets the logo printed on documents: the request body is the PNG or JPEG image itself, at most 256 kB.',
      responses: { 204: { description: 'Saved' }, ...problemResponses(400, 401, 403, 413) },
    }),
    async (c) => {
      const { db, tenant, runtime } = c.var;
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > MAX_LOGO_BYTES)
        throw new Problem(413, 'payload_too_large', pm.logo_size, { params: { kb: MAX_LOGO_BYTES / 1024 } });
      const type = bytes.length ? await sniffContentType(bytes) : '';
      if (!LOGO_TYPES.has(type)) throw badRequest('invalid_input', pm.logo_type, [fieldError('logo', pm.logo_type)]);
      const current = await readCompanyProfile(db, tenant);
      if (!current.updatedAt)
        await saveCompanyProfile(
          db,
          tenant,
          validateProfile({ ...current, email: current.email }),
          runtime.clock.now(),
        );
      await db
        .updateTable('core.company_profiles')
        .set({ logo: Buffer.from(bytes), logo_type: type, updated_at: runtime.clock.now() })
        .where('tenant_id', '=', tenant.id)
        .execute();
      await c.var.ctx.audit({
        action: 'profile.logo_set',
        entityType: 'profile',
        entityId: null,
        after: { type, bytes: bytes.length },
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/profile/logo',
      tags: ['profile'],
      permission: PROFILE_MANAGE,
      responses: { 204: { description: 'Removed' }, ...problemResponses(401, 403) },
    }),
    async (c) => {
      await c.var.db
        .updateTable('core.company_profiles')
        .set({ logo: null, logo_type: null })
        .where('tenant_id', '=', c.var.tenant.id)
        .execute();
      await c.var.ctx.audit({ action: 'profile.logo_removed', entityType: 'profile', entityId: null });
      return c.body(null, 204);
    },
  );
