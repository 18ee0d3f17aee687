import { cleanTitle, slugify, uniqueKey } from '../framework-model.ts';
import type {
  FrameworkModel,
  ImportFile,
  ModelCompetency,
  ModelCriterion,
  ModelTrack,
} from '../framework-model.ts';
import { readYaml } from './source-reader.ts';
import type { SourceReader } from './source-reader.ts';

/** Job-family keys that only matter to the publisher's own tooling. */
const SKIPPED_KEYS = ['googleSheetId', 'isLegacy', 'id', 'slug'];

function readIdList(
  reader: SourceReader,
  key: 'levels' | 'themes',
  what: string,
): { id: string; name: string; description: string }[] {
  const items = reader.array([key], `"${key}"`);
  if (items.length === 0) reader.fail([key], `"${key}" must list at least one ${what}.`);
  const seen = new Set<string>();
  return items.map((_, index) => {
    reader.object([key, index], `Each ${what}`);
    reader.warnUnknownKeys([key, index], ['id', 'name', 'description', 'summary']);
    const id = reader.string([key, index, 'id'], `The ${what} "id"`);
    if (seen.has(id)) reader.fail([key, index, 'id'], `the ${what} id "${id}" appears twice.`);
    seen.add(id);
    return {
      id,
      name: reader.optionalString([key, index, 'name'], `The ${what} "name"`) ?? id,
      description:
        reader.optionalString([key, index, 'description'], 'The description') ??
        reader.optionalString([key, index, 'summary'], 'The summary') ??
        '',
    };
  });
}

/** One job family → one track; themes become competencies (merged across files by id). */
function readFamily(
  file: ImportFile,
  competencies: ModelCompetency[],
  trackKeys: Set<string>,
  warnings: string[],
): ModelTrack {
  const reader: SourceReader = readYaml(file.name, file.content);
  reader.object([], 'The job family');
  reader.warnUnknownKeys([], ['name', 'summary', 'levels', 'themes', 'competencies'], SKIPPED_KEYS);
  const name = cleanTitle(
    reader.optionalString(['name'], '"name"') ?? file.name.replace(/\.[^.]+$/, ''),
  );
  const levels = readIdList(reader, 'levels', 'level');
  const themes = readIdList(reader, 'themes', 'theme');
  for (const theme of themes) {
    const key = slugify(theme.id);
    if (!competencies.some((c) => c.key === key))
      competencies.push({ key, name: cleanTitle(theme.name), description: theme.description });
  }
  const byLevel = new Map<string, ModelCriterion[]>(levels.map((l) => [l.id, []]));
  const seen = new Set<string>();
  let ignoredProficiency = 0;
  let ignoredUrls = 0;
  reader.array(['competencies'], '"competencies"').forEach((_, index) => {
    const path = ['competencies', index];
    reader.object(path, 'Each competency');
    reader.warnUnknownKeys(
      path,
      ['id', 'summary', 'examples', 'level', 'theme'],
      ['proficiency', 'supportingUrls'],
    );
    const id = reader.optionalString([...path, 'id'], 'The competency "id"');
    if (id !== undefined) {
      if (seen.has(id)) reader.fail([...path, 'id'], `the competency id "${id}" appears twice.`);
      seen.add(id);
    }
    const text = reader.string([...path, 'summary'], 'The competency "summary"');
    const level = reader.string([...path, 'level'], 'The competency "level"');
    const theme = reader.string([...path, 'theme'], 'The competency "theme"');
    const cell = byLevel.get(level);
    if (!cell)
      reader.fail(
        [...path, 'level'],
        `refers to level "${level}", which "levels" does not define (it has ${levels.map((l) => l.id).join(', ')}).`,
      );
    if (!themes.some((t) => t.id === theme))
      reader.fail(
        [...path, 'theme'],
        `refers to theme "${theme}", which "themes" does not define (it has ${themes.map((t) => t.id).join(', ')}).`,
      );
    const examples = reader
      .array([...path, 'examples'], '"examples"', true)
      .map((__, e) => reader.string([...path, 'examples', e], 'Each example'));
    if (reader.at([...path, 'proficiency']) !== undefined) ignoredProficiency += 1;
    if (reader.array([...path, 'supportingUrls'], '"supportingUrls"', true).length > 0)
      ignoredUrls += 1;
    cell.push({ competency: slugify(theme), text, examples });
  });
  if (ignoredProficiency > 0)
    reader.warnings.push(
      `${file.name}: "proficiency" was ignored on ${ignoredProficiency} competencies (Trajectory rates each criterion instead).`,
    );
  if (ignoredUrls > 0)
    reader.warnings.push(
      `${file.name}: "supportingUrls" was ignored on ${ignoredUrls} competencies.`,
    );
  warnings.push(...reader.warnings);
  const levelKeys = new Set<string>();
  return {
    key: uniqueKey(slugify(name), trackKeys),
    name,
    description: reader.optionalString(['summary'], '"summary"') ?? '',
    levels: levels.map((level) => ({
      key: uniqueKey(slugify(level.id), levelKeys),
      name: level.name,
      code: null,
      summary: level.description,
      // Group each level's criteria by theme so the matrix reads competency by competency.
      criteria: themes.flatMap((t) =>
        (byLevel.get(level.id) ?? []).filter((c) => c.competency === slugify(t.id)),
      ),
    })),
  };
}

/** Reads Financial Times-style YAML job families (one track per file). */
export function importFinancialTimes(files: ImportFile[]): {
  model: FrameworkModel;
  warnings: string[];
} {
  const competencies: ModelCompetency[] = [];
  const trackKeys = new Set<string>();
  const warnings: string[] = [];
  const tracks = files.map((file) => readFamily(file, competencies, trackKeys, warnings));
  return {
    model: {
      name: tracks.length === 1 && tracks[0] ? tracks[0].name : 'Imported job families',
      description: tracks.length === 1 && tracks[0] ? tracks[0].description : '',
      competencies,
      tracks,
    },
    warnings,
  };
}
