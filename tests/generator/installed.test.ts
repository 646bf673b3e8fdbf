/** CI check: every folder under plugins/ is installed in both apps (DESIGN §1). */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { installationGaps } from './installed.ts';

it('installs every plugin folder in the server and the web app', () => {
  expect(installationGaps(fileURLToPath(new URL('../..', import.meta.url)))).toEqual([]);
});
