import { readFileSync } from 'node:fs';
import type { Clock } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import {
  NotFoundError,
  requireBaseVersion,
  StaleVersionError,
  ValidationError,
} from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { abilitiesOf, authorize } from '../../policies/authorize.ts';
import type {
  FrameworkExport,
  FrameworkImportRequest,
  FrameworkList,
  FrameworkVersionDetail,
  ImportPreview,
  UpdateCompetency,
  UpdateCriterion,
  UpdateLevel,
} from '../../../shared/schemas/frameworks.ts';
import {
  ImportError,
  checkExportable,
  checkSize,
  slugify,
  sparseLevelWarnings,
} from './framework-model.ts';
import type { FrameworkModel } from './framework-model.ts';
import { frameworkPolicy } from './frameworks.policy.ts';
import {
  modelOfVersion,
  presentFramework,
  presentImportPreview,
  presentVersionDetail,
} from './frameworks.presenter.ts';
import {
  activateVersionRow,
  findActiveVersion,
  findBuiltInFramework,
  findCompetencyById,
  findCriterionById,
  findFrameworkById,
  findLevelById,
  findVersionById,
  listFrameworkRows,
  listVersionRows,
  loadVersionContent,
  updateCompetencyRowIfVersion,
  updateCriterionRowIfVersion,
  updateLevelRowIfVersion,
} from './frameworks.repository.ts';
import { insertFrameworkVersion } from './framework-versions.repository.ts';
import { parseFramework } from './importers/detect-format.ts';
import { exportNative, importNative, toNative } from './importers/native.format.ts';
import { nativeFrameworkSchema } from '../../../shared/schemas/frameworks.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

export const BUILT_IN_KEY = 'trajectory-default';

/** 409 for a wording edit that started from an older version: carries the item as it is now. */
function staleWording<T extends { id: string; version: number }>(
  noun: string,
  items: T[],
  id: string,
): StaleVersionError {
  const current = items.find((item) => item.id === id);
  if (!current) return new StaleVersionError(`This ${noun} changed.`, { version: 0 });
  return new StaleVersionError(
    `Someone changed this ${noun} since you opened it (now version ${current.version}).`,
    current,
  );
}
const DEFAULT_FILE = new URL('./default-framework.yaml', import.meta.url);

/** The built-in framework, parsed once per process from the native YAML shipped with the code. */
export function loadDefaultFramework() {
  return importNative({
    name: 'default-framework.yaml',
    content: readFileSync(DEFAULT_FILE, 'utf8'),
  }).model;
}

function actorId(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.id : null;
}

/** The first reason the model would not survive export and re-import, if any. */
function exportProblem(model: FrameworkModel) {
  const result = nativeFrameworkSchema.safeParse(toNative(model));
  const issue = result.success ? undefined : result.error.issues[0];
  return issue ? { path: issue.path, message: issue.message } : null;
}

function toValidation(error: unknown): never {
  if (error instanceof ImportError) throw new ValidationError(error.message, 'files');
  throw error;
}

