import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Problem } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import { rm } from './messages.ts';

const UPLOAD_PATH = /^\/api\/t\/[^/]+\/records$/;

/** True for the attachment upload (POST /api/t/:tenant/records), which has its own body limit. */
export function isRecordUpload(c: Context): boolean {
  return c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path);
}

/**
 * The upload's body limit (config.maxUploadBytes instead of the 1 MB JSON limit). It also reads the
 * whole body before the tenant transaction begins, so a slow upload never holds a database
 * connection (or, embedded, PGlite's single session). Only callers that present a session or a
 * Bearer token get this far with a body; the tenant middleware still decides access.
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
    if (!c.get('user') && !c.req.header('authorization')?.startsWith('Bearer ')) return next();
    return limit(c, async () => {
      await c.req.arrayBuffer();
      await next();
    });
  };
}
