import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Problem, unauthorized } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import { tm } from '../tenancy/messages.ts';
import { isLiveToken } from '../tenancy/tenant-middleware.ts';
import { rm } from './messages.ts';

const UPLOAD_PATH = /^\/api\/t\/[^/]+\/records$/;

/** True for the attachment upload (POST /api/t/:tenant/records), which has its own body limit. */
export function isRecordUpload(c: Context): boolean {
  return c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path);
}

/**
 * The upload's body limit (config.maxUploadBytes instead of the 1 MB JSON limit). It also reads the
 * whole body before the tenant transaction begins, so a slow upload never holds a database
 * connection (or, embedded, PGlite's single session). Only callers with a session or a live API
 * token get this far with a body; the tenant middleware still decides access.
 */
export function recordUploadBody(runtime: Runtime): MiddlewareHandler {
  const max = runtime.config.maxUploadBytes;
  const limit = bodyLimit({
    maxSize: max,
    onError: () => {
      throw new Problem(413, 'payload_too_large', rm.file_too_large, {
        params: { mb: Math.floor((max / 1024 / 1024) * 10) / 10 },
        extra: { maxBytes: max },
      });
    },
  });
  return async (c, next) => {
    if (!isRecordUpload(c)) return next();
    // Nobody unauthenticated gets their body read (issue 11, item 11): no session and no live token
    // is 401 before a byte of it is consumed.
    if (!c.get('user')) {
      const bearer = c.req.header('authorization');
      const live = bearer?.startsWith('Bearer ') && (await isLiveToken(runtime, bearer.slice(7).trim()));
      if (!live)
        throw bearer?.startsWith('Bearer ') ? new Problem(401, 'invalid_token', tm.invalid_token) : unauthorized();
    }
    return limit(c, async () => {
      await c.req.arrayBuffer();
      await next();
    });
  };
}
