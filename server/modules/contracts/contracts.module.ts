import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { AppEnv } from '../../http/env.ts';
import { createContractCommitmentService } from './contract-commitments.service.ts';
import { createContractExportService } from './contract-export.service.ts';
import { contractHandoverRoutes } from './contract-handovers.routes.ts';
import { createContractHandoverService } from './contract-handovers.service.ts';
import { createContractProgressService } from './contract-progress.service.ts';
import { contractRoutes } from './contracts.routes.ts';
import { createContractService } from './contracts.service.ts';

/**
 * Development contracts: the contract and its versions, commitments ("I owe", "promised to me"),
 * check-ins, handovers on a manager change and the engineer's export. One place for app.ts.
 */
export function createContractsModule(deps: { database: Database; clock: Clock }) {
  const services = {
    contracts: createContractService(deps),
    contractProgress: createContractProgressService(deps),
    contractCommitments: createContractCommitmentService(deps),
    contractHandovers: createContractHandoverService(deps),
    contractExport: createContractExportService(deps),
  };
  return {
    services,
    mount(app: OpenAPIHono<AppEnv>, prefix: string): void {
      app.route(prefix, contractRoutes(services));
      app.route(prefix, contractHandoverRoutes(services));
    },
  };
}
