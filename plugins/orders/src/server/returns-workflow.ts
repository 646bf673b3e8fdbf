import { defineWorkflow } from '@bureau/core';
import { ReturnReceiveInput } from '../schema.ts';
import { receiveReturn } from './services/returns.ts';

/**
 * A return authorisation (RMA): authorised → received (the goods back to stock or scrap, the customer
 * credited), or cancelled while nothing came back. Events `orders.return.receive|cancel`.
 */
export const returnWorkflow = defineWorkflow({
  table: 'orders.returns',
  readPermission: 'orders.read',
  initial: 'authorised',
  states: {
    authorised: { label: { en: 'Authorised', cs: 'Povolená' }, tone: 'info' },
    received: { label: { en: 'Received', cs: 'Přijatá' }, tone: 'success', final: true },
    cancelled: { label: { en: 'Cancelled', cs: 'Zrušená' }, tone: 'neutral', final: true },
  },
  transitions: {
    receive: {
      from: 'authorised',
      to: 'received',
      permission: 'orders.fulfil',
      label: { en: 'Receive', cs: 'Přijmout' },
      input: ReturnReceiveInput,
      async run({ ctx, id, input }) {
        await receiveReturn(ctx, id, input);
      },
    },
    cancel: {
      from: 'authorised',
      to: 'cancelled',
      permission: 'orders.sell',
      label: { en: 'Cancel', cs: 'Zrušit' },
      danger: true,
    },
  },
});
