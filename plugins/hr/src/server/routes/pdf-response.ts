import { z } from '@bureau/core';

/** The OpenAPI response of a route that answers a PDF. */
export const pdfResponse = {
  description: 'PDF',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
};
