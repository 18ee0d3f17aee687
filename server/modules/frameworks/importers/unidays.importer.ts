import { ImportError, cleanTitle, slugify, uniqueKey } from '../framework-model.ts';
import type {
  FrameworkModel,
  ImportFile,
  ModelCompetency,
  ModelCriterion,
  ModelLevel,
  ModelTrack,
} from '../framework-model.ts';
import { readJson } from './source-reader.ts';
import type { Path, SourceReader } from './source-reader.ts';

interface CatalogueLevel {
  title: string;
  path: string;
  summary: string;
  criteria: string[];
}
interface CatalogueTopic {
  title: string;
  path: string;
  summary: string;
  levels: CatalogueLevel[];
}
interface Catalogue {
  title: string;
  path: string;
  topics: CatalogueTopic[];
}

function readPathKey(reader: SourceReader, path: Path, fallback: string): string {
  const value = reader.optionalString([...path, 'path'], '"path"');
  return value ?? fallback;
}

function readCatalogue(reader: SourceReader, fileName: string): Catalogue {
  reader.warnUnknownKeys([], ['title', 'path', 'topics', 'theme', 'summary'], ['$schema']);
  const title = reader.string(['title'], '"title"');
  const path = readPathKey(
    reader,
    [],
    fileName
      .replace(/\.json$/i, '')
      .split('/')
      .pop() ?? title,
  );
  const seenTopics = new Set<string>();
  const topics = reader.array(['topics'], '"topics"').map((_, t) => {
    const topicPath: Path = ['topics', t];
    reader.object(topicPath, 'Each topic');
    reader.warnUnknownKeys(topicPath, ['title', 'path', 'theme', 'summary', 'levels']);
    const topicTitle = reader.string([...topicPath, 'title'], 'The topic "title"');
    const key = readPathKey(reader, topicPath, slugify(topicTitle));
    if (seenTopics.has(key))
      reader.fail([...topicPath, 'path'], `the topic path "${key}" appears twice.`);
    seenTopics.add(key);
    const seenLevels = new Set<string>();
    const levels = reader.array([...topicPath, 'levels'], 'The topic "levels"').map((__, l) => {
      const levelPath: Path = [...topicPath, 'levels', l];
      reader.object(levelPath, 'Each level');
      reader.warnUnknownKeys(levelPath, ['title', 'path', 'summary', 'criteria']);
      const levelTitle = reader.string([...levelPath, 'title'], 'The level "title"');
      const levelKey = readPathKey(reader, levelPath, String(l + 1));
      if (seenLevels.has(levelKey))
        reader.fail([...levelPath, 'path'], `the level path "${levelKey}" appears twice.`);
      seenLevels.add(levelKey);
      return {
        title: levelTitle,
        path: levelKey,
        summary: reader.optionalString([...levelPath, 'summary'], '"summary"') ?? '',
        criteria: reader
          .array([...levelPath, 'criteria'], '"criteria"')
          .map((___, c) => reader.string([...levelPath, 'criteria', c], 'Each criterion')),
      };
    });
    if (levels.length === 0)
      reader.fail([...topicPath, 'levels'], 'a topic must list at least one level.');
    return {
      title: topicTitle,
      path: key,
      summary: reader.optionalString([...topicPath, 'summary'], '"summary"') ?? '',
      levels,
    };
  });
  if (topics.length === 0) reader.fail(['topics'], '"topics" must list at least one topic.');
  return { title, path, topics };
}

interface RoleLevel {
  title: string;
  summary: string;
  refs: { ref: string; path: Path; isOptional: boolean }[];
}
interface Role {
  title: string;
  levels: RoleLevel[];
}

/** Roles of a role tree, including those nested in departments. */
function readRoles(reader: SourceReader, base: Path, roles: Role[]): void {
  reader.array([...base, 'roles'], '"roles"', true).forEach((_, r) => {
    const rolePath: Path = [...base, 'roles', r];
    reader.object(rolePath, 'Each role');
    reader.warnUnknownKeys(rolePath, ['title', 'path', 'levels']);
    const title = reader.string([...rolePath, 'title'], 'The role "title"');
    const levels = reader.array([...rolePath, 'levels'], 'The role "levels"').map((__, l) => {
      const levelPath: Path = [...rolePath, 'levels', l];
      reader.object(levelPath, 'Each level');
      reader.warnUnknownKeys(levelPath, ['title', 'path', 'summary', 'competencies']);
      const refs: RoleLevel['refs'] = [];
      for (const kind of ['required', 'optional'] as const) {
        const listPath: Path = [...levelPath, 'competencies', kind];
        reader.array(listPath, `"${kind}"`, true).forEach((___, k) => {
          refs.push({
            ref: reader.string([...listPath, k], 'Each competency reference'),
            path: [...listPath, k],
            isOptional: kind === 'optional',
          });
        });
      }
      return {
        title: reader.string([...levelPath, 'title'], 'The level "title"'),
        summary: reader.optionalString([...levelPath, 'summary'], '"summary"') ?? '',
        refs,
      };
    });
    if (levels.length === 0)
      reader.fail([...rolePath, 'levels'], 'a role must list at least one level.');
    roles.push({ title, levels });
  });
  reader.array([...base, 'departments'], '"departments"', true).forEach((_, d) => {
    reader.object([...base, 'departments', d], 'Each department');
    readRoles(reader, [...base, 'departments', d], roles);
  });
}

