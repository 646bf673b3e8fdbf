/**
 * The import rule of DESIGN §1, checked in CI (`pnpm depcheck`):
 * - a plugin imports core only through its public entries: `@bureau/core` (core/src/index.ts) and,
 *   for UI code, `@bureau/core/ui` (core/src/ui.ts), and for schemas shared with the browser,
 *   `@bureau/core/fields` (core/src/fields.ts);
 * - a plugin imports another plugin only through its `contract` entry (src/contract.ts), never its
 *   server code or its `/ui`;
 * - a plugin imports nothing of the apps;
 * - core imports no plugin and no app (apps wire everything).
 * The fixture plugin in tests/fixture-plugin counts as a plugin.
 */
const PLUGIN = '^(plugins/[^/]+|tests/fixture-plugin)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'plugin-imports-core-internals',
      comment: 'A plugin may import core only as `@bureau/core` (and `@bureau/core/ui` in UI code).',
      severity: 'error',
      from: { path: PLUGIN },
      to: { path: '^core/', pathNot: '^core/src/(index|ui|fields)\\.ts$' },
    },
    {
      name: 'plugin-imports-other-plugin',
      comment: "A plugin may import another plugin only through that plugin's `contract` entry.",
      severity: 'error',
      from: { path: PLUGIN },
      to: {
        path: PLUGIN,
        pathNot: ['^$1/', '^(plugins/[^/]+|tests/fixture-plugin)/src/contract\\.ts$'],
      },
    },
    {
      name: 'plugin-imports-app',
      comment: 'Apps install plugins, not the other way round.',
      severity: 'error',
      from: { path: PLUGIN },
      to: { path: '^apps/' },
    },
    {
      name: 'plugin-imports-unresolvable',
      comment:
        'Every import of a plugin must resolve, so the rules above can see where it goes (`@bureau/core/ui` is resolved by the web build).',
      severity: 'error',
      from: { path: PLUGIN },
      to: { couldNotResolve: true, pathNot: '^@bureau/core/(ui|fields)$' },
    },
    {
      name: 'core-imports-plugin',
      comment: 'Core names no module: plugins are installed by apps/server.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(plugins/|tests/|apps/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // Type-only imports count too: a plugin must not depend on core's internal types either.
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default', 'node'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
