import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/authorize.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { contractToMarkdown, contractToPdf } from './contract-export.ts';
import { assembleContract, loadContract } from './contract-loader.ts';
import { contractPolicy } from './contracts.policy.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

export interface ContractFile {
  filename: string;
  contentType: string;
  body: string | Uint8Array;
}

export function createContractExportService({ database, clock }: Deps) {
  const { db } = database;
  return {
    /**
     * The engineer's contract with every version as Markdown or PDF. The engineer only (their
     * manager gets 403, everyone else 404); every export is audited, ids only.
     */
    async exportContract(
      actor: Actor,
      id: string,
      format: 'markdown' | 'pdf',
    ): Promise<ContractFile> {
      const now = clock.now();
      const loaded = await loadContract(db, id, now);
      authorize(actor, contractPolicy, 'export', loaded?.resource ?? null);
      if (!loaded) throw new NotFoundError('development contract');
      const contract = await assembleContract(db, actor, loaded, now);
      await db.transaction().execute((trx) =>
        recordAuditEvent(
          trx,
          {
            actor,
            action: `contract.export.${format}`,
            targetType: 'contract',
            targetId: id,
            subjectPersonId: loaded.row.engineerId,
            decision: 'allow',
          },
          now,
        ),
      );
      const base = `development-contract-${now.toISOString().slice(0, 10)}`;
      return format === 'pdf'
        ? {
            filename: `${base}.pdf`,
            contentType: 'application/pdf',
            body: await contractToPdf(contract, now),
          }
        : {
            filename: `${base}.md`,
            contentType: 'text/markdown; charset=utf-8',
            body: contractToMarkdown(contract, now),
          };
    },
  };
}

export type ContractExportService = ReturnType<typeof createContractExportService>;
