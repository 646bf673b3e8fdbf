/**
 * The typed API client. Every call of the web app goes through `client` (hono/client), typed from the
 * server's routes (`AppType` of @bureau/server), so a changed route breaks this build instead of the user.
 * Response shapes the pages rely on live in ./types.ts and are checked against the server's at each call
 * site (`const me: Me = await unwrap(client.api.me.$get())`).
 */

import { languageHeaders } from '@bureau/core/ui';
import type { AppType } from '@bureau/server/app-type';
import { hc } from 'hono/client';

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

export const client = hc<AppType>(origin, { init: { credentials: 'same-origin' }, headers: languageHeaders });
