import { adminOnly, signedIn } from './matrix.ts';
import type { MatrixRow } from './matrix.ts';
import { ok } from './world.ts';

/** The audit trail (C7), the personal export and the retention periods. */
export const privacyRows: MatrixRow[] = [
  {
    operation: 'GET /api/people/{id}/access-log',
    request: (w) => ({ path: `/api/people/${w.people.engineer.id}/access-log` }),
    // The person and admins; not the manager, a leader or the people team.
    expect: signedIn(404, { engineer: 200, admin: 200 }),
  },
  {
    operation: 'GET /api/audit-events',
    request: () => ({ path: '/api/audit-events' }),
    expect: adminOnly(200),
  },
  {
    operation: 'GET /api/audit-events/verification',
    request: () => ({ path: '/api/audit-events/verification' }),
    expect: adminOnly(200),
  },
  {
    operation: 'GET /api/people/{id}/export',
    request: (w) => ({ path: `/api/people/${w.people.engineer.id}/export?format=json` }),
    // Nobody compiles someone else's record, admins included (security.md §6).
    expect: signedIn(404, { engineer: 200 }),
  },
  {
    operation: 'GET /api/retention-settings',
    request: () => ({ path: '/api/retention-settings' }),
    expect: adminOnly(200),
  },
  {
    operation: 'PUT /api/retention-settings',
    setup: async (w) => ({
      v: String(
        (await ok(w.agents.admin.get<{ version: number }>('/api/retention-settings'))).body.version,
      ),
    }),
    request: (_w, ctx) => ({
      path: '/api/retention-settings',
      body: {
        privateReflectionsMonths: null,
        formerEmployeesMonths: null,
        baseVersion: Number(ctx.v),
      },
    }),
    // Settings that decide what is deleted: admins only, not the people team.
    expect: adminOnly(200),
  },
];
