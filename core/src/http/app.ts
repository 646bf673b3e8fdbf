import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import { auditRoutes } from '../audit/routes.ts';
import { csrfGuard } from '../auth/csrf.ts';
import { authRoutes } from '../auth/routes.ts';
import { secondFactorRoutes } from '../auth/second-factor-routes.ts';
import { sessionMiddleware } from '../auth/session-middleware.ts';
import { tokenRoutes } from '../auth/token-routes.ts';
import { operatorBillingRoutes } from '../billing/operator-routes.ts';
import { billingRoutes } from '../billing/routes.ts';
import { newRequestStats, serverTiming, withRequestStats } from '../db/request-stats.ts';
import { eventRoutes } from '../events/routes.ts';
import { cm } from '../i18n/core-messages.ts';
import { labelRoutes } from '../labels/routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { maintenanceGuard, maintenanceStatus } from '../ops/maintenance.ts';
import { om } from '../ops/messages.ts';
import { backupRoutes } from '../ops/routes.ts';
import { partyRoutes } from '../parties/routes.ts';
import { moduleRoutes } from '../plugins/modules-routes.ts';
import { mountPlugins } from '../plugins/mount.ts';
import { profileRoutes } from '../profile/routes.ts';
import { consoleRoutes, engagementRoutes } from '../providers/index.ts';
import { managementRoutes } from '../records/management-routes.ts';
import { recordRoutes } from '../records/routes.ts';
import { isRecordUpload, recordUploadBody } from '../records/upload.ts';
import type { Runtime } from '../runtime.ts';
import { scheduleRoutes } from '../schedules/routes.ts';
import { setupRoutes } from '../setup/routes.ts';
import { invitationRoutes } from '../tenancy/invitation-routes.ts';
import { meRoutes } from '../tenancy/me-routes.ts';
import { memberRoutes } from '../tenancy/members-routes.ts';
import { roleRoutes } from '../tenancy/roles-routes.ts';
import { tenantMiddleware } from '../tenancy/tenant-middleware.ts';
import type { BaseEnv } from './env.ts';
import { renderProblem, toProblem } from './errors.ts';
import { metricsRoute } from './metrics.ts';
import { mountOpenApi } from './openapi.ts';
import { Problem } from './problem.ts';
import { newRouter } from './router.ts';

const MAX_JSON_BODY = 1024 * 1024;

/** The HTTP app: middleware chain of DESIGN §4, core routes, plugin routes, OpenAPI. */
export function buildApp(runtime: Runtime) {
  const base = newRouter<BaseEnv>();
  base.onError((err, c) => {
    const problem = toProblem(err);
    if (problem.status >= 500) {
      runtime.log('error', 'request failed', {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    }
    return renderProblem(c, problem);
  });
  base.notFound((c) => renderProblem(c, new Problem(404, 'not_found', cm.no_route)));

  base.use('*', requestId({ headerName: 'x-request-id' }));
  base.use('*', async (c, next) => {
    c.set('runtime', runtime);
    const started = performance.now();
    const stats = newRequestStats();
    await withRequestStats(stats, next);
    runtime.metrics.observe(c, (performance.now() - started) / 1000, stats);
    if (runtime.config.serverTiming) c.header('Server-Timing', serverTiming(stats, performance.now() - started));
    if (runtime.config.logLevel === 'debug' || (runtime.config.logLevel === 'info' && runtime.config.env !== 'test')) {
      runtime.log('info', `${c.req.method} ${c.req.path} ${c.res.status}`, {
        requestId: c.var.requestId,
        ms: Math.round(performance.now() - started),
      });
    }
  });
  base.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  base.get('/healthz', (c) => c.json({ ok: true }));
  base.get('/metrics', (c) => metricsRoute(c, runtime));
  const { maintenance } = runtime.operations;
  base.get('/api/maintenance', (c) => maintenanceStatus(c, maintenance.state));
  base.use('/api/*', maintenanceGuard(maintenance));
  base.get('/readyz', async (c) => {
    if (maintenance.state) return renderProblem(c, new Problem(503, 'maintenance', om.maintenance_restore));
    try {
      await sql`select 1`.execute(runtime.db);
      return c.json({ ok: true });
    } catch {
      return renderProblem(c, new Problem(503, 'unavailable', cm.unavailable));
    }
  });

  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_JSON_BODY,
    onError: () => {
      throw new Problem(413, 'payload_too_large', cm.payload_too_large, { params: { limit: MAX_JSON_BODY } });
    },
  });
  // Attachment uploads have their own limit (recordUploadBody, below).
  base.use('/api/*', (c, next) => (isRecordUpload(c) ? next() : jsonBodyLimit(c, next)));
  base.use('/api/*', csrfGuard([runtime.config.publicUrl, ...devOrigins(runtime)]));
  base.use('/api/*', sessionMiddleware(runtime.lucia));
  base.use('/api/t/:tenant/records', recordUploadBody(runtime));
  base.use('/api/t/:tenant/*', tenantMiddleware as never);

  const app = base
    .route('/api/auth', authRoutes)
    .route('/api/auth', secondFactorRoutes)
    .route('/api', meRoutes)
    .route('/api/t/:tenant', memberRoutes)
    .route('/api/t/:tenant', invitationRoutes)
    .route('/api/t/:tenant', roleRoutes)
    .route('/api/t/:tenant', tokenRoutes)
    .route('/api/t/:tenant', moduleRoutes)
    .route('/api/t/:tenant', profileRoutes)
    .route('/api/t/:tenant', setupRoutes)
    .route('/api/t/:tenant', notificationRoutes)
    .route('/api/t/:tenant', partyRoutes)
    .route('/api/t/:tenant', billingRoutes)
    .route('/api/operator/billing', operatorBillingRoutes)
    .route('/api/operator/backups', backupRoutes)
    .route('/api/t/:tenant', auditRoutes)
    .route('/api/t/:tenant', eventRoutes)
    .route('/api/t/:tenant', scheduleRoutes)
    .route('/api/t/:tenant', managementRoutes)
    .route('/api/t/:tenant', recordRoutes)
    .route('/api/t/:tenant', labelRoutes)
    .route('/api/t/:tenant', engagementRoutes)
    .route('/api/providers', consoleRoutes);

  mountPlugins(app as never, runtime);
  mountOpenApi(app as never);
  return app;
}

/**
 * In development the Vite dev server may call the API, and the server may be opened by localhost or
 * 127.0.0.1 alike; elsewhere only PUBLIC_URL counts.
 */
function devOrigins(runtime: Runtime): string[] {
  if (runtime.config.env !== 'development') return [];
  const port = runtime.config.port;
  return ['http://localhost:5173', 'http://127.0.0.1:5173', `http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

/**
 * Content-Security-Policy (issue 11, item 11): scripts only from this origin (the web app's bundles
 * and /api/docs's files; no inline or eval'd script anywhere, so neither nonces nor hashes are
 * needed), no plugins, no framing, no foreign form targets. Inline style attributes stay allowed
 * (the UI kit and Swagger UI set them); they cannot run code.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export type CoreApp = ReturnType<typeof buildApp>;
