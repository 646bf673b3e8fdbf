import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { BaseEnv } from './env.ts';

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bureau API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script></body></html>`;

const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });`;

const DOCUMENT_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Bureau API',
    version: '1.0.0',
    description:
      'Multi-tenant back office. Tenant routes live under /api/t/{tenant}; errors are application/problem+json with a stable code.',
  },
};

/**
 * Mount prefixes such as `/api/t/{tenant}` are not part of each route's own schema; declare every
 * path template parameter an operation lacks, so strict OpenAPI validators accept the document.
 */
function declarePathParameters<D extends { paths?: Record<string, any> }>(doc: D): D {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    for (const method of ['get', 'put', 'post', 'patch', 'delete', 'head', 'options']) {
      const op = item?.[method];
      if (!op) continue;
      op.parameters ??= [];
      for (const name of names) {
        if (!op.parameters.some((p: { in?: string; name?: string }) => p.in === 'path' && p.name === name)) {
          op.parameters.unshift({ in: 'path', name, required: true, schema: { type: 'string' } });
        }
      }
    }
  }
  return doc;
}

/** Serves the OpenAPI 3.1 document generated from the route schemas, and an interactive page, offline. */
export function mountOpenApi(app: OpenAPIHono<BaseEnv>) {
  let doc: ReturnType<typeof app.getOpenAPI31Document> | null = null;
  app.get('/api/openapi.json', (c) => {
    doc ??= declarePathParameters(app.getOpenAPI31Document(DOCUMENT_INFO));
    return c.json(doc);
  });
  app.get('/api/docs', (c) => c.html(DOCS_HTML));
  app.get('/api/docs/assets/init.js', (c) =>
    c.body(INIT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/api/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.notFound();
    const body = await readFile(join(swaggerDir, file));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
