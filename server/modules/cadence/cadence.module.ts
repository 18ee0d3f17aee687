import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { AppEnv } from '../../http/env.ts';
import { cadenceRoutes } from './cadence.routes.ts';
import { createCadenceSettingsService } from './cadence-settings.service.ts';
import { createSnapshotCache } from './cadence-snapshots.ts';
import { createCoverageService } from './coverage.service.ts';
import { createCoverageGroupsService } from './coverage-groups.service.ts';
import { createHomeService } from './home.service.ts';
import { createTeamService } from './team.service.ts';

/** Cadence as infrastructure: the policy, home, team view and coverage dashboard. */
export function createCadenceModule(deps: { database: Database; clock: Clock }) {
  const coverageGroups = createCoverageGroupsService(deps);
  const coverage = createCoverageService({ ...deps, coverageGroups });
  // Per database: tests open many databases in one process, with the same seeded people.
  const snapshotCache = createSnapshotCache();
  const services = {
    cadenceSettings: createCadenceSettingsService(deps),
    coverage,
    coverageGroups,
    home: createHomeService({ ...deps, coverage, snapshotCache }),
    team: createTeamService({ ...deps, snapshotCache }),
  };
  return {
    services,
    mount(app: OpenAPIHono<AppEnv>, prefix: string): void {
      app.route(prefix, cadenceRoutes(services));
    },
  };
}