export function createFrameworksService({ database, clock }: Deps) {
  const { db } = database;
  let installing: Promise<void> | null = null;

  /** An admin change to the framework (security.md §7): which record, never its wording. */
  function auditFrameworkChange(
    trx: Transaction,
    actor: Actor,
    action: string,
    targetId: string,
    reason?: string,
  ) {
    return recordAuditEvent(
      trx,
      {
        actor,
        action,
        targetType: 'framework',
        targetId,
        subjectPersonId: null,
        decision: 'allow',
        ...(reason && { reason }),
      },
      clock.now(),
    );
  }

  /** Wording edits are compare-and-set statements of their own, so the event follows them. */
  function auditWordingChange(actor: Actor, what: string, targetId: string) {
    return db
      .transaction()
      .execute((trx) => auditFrameworkChange(trx, actor, 'framework.edit', targetId, what));
  }

  /** Installs and activates the built-in framework the first time anything needs a framework. */
  async function installDefault(): Promise<void> {
    if (await findBuiltInFramework(db, BUILT_IN_KEY)) return;
    const model = loadDefaultFramework();
    try {
      await db.transaction().execute(async (trx) => {
        const { versionId } = await insertFrameworkVersion(trx, {
          model,
          frameworkId: null,
          name: model.name,
          source: 'built-in',
          builtinKey: BUILT_IN_KEY,
          createdBy: null,
          createdAt: clock.now().toISOString(),
        });
        if (!(await findActiveVersion(trx)))
          await activateVersionRow(trx, versionId, clock.now().toISOString());
      });
    } catch (error) {
      // Another instance installed it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  function ensureDefault(): Promise<void> {
    installing ??= installDefault().catch((error: unknown) => {
      installing = null;
      throw error;
    });
    return installing;
  }

  async function requireVersion(id: string) {
    const version = await findVersionById(db, id);
    if (!version) throw new NotFoundError('framework version');
    const framework = await findFrameworkById(db, version.frameworkId);
    if (!framework) throw new NotFoundError('framework version');
    return { version, framework };
  }

  return {
    ensureDefault,

    /** Every framework with its versions and which version is active; for everyone signed in. */
    async listFrameworks(actor: Actor): Promise<FrameworkList> {
      authorize(actor, frameworkPolicy, 'view', null);
      await ensureDefault();
      const [frameworks, versions] = await Promise.all([
        listFrameworkRows(db),
        listVersionRows(db),
      ]);
      return {
        items: frameworks.map((f) => presentFramework(f, versions)),
        activeVersionId: versions.find((v) => v.isActive)?.id ?? null,
        abilities: abilitiesOf(actor, frameworkPolicy, null),
      };
    },

    /** One version as a matrix; NotFoundError when it does not exist. */
    async getVersion(actor: Actor, id: string): Promise<FrameworkVersionDetail> {
      authorize(actor, frameworkPolicy, 'view', null);
      await ensureDefault();
      const { version, framework } = await requireVersion(id);
      const content = await loadVersionContent(db, id);
      const canManage = abilitiesOf(actor, frameworkPolicy, null).manage;
      return presentVersionDetail({
        framework,
        version,
        content,
        abilities: { edit: canManage, activate: canManage && !version.isActive, export: true },
      });
    },

    /** The active version's id (installing the default on first use); null if none is active. */
    async activeVersionId(): Promise<string | null> {
      await ensureDefault();
      return (await findActiveVersion(db))?.id ?? null;
    },

    /** Makes a version the organisation's framework. Admins only. */
    async activateVersion(actor: Actor, id: string): Promise<FrameworkVersionDetail> {
      authorize(actor, frameworkPolicy, 'manage', null);
      await requireVersion(id);
      await db.transaction().execute(async (trx) => {
        await activateVersionRow(trx, id, clock.now().toISOString());
        await auditFrameworkChange(trx, actor, 'framework.activate', id);
      });
      return this.getVersion(actor, id);
    },

    /**
     * Changes a criterion's wording or examples in place. Admins only. Compare-and-set on
     * `baseVersion` (ADR 080): 428 without it, 409 with the current criterion when stale.
     */
    async updateCriterion(actor: Actor, id: string, input: UpdateCriterion) {
      authorize(actor, frameworkPolicy, 'manage', null);
      const criterion = await findCriterionById(db, id);
      if (!criterion) throw new NotFoundError('criterion');
      const { baseVersion, ...patch } = input;
      const expected = requireBaseVersion(baseVersion);
      const isSaved = await updateCriterionRowIfVersion(db, id, patch, expected);
      if (isSaved) await auditWordingChange(actor, 'criterion', id);
      const detail = await this.getVersion(actor, criterion.versionId);
      if (!isSaved) throw staleWording('criterion', detail.criteria, id);
      return detail;
    },

    /** Renames or redescribes a competency. Admins only; compare-and-set like updateCriterion. */
    async updateCompetency(actor: Actor, id: string, input: UpdateCompetency) {
      authorize(actor, frameworkPolicy, 'manage', null);
      const competency = await findCompetencyById(db, id);
      if (!competency) throw new NotFoundError('competency');
      const { baseVersion, ...patch } = input;
      const expected = requireBaseVersion(baseVersion);
      const isSaved = await updateCompetencyRowIfVersion(db, id, patch, expected);
      if (isSaved) await auditWordingChange(actor, 'competency', id);
      const detail = await this.getVersion(actor, competency.version_id);
      if (!isSaved) throw staleWording('competency', detail.competencies, id);
      return detail;
    },

    /** Renames a level, changes its code or summary. Admins only; compare-and-set. */
    async updateLevel(actor: Actor, id: string, input: UpdateLevel) {
      authorize(actor, frameworkPolicy, 'manage', null);
      const level = await findLevelById(db, id);
      if (!level) throw new NotFoundError('level');
      const expected = requireBaseVersion(input.baseVersion);
      const isSaved = await updateLevelRowIfVersion(
        db,
        id,
        {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.code !== undefined && { code: input.code || null }),
          ...(input.summary !== undefined && { summary: input.summary }),
        },
        expected,
      );
      if (isSaved) await auditWordingChange(actor, 'level', id);
      const detail = await this.getVersion(actor, level.versionId);
      if (!isSaved)
        throw staleWording(
          'level',
          detail.tracks.flatMap((t) => t.levels),
          id,
        );
      return detail;
    },

    /**
     * Previews or applies an import. Apply stores everything in one transaction as a new
     * (inactive) version. Throws ValidationError with the file and location of the first problem.
     */
    async importFramework(actor: Actor, input: FrameworkImportRequest): Promise<ImportPreview> {
      authorize(actor, frameworkPolicy, 'manage', null);
      const existing = input.frameworkId ? await findFrameworkById(db, input.frameworkId) : null;
      if (input.frameworkId && !existing)
        throw new ValidationError('There is no framework with this id.', 'frameworkId');
      let parsed: ReturnType<typeof parseFramework>;
      try {
        parsed = parseFramework(input.files, input.format);
        const names = input.files.map((f) => f.name).join(', ');
        checkSize(parsed.model, names);
        checkExportable(parsed.model, names, exportProblem);
      } catch (error) {
        toValidation(error);
      }
      const { model, format } = parsed;
      const name = existing?.name ?? (input.name || model.name);
      const warnings = [...parsed.warnings, ...sparseLevelWarnings(model)];
      if (input.mode === 'preview')
        return presentImportPreview({
          mode: 'preview',
          format,
          name,
          model,
          warnings,
          frameworkId: null,
          versionId: null,
        });
      const ids = await db.transaction().execute(async (trx) => {
        const inserted = await insertFrameworkVersion(trx, {
          model,
          frameworkId: existing?.id ?? null,
          name,
          source: format,
          builtinKey: null,
          createdBy: actorId(actor),
          createdAt: clock.now().toISOString(),
        });
        await auditFrameworkChange(trx, actor, 'framework.import', inserted.versionId, format);
        return inserted;
      });
      return presentImportPreview({ mode: 'apply', format, name, model, warnings, ...ids });
    },

    /** The version in the native format, as a file to download. */
    async exportVersion(
      actor: Actor,
      id: string,
      format: 'yaml' | 'json',
    ): Promise<FrameworkExport> {
      authorize(actor, frameworkPolicy, 'view', null);
      const { version, framework } = await requireVersion(id);
      const content = await loadVersionContent(db, id);
      const text = exportNative(modelOfVersion(framework, content), format);
      return {
        fileName: `${slugify(framework.name)}-v${version.number}.${format === 'json' ? 'json' : 'yaml'}`,
        mediaType: format === 'json' ? 'application/json' : 'application/yaml',
        content: text,
      };
    },
  };
}

export type FrameworksService = ReturnType<typeof createFrameworksService>;
