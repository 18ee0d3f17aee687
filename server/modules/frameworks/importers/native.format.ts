import { stringify } from 'yaml';
import { FRAMEWORK_FORMAT, nativeFrameworkSchema } from '../../../../shared/schemas/frameworks.ts';
import type { NativeFramework } from '../../../../shared/schemas/frameworks.ts';
import type { FrameworkModel, ImportFile } from '../framework-model.ts';
import { readJson, readYaml } from './source-reader.ts';
import type { SourceReader } from './source-reader.ts';

/** The model as a native document: empty optional fields are left out, plain criteria are text. */
export function toNative(model: FrameworkModel): NativeFramework {
  return {
    format: FRAMEWORK_FORMAT,
    name: model.name,
    ...(model.description && { description: model.description }),
    competencies: model.competencies.map((c) => ({
      key: c.key,
      name: c.name,
      ...(c.description && { description: c.description }),
    })),
    tracks: model.tracks.map((track) => ({
      key: track.key,
      name: track.name,
      ...(track.description && { description: track.description }),
      levels: track.levels.map((level) => {
        const criteria: Record<string, (string | { text: string; examples: string[] })[]> = {};
        for (const competency of model.competencies) {
          const cell = level.criteria.filter((c) => c.competency === competency.key);
          if (cell.length === 0) continue;
          criteria[competency.key] = cell.map((c) =>
            c.examples.length > 0 ? { text: c.text, examples: c.examples } : c.text,
          );
        }
        return {
          key: level.key,
          name: level.name,
          ...(level.code && { code: level.code }),
          ...(level.summary && { summary: level.summary }),
          ...(Object.keys(criteria).length > 0 && { criteria }),
        };
      }),
    })),
  };
}

/** Serialises a model in the native format; YAML keeps long criteria readable. */
export function exportNative(model: FrameworkModel, format: 'yaml' | 'json'): string {
  const document = toNative(model);
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  return stringify(document, { lineWidth: 100, minContentWidth: 40 });
}

/**
 * Reads a native framework (YAML, or JSON when it starts with "{"). Throws ImportError located by
 * line and column (YAML) or JSON pointer (JSON) for wrong types, unknown or duplicate keys.
 */
export function importNative(file: ImportFile): { model: FrameworkModel; warnings: string[] } {
  const isJson = file.content.trimStart().startsWith('{');
  const reader: SourceReader = isJson
    ? readJson(file.name, file.content)
    : readYaml(file.name, file.content);
  reader.object([], 'The framework');
  const parsed = nativeFrameworkSchema.safeParse(reader.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((step) =>
      typeof step === 'symbol' ? String(step) : step,
    );
    if (issue?.code === 'unrecognized_keys') {
      reader.fail(path, `unknown key "${issue.keys[0] ?? ''}".`);
    }
    const last = path.at(-1);
    const owner = [...path].reverse().find((step) => typeof step === 'string');
    let label = 'the document';
    if (typeof last === 'string') label = `"${last}"`;
    else if (typeof last === 'number') label = `item ${last + 1} of "${String(owner ?? 'list')}"`;
    const reason = (issue?.message ?? 'is not valid').replace(/^Invalid input: /, '');
    reader.fail(path, `${label}: ${reason}.`);
  }
  const document = parsed.data;
  const competencyKeys = new Set<string>();
  document.competencies.forEach((c, index) => {
    if (competencyKeys.has(c.key))
      reader.fail(['competencies', index, 'key'], `the competency key "${c.key}" appears twice.`);
    competencyKeys.add(c.key);
  });
  const trackKeys = new Set<string>();
  const model: FrameworkModel = {
    name: document.name,
    description: document.description ?? '',
    competencies: document.competencies.map((c) => ({
      key: c.key,
      name: c.name,
      description: c.description ?? '',
    })),
    tracks: document.tracks.map((track, t) => {
      if (trackKeys.has(track.key))
        reader.fail(['tracks', t, 'key'], `the track key "${track.key}" appears twice.`);
      trackKeys.add(track.key);
      const levelKeys = new Set<string>();
      return {
        key: track.key,
        name: track.name,
        description: track.description ?? '',
        levels: track.levels.map((level, l) => {
          const levelPath = ['tracks', t, 'levels', l];
          if (levelKeys.has(level.key))
            reader.fail(
              [...levelPath, 'key'],
              `the level key "${level.key}" appears twice in this track.`,
            );
          levelKeys.add(level.key);
          const criteria = Object.entries(level.criteria ?? {}).flatMap(([key, list]) => {
            if (!competencyKeys.has(key))
              reader.fail(
                [...levelPath, 'criteria', key],
                `refers to competency "${key}", which "competencies" does not define.`,
              );
            return list.map((c) =>
              typeof c === 'string'
                ? { competency: key, text: c, examples: [] }
                : { competency: key, text: c.text, examples: c.examples ?? [] },
            );
          });
          // The matrix reads in competency order whatever order the file used.
          const order = [...competencyKeys];
          criteria.sort((a, b) => order.indexOf(a.competency) - order.indexOf(b.competency));
          return {
            key: level.key,
            name: level.name,
            code: level.code ?? null,
            summary: level.summary ?? '',
            criteria,
          };
        }),
      };
    }),
  };
  return { model, warnings: reader.warnings };
}

export { FRAMEWORK_FORMAT };
