import type {
  FrameworkSummary,
  FrameworkVersionDetail,
  ImportPreview,
} from '../../../shared/schemas/frameworks.ts';
import type { FrameworkModel } from './framework-model.ts';
import type { FrameworkRow, VersionContent, VersionRow } from './frameworks.repository.ts';

export function presentVersionSummary(v: VersionRow) {
  return {
    id: v.id,
    number: v.number,
    source: v.source,
    isActive: v.isActive,
    createdAt: v.createdAt,
    activatedAt: v.activatedAt,
  };
}

export function presentFramework(f: FrameworkRow, versions: VersionRow[]): FrameworkSummary {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    isBuiltIn: f.builtinKey !== null,
    versions: versions.filter((v) => v.frameworkId === f.id).map(presentVersionSummary),
  };
}

export function presentVersionDetail(input: {
  framework: FrameworkRow;
  version: VersionRow;
  content: VersionContent;
  abilities: FrameworkVersionDetail['abilities'];
}): FrameworkVersionDetail {
  const { framework, version, content } = input;
  return {
    ...presentVersionSummary(version),
    framework: { id: framework.id, name: framework.name, description: framework.description },
    tracks: content.tracks.map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      description: t.description,
      levels: content.levels
        .filter((l) => l.trackId === t.id)
        .map((l) => ({
          id: l.id,
          key: l.key,
          name: l.name,
          code: l.code,
          summary: l.summary,
          position: l.position,
          version: l.version,
        })),
    })),
    competencies: content.competencies.map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      description: c.description,
      version: c.version,
    })),
    criteria: content.criteria.map((c) => ({
      id: c.id,
      levelId: c.levelId,
      competencyId: c.competencyId,
      text: c.text,
      examples: c.examples,
      version: c.version,
    })),
    abilities: input.abilities,
  };
}

/** The stored version as the model the exporter writes. */
export function modelOfVersion(framework: FrameworkRow, content: VersionContent): FrameworkModel {
  const competencyKey = new Map(content.competencies.map((c) => [c.id, c.key]));
  return {
    name: framework.name,
    description: framework.description,
    competencies: content.competencies.map((c) => ({
      key: c.key,
      name: c.name,
      description: c.description,
    })),
    tracks: content.tracks.map((t) => ({
      key: t.key,
      name: t.name,
      description: t.description,
      levels: content.levels
        .filter((l) => l.trackId === t.id)
        .map((l) => ({
          key: l.key,
          name: l.name,
          code: l.code,
          summary: l.summary,
          criteria: content.criteria
            .filter((c) => c.levelId === l.id)
            .map((c) => ({
              competency: competencyKey.get(c.competencyId) ?? '',
              text: c.text,
              examples: c.examples,
            })),
        })),
    })),
  };
}

/** What an import would create: the preview admins check before applying. */
export function presentImportPreview(input: {
  mode: 'preview' | 'apply';
  format: ImportPreview['format'];
  name: string;
  model: FrameworkModel;
  warnings: string[];
  frameworkId: string | null;
  versionId: string | null;
}): ImportPreview {
  const { model } = input;
  const all = model.tracks.flatMap((t) => t.levels.flatMap((l) => l.criteria));
  return {
    mode: input.mode,
    format: input.format,
    name: input.name,
    tracks: model.tracks.map((t) => ({
      key: t.key,
      name: t.name,
      levels: t.levels.map((l) => ({
        key: l.key,
        name: l.name,
        code: l.code,
        criteriaCount: l.criteria.length,
      })),
    })),
    competencies: model.competencies.map((c) => ({
      key: c.key,
      name: c.name,
      criteriaCount: all.filter((k) => k.competency === c.key).length,
    })),
    criteriaCount: all.length,
    warnings: input.warnings,
    frameworkId: input.frameworkId,
    versionId: input.versionId,
  };
}
