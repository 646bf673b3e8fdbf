import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { isPlatformOperator } from '../auth/operators.ts';
import type { BaseEnv } from '../http/env.ts';
import { conflict, forbidden, notFound, Problem, unauthorized } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { json, jsonBody, problemResponses } from '../http/schemas.ts';
import { fm } from '../i18n/core-field-messages.ts';
import { isBackupFileName } from './backup.ts';
import { BackupError, oneLine } from './errors.ts';
import { migrationLevel } from './manifest.ts';
import { om } from './messages.ts';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Platform operators (signed in, e-mail in BUREAU_OPERATORS), or the server's own local token: an
 * embedded server writes it into `<data dir>.lock` (readable by its user only) so `pnpm backup` can
 * ask the running server for a backup, since no second process may open the data directory.
 */
const requireOperatorOrLocal = createMiddleware<BaseEnv>(async (c, next) => {
  const ops = c.var.runtime.operations;
  const bearer = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
  if (bearer && ops.localToken && sameSecret(bearer, ops.localToken)) return next();
  const user = c.var.user;
  if (!user) throw unauthorized();
  if (!(await isPlatformOperator(c.var.runtime, user))) throw forbidden('platform.operator');
  await next();
});

const op = <const R extends Omit<Parameters<typeof createRoute>[0], 'middleware'>>(r: R) =>
  createRoute({
    ...r,
    tags: ['operations'],
    middleware: [requireOperatorOrLocal] as const,
    'x-permission': 'platform.operator',
  } as R & { middleware: [typeof requireOperatorOrLocal]; 'x-permission': string });

const Entry = z
  .object({ name: z.string(), bytes: z.number(), createdAt: z.string(), encrypted: z.boolean() })
  .openapi('BackupEntry');
const Made = z
  .object({
    name: z.string(),
    path: z.string(),
    bytes: z.number(),
    sha256: z.string(),
    tenants: z.number(),
    files: z.number(),
    migrationLevel: z.array(z.string()),
  })
  .openapi('BackupMade');
const Name = z.object({
  name: z.string().regex(/^bureau-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.tar\.gz(\.enc)?$/, fm.backup_name.ref),
});

/** /api/operator/backups: list, make now, download. */
export const backupRoutes = newRouter<BaseEnv>()
  .openapi(
    op({
      method: 'get',
      path: '/',
      summary: 'Backups in BUREAU_BACKUP_DIR, newest first, and the schedule',
      responses: {
        200: json(
          z.object({
            dir: z.string(),
            running: z.boolean(),
            schedule: z.object({
              hour: z.number().nullable(),
              timeZone: z.string(),
              keep: z.number(),
              next: z.string().nullable(),
              last: z
                .object({ at: z.string(), ok: z.boolean(), name: z.string().optional(), error: z.string().optional() })
                .nullable(),
            }),
            backups: z.array(Entry),
          }),
        ),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const { backups } = c.var.runtime.operations;
      const { config } = c.var.runtime;
      const { next, last } = await backups.schedule();
      return c.json(
        {
          dir: backups.dir,
          running: backups.running,
          schedule: {
            hour: config.backup.hour,
            timeZone: config.billing.timeZone,
            keep: config.backup.keep,
            next: next?.toISOString() ?? null,
            last,
          },
          backups: await backups.list(),
        },
        200,
      );
    },
  )
  .openapi(
    op({
      method: 'post',
      path: '/',
      summary: 'Make a backup now (database and files), while the server runs',
      request: { body: jsonBody(z.object({ passphrase: z.string().min(1).max(1024).optional() })) },
      responses: { 201: json(Made), ...problemResponses(400, 401, 403, 409, 503) },
    }),
    async (c) => {
      const { passphrase } = c.req.valid('json');
      const { backups } = c.var.runtime.operations;
      if (backups.running) throw conflict('backup_running', om.backup_running);
      try {
        const r = await backups.backupNow({ passphrase });
        return c.json(
          {
            name: r.path.split('/').at(-1) as string,
            path: r.path,
            bytes: r.bytes,
            sha256: r.sha256,
            tenants: r.manifest.tenants,
            files: r.manifest.files.count,
            migrationLevel: migrationLevel(r.manifest.migrations),
          },
          201,
        );
      } catch (err) {
        if (err instanceof BackupError && err.code === 'backup_running')
          throw conflict('backup_running', om.backup_running);
        // Not the request's fault and nothing half-written stays behind (see createBackup): 503.
        throw new Problem(503, 'backup_failed', om.backup_failed, { params: { reason: oneLine(err) } });
      }
    },
  )
  .openapi(
    op({
      method: 'get',
      path: '/{name}',
      summary: 'Download one backup archive',
      request: { params: Name },
      responses: {
        200: { description: 'The archive', content: { 'application/octet-stream': { schema: z.any() } } },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const { backups } = c.var.runtime.operations;
      const entry = isBackupFileName(name) ? (await backups.list()).find((b) => b.name === name) : undefined;
      if (!entry) throw notFound(om.backup_not_found);
      const stream = Readable.toWeb(createReadStream(join(backups.dir, name))) as ReadableStream;
      return new Response(stream, {
        status: 200,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(entry.bytes),
          'content-disposition': `attachment; filename="${name}"`,
          'cache-control': 'no-store',
        },
      });
    },
  );
