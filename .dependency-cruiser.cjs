/** Layering rules from STYLE.md, checked in CI. */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-standalone',
      comment: 'shared/ imports nothing from server/ or web/',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'web-not-server',
      comment: 'the browser app talks to the server over HTTP only',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'routes-no-sql',
      comment: 'routes never touch SQL: no repository or database client imports',
      severity: 'error',
      from: { path: '\\.routes\\.ts$' },
      to: { path: '(\\.repository\\.ts$|^server/db/|^kysely|node_modules/kysely)' },
    },
    {
      name: 'services-no-http',
      comment: 'services never see HTTP types',
      severity: 'error',
      from: { path: '\\.(service|repository|policy)\\.ts$' },
      to: { path: '(node_modules/(hono|@hono)/|^server/http/)' },
    },
    {
      name: 'repositories-no-http',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.(routes|service)\\.ts$' },
    },
    {
      name: 'only-client-knows-engine',
      comment: 'only server/db/client.ts imports the database drivers',
      severity: 'error',
      from: { path: '^(server|shared|web)/', pathNot: '^server/db/client\\.ts$' },
      to: { path: 'node_modules/(better-sqlite3|pg)/' },
    },
    {
      name: 'features-isolated',
      comment: 'a web feature does not import another feature',
      severity: 'error',
      from: { path: '^web/features/([^/]+)/' },
      to: { path: '^web/features/', pathNot: '^web/features/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
  },
};
