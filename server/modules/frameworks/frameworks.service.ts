import { readFileSync } from 'node:fs';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
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
  updateCompetencyRow,
  updateCriterionRow,
  updateLevelRow,
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
      await db
        .transaction()
        .execute((trx) => activateVersionRow(trx, id, clock.now().toISOString()));
      return this.getVersion(actor, id);
    },

    /** Changes a criterion's wording or examples in place. Admins only. */
    async updateCriterion(actor: Actor, id: string, patch: UpdateCriterion) {
      authorize(actor, frameworkPolicy, 'manage', null);
      const criterion = await findCriterionById(db, id);
      if (!criterion) throw new NotFoundError('criterion');
      await updateCriterionRow(db, id, patch);
      return this.getVersion(actor, criterion.versionId);
    },

    /** Renames or redescribes a competency. Admins only. */
    async updateCompetency(actor: Actor, id: string, patch: UpdateCompetency) {
      authorize(actor, frameworkPolicy, 'manage', null);
      const competency = await findCompetencyById(db, id);
      if (!competency) throw new NotFoundError('competency');
      await updateCompetencyRow(db, id, patch);
      return this.getVersion(actor, competency.version_id);
    },

    /** Renames a level, changes its code or summary. Admins only. */
    async updateLevel(actor: Actor, id: string, patch: UpdateLevel) {
      authorize(actor, frameworkPolicy, 'manage', null);
      const level = await findLevelById(db, id);
      if (!level) throw new NotFoundError('level');
      await updateLevelRow(db, id, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.code !== undefined && { code: patch.code || null }),
        ...(patch.summary !== undefined && { summary: patch.summary }),
      });
      return this.getVersion(actor, level.versionId);
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
      const ids = await db.transaction().execute((trx) =>
        insertFrameworkVersion(trx, {
          model,
          frameworkId: existing?.id ?? null,
          name,
          source: format,
          builtinKey: null,
          createdBy: actorId(actor),
          createdAt: clock.now().toISOString(),
        }),
      );
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
