import { strToU8, zipSync } from 'fflate';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/authorize.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { personalExportPolicy } from './personal-export.policy.ts';
import { renderExportMarkdown } from './personal-export.markdown.ts';
import { gatherPersonalExport } from './personal-export.gather.ts';
import { findProfile } from './personal-export.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

export type ExportFormat = 'zip' | 'json' | 'markdown';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Uint8Array | string;
}

/** The engineer's own export (DESIGN §1: they can always see and export their record). */
export function createPersonalExportService({ database, clock }: Deps) {
  const { db } = database;
  return {
    /**
     * Everything about the person that they may read, as a zip of JSON and Markdown (or one of
     * them). The person only: 404 for anyone else, admins included. The download is audited
     * before the data is returned.
     */
    async exportPerson(actor: Actor, personId: string, format: ExportFormat): Promise<ExportFile> {
      const profile = await findProfile(db, personId);
      authorize(actor, personalExportPolicy, 'view', profile ? { personId } : null);
      const now = clock.now();
      const data = await db.transaction().execute(async (trx) => {
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'export.download',
            targetType: 'person',
            targetId: personId,
            subjectPersonId: personId,
            decision: 'allow',
            reason: format,
          },
          now,
        );
        return gatherPersonalExport(trx, personId, now.toISOString());
      });
      const stamp = now.toISOString().slice(0, 10);
      const base = `trajectory-export-${stamp}`;
      const json = JSON.stringify(data, null, 2);
      if (format === 'json')
        return { fileName: `${base}.json`, contentType: 'application/json', body: json };
      const markdown = renderExportMarkdown(data);
      if (format === 'markdown')
        return {
          fileName: `${base}.md`,
          contentType: 'text/markdown; charset=utf-8',
          body: markdown,
        };
      const zip = zipSync({
        [`${base}/export.json`]: strToU8(json),
        [`${base}/export.md`]: strToU8(markdown),
      });
      return { fileName: `${base}.zip`, contentType: 'application/zip', body: zip };
    },
  };
}

export type PersonalExportService = ReturnType<typeof createPersonalExportService>;
