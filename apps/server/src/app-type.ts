import type { CoreApp } from '@bureau/core';

/** The API's type for `hc<AppType>` in the web app: a changed route breaks the web build. */
export type AppType = CoreApp;
