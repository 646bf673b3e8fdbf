import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

export const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Serves the built web app: hashed assets with long caching, every other non-API path gets
 * index.html so the client router takes over.
 */
export function serveWeb(app: Hono<any>) {
  if (!existsSync(`${webDist}/index.html`)) return;
  app.use(
    '/assets/*',
    serveStatic({
      root: webDist,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use('*', serveStatic({ root: webDist }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const html = await readFile(`${webDist}/index.html`, 'utf8');
    return c.html(html);
  });
}