function fromRoleTrees(
  catalogues: Catalogue[],
  trees: { reader: SourceReader; roles: Role[] }[],
): { competencies: ModelCompetency[]; tracks: ModelTrack[]; optionalCount: number } {
  const competencies: ModelCompetency[] = [];
  const trackKeys = new Set<string>();
  const tracks: ModelTrack[] = [];
  let optionalCount = 0;
  for (const tree of trees) {
    const reader: SourceReader = tree.reader;
    for (const role of tree.roles) {
      const levelKeys = new Set<string>();
      const levels: ModelLevel[] = role.levels.map((level) => {
        const criteria: ModelCriterion[] = [];
        for (const { ref, path, isOptional } of level.refs) {
          const [cataloguePath, topicPath, levelPath] = ref.split('/');
          const catalogue = catalogues.find((c) => c.path === cataloguePath);
          const topic = catalogue?.topics.find((t) => t.path === topicPath);
          const target = topic?.levels.find((l) => l.path === levelPath);
          if (!catalogue || !topic || !target)
            reader.fail(
              path,
              `refers to "${ref}", which none of the catalogues defines (expected catalogue/topic/level${catalogues.length ? `; catalogues: ${catalogues.map((c) => c.path).join(', ')}` : '; add the catalogue files to the import'}).`,
            );
          const key = slugify(`${catalogue.path}-${topic.path}`);
          if (!competencies.some((c) => c.key === key))
            competencies.push({ key, name: cleanTitle(topic.title), description: topic.summary });
          if (isOptional) optionalCount += 1;
          criteria.push(
            ...target.criteria.map((text) => ({ competency: key, text, examples: [] })),
          );
        }
        return {
          key: uniqueKey(slugify(cleanTitle(level.title)), levelKeys),
          name: cleanTitle(level.title),
          code: null,
          summary: level.summary,
          criteria,
        };
      });
      const name = cleanTitle(role.title);
      tracks.push({ key: uniqueKey(slugify(name), trackKeys), name, description: '', levels });
    }
  }
  return { competencies, tracks, optionalCount };
}

/** Without a role tree each catalogue is a track whose levels are the topics' levels by position. */
function fromCatalogues(catalogues: Catalogue[]): {
  competencies: ModelCompetency[];
  tracks: ModelTrack[];
} {
  const competencies: ModelCompetency[] = [];
  const trackKeys = new Set<string>();
  const tracks = catalogues.map((catalogue) => {
    const depth = Math.max(...catalogue.topics.map((t) => t.levels.length));
    for (const topic of catalogue.topics) {
      competencies.push({
        key: slugify(`${catalogue.path}-${topic.path}`),
        name: cleanTitle(topic.title),
        description: topic.summary,
      });
    }
    const levelKeys = new Set<string>();
    const levels: ModelLevel[] = Array.from({ length: depth }, (_, i) => ({
      key: uniqueKey(`level-${i + 1}`, levelKeys),
      name: `Level ${i + 1}`,
      code: `L${i + 1}`,
      summary: '',
      criteria: catalogue.topics.flatMap((topic) =>
        (topic.levels[i]?.criteria ?? []).map((text) => ({
          competency: slugify(`${catalogue.path}-${topic.path}`),
          text,
          examples: [],
        })),
      ),
    }));
    const name = cleanTitle(catalogue.title);
    return { key: uniqueKey(slugify(name), trackKeys), name, description: '', levels };
  });
  return { competencies, tracks };
}

/**
 * Reads UNiDAYS-style JSON: competency catalogues (topics with levels of criteria) and, optionally,
 * role trees whose levels reference `catalogue/topic/level`. JSON schema files are skipped.
 */
export function importUnidays(files: ImportFile[]): { model: FrameworkModel; warnings: string[] } {
  const warnings: string[] = [];
  const catalogues: Catalogue[] = [];
  const trees: { reader: SourceReader; roles: Role[] }[] = [];
  for (const file of files) {
    const reader = readJson(file.name, file.content);
    const root = reader.object([], 'The file');
    if ('$schema' in root && ('definitions' in root || root.type === 'object')) {
      warnings.push(`${file.name}: a JSON schema, not a catalogue; skipped.`);
      continue;
    }
    if ('topics' in root) {
      const catalogue = readCatalogue(reader, file.name);
      if (catalogues.some((c) => c.path === catalogue.path))
        reader.fail(['path'], `another file already defines the catalogue "${catalogue.path}".`);
      catalogues.push(catalogue);
    } else if ('roles' in root || 'departments' in root) {
      reader.warnUnknownKeys([], ['title', 'path', 'roles', 'departments'], ['$schema']);
      reader.string(['title'], '"title"');
      const roles: Role[] = [];
      readRoles(reader, [], roles);
      trees.push({ reader, roles });
    } else {
      reader.fail([], 'is neither a competency catalogue ("topics") nor a role tree ("roles").');
    }
    warnings.push(...reader.warnings);
  }
  if (catalogues.length === 0)
    throw new ImportError(
      files.map((f) => f.name).join(', '),
      null,
      'no competency catalogue found: include at least one file with "topics".',
    );
  const hasRoles = trees.some((t) => t.roles.length > 0);
  const { competencies, tracks, optionalCount } = hasRoles
    ? fromRoleTrees(catalogues, trees)
    : { ...fromCatalogues(catalogues), optionalCount: 0 };
  if (optionalCount > 0)
    warnings.push(
      `${optionalCount} optional competency references were imported as ordinary criteria.`,
    );
  if (!hasRoles)
    warnings.push('No role tree was included: each catalogue became a track with numbered levels.');
  const [first] = catalogues;
  const name =
    hasRoles && tracks.length === 1 && tracks[0]
      ? tracks[0].name
      : catalogues.length === 1 && first
        ? cleanTitle(first.title)
        : 'Imported competencies';
  return { model: { name, description: '', competencies, tracks }, warnings };
}
