import { ImportError, cleanTitle, slugify, uniqueKey } from '../framework-model.ts';
import type {
  FrameworkModel,
  ImportFile,
  ModelCompetency,
  ModelCriterion,
  ModelTrack,
} from '../framework-model.ts';
import { readYaml } from './source-reader.ts';
import type { SourceReader } from './source-reader.ts';

/** Front matter keys that drive the published website, not the framework. */
const SITE_KEYS = ['path', 'sidebarTitle', 'sidebarGroup', 'yaml', 'homepage', 'layout', 'order'];

/** Splits `---\n<yaml>\n---\n<markdown>`; throws when the front matter is missing or unclosed. */
export function splitFrontMatter(file: string, text: string): { yaml: string; body: string } {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== '---')
    throw new ImportError(
      file,
      'line 1, column 1',
      'must start with YAML front matter: a line with "---", the YAML, then another "---".',
    );
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0)
    throw new ImportError(
      file,
      `line ${lines.length}, column 1`,
      'the front matter is not closed: add a line with "---" after the YAML.',
    );
  return { yaml: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n') };
}

interface Cell {
  level: number;
  criteria: ModelCriterion[];
}

function readTopic(
  reader: SourceReader,
  index: number,
  levelCount: number | null,
  competencyKey: string,
): Cell[] {
  const path = ['topics', index];
  const cells: Cell[] = [];
  const seenLevels = new Set<number>();
  const content = reader.array([...path, 'content'], '"content"', true);
  content.forEach((_, c) => {
    const cellPath = [...path, 'content', c];
    reader.object(cellPath, 'Each content entry');
    reader.warnUnknownKeys(cellPath, ['level', 'criteria', 'exampleCriteria']);
    const level = reader.integer([...cellPath, 'level'], '"level"');
    if (level < 1 || (levelCount !== null && level > levelCount))
      reader.fail(
        [...cellPath, 'level'],
        `"level" must be between 1 and ${levelCount ?? 'the number of levels'} (found ${level}).`,
      );
    if (seenLevels.has(level))
      reader.fail([...cellPath, 'level'], `level ${level} appears twice in this topic.`);
    seenLevels.add(level);
    const criteria: ModelCriterion[] = reader
      .array([...cellPath, 'criteria'], '"criteria"', true)
      .map((_, k) => ({
        competency: competencyKey,
        text: reader.string([...cellPath, 'criteria', k], 'Each criterion'),
        examples: [],
      }));
    reader.array([...cellPath, 'exampleCriteria'], '"exampleCriteria"', true).forEach((_, k) => {
      const examplePath = [...cellPath, 'exampleCriteria', k];
      reader.object(examplePath, 'Each example criterion');
      reader.warnUnknownKeys(examplePath, ['criteria', 'examples']);
      criteria.push({
        competency: competencyKey,
        text: reader.string([...examplePath, 'criteria'], '"criteria"'),
        examples: reader
          .array([...examplePath, 'examples'], '"examples"', true)
          .map((__, e) => reader.string([...examplePath, 'examples', e], 'Each example')),
      });
    });
    cells.push({ level, criteria });
  });
  return cells;
}

/** One Monzo-style file → one track; topics become competencies (merged across files by name). */
function readFile(
  file: ImportFile,
  competencies: ModelCompetency[],
  trackKeys: Set<string>,
  warnings: string[],
): ModelTrack & { title: string } {
  const { yaml } = splitFrontMatter(file.name, file.content);
  const reader: SourceReader = readYaml(file.name, yaml, 2);
  reader.object([], 'The front matter');
  reader.warnUnknownKeys([], ['title', 'levels', 'topics'], SITE_KEYS);
  const rawTitle = reader.optionalString(['title'], '"title"') ?? file.name.replace(/\.[^.]+$/, '');
  const title = cleanTitle(rawTitle);
  const levelCount =
    reader.at(['levels']) === undefined || reader.at(['levels']) === null
      ? null
      : reader.integer(['levels'], '"levels"');
  if (levelCount !== null && (levelCount < 1 || levelCount > 30))
    reader.fail(['levels'], `"levels" must be between 1 and 30 (found ${levelCount}).`);
  const topics = reader.array(['topics'], '"topics"');
  if (topics.length === 0) reader.fail(['topics'], '"topics" must list at least one topic.');

  const seenTopics = new Set<string>();
  const cellsByLevel = new Map<number, ModelCriterion[]>();
  topics.forEach((_, index) => {
    reader.object(['topics', index], 'Each topic');
    reader.warnUnknownKeys(['topics', index], ['name', 'title', 'content']);
    const name = reader.string(['topics', index, 'name'], 'The topic "name"');
    const key = slugify(name);
    if (seenTopics.has(key))
      reader.fail(['topics', index, 'name'], `the topic "${name}" appears twice.`);
    seenTopics.add(key);
    const topicTitle = reader.optionalString(['topics', index, 'title'], 'The topic "title"');
    if (!competencies.some((c) => c.key === key))
      competencies.push({
        key,
        name: cleanTitle(
          topicTitle ?? name.replace(/[-_]+/g, ' ').replace(/^\w/, (m) => m.toUpperCase()),
        ),
        description: '',
      });
    for (const cell of readTopic(reader, index, levelCount, key)) {
      cellsByLevel.set(cell.level, [...(cellsByLevel.get(cell.level) ?? []), ...cell.criteria]);
    }
  });
  const top = levelCount ?? Math.max(0, ...cellsByLevel.keys());
  if (top === 0) reader.fail(['topics'], 'no topic has any level; a track needs at least one.');
  warnings.push(...reader.warnings);
  const levels = Array.from({ length: top }, (_, i) => ({
    key: `level-${i + 1}`,
    name: `Level ${i + 1}`,
    code: `L${i + 1}`,
    summary: '',
    criteria: cellsByLevel.get(i + 1) ?? [],
  }));
  return { key: uniqueKey(slugify(title), trackKeys), name: title, description: '', levels, title };
}

/** Reads Monzo-style Markdown files with YAML front matter (one track per file). */
export function importMonzo(files: ImportFile[]): { model: FrameworkModel; warnings: string[] } {
  const competencies: ModelCompetency[] = [];
  const trackKeys = new Set<string>();
  const warnings: string[] = [];
  const tracks = files.map((file) => readFile(file, competencies, trackKeys, warnings));
  const name = tracks.length === 1 && tracks[0] ? tracks[0].title : 'Imported framework';
  return {
    model: {
      name,
      description: '',
      competencies,
      tracks: tracks.map(({ key, name: trackName, description, levels }) => ({
        key,
        name: trackName,
        description,
        levels,
      })),
    },
    warnings,
  };
}
