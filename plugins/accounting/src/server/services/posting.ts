import { badRequest, notFound } from '@bureau/core';
import type { PostingService } from '../../contract.ts';
import type { Ctx } from './context.ts';
import { entryIdBySource, entryView, post, reverse } from './ledger.ts';

/** The `accounting.posting` service other modules reach through `ctx.use(postingService)`. */
export function postingServiceFor(ctx: Ctx): PostingService {
  // Accounting's own documents (invoices, payments) post under `accounting.*`; other modules may not.
  const external = (type: string) => {
    if (type.startsWith('accounting.')) {
      throw badRequest('invalid_input', 'Source types accounting.* are reserved', [
        { path: 'source.type', message: 'Use <your module>.<document>' },
      ]);
    }
  };
  return {
    post: (request) => {
      if (request.source) external(request.source.type);
      return post(ctx, request);
    },
    reverse: (entryId, options = {}) => reverse(ctx, entryId, options),
    async reverseBySource(source, options = {}) {
      external(source.type);
      const id = await entryIdBySource(ctx, source.type, source.id);
      if (!id) throw notFound('Journal entry');
      return reverse(ctx, id, options);
    },
    async findBySource(source) {
      const id = await entryIdBySource(ctx, source.type, source.id);
      return id ? entryView(ctx, id) : null;
    },
    get: (entryId) => entryView(ctx, entryId),
  };
}
