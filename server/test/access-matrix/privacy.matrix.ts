import { adminOnly, signedIn } from './matrix.ts';
import type { MatrixRow } from './matrix.ts';

/** The audit trail (C7) and the personal export. */
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
];
