/** `@bureau/core/fields`: field messages a schema shared by the server and the browser can use. */
export { defineFieldMessages, fieldMessageText } from './i18n/field-messages.ts';
