/**
 * The framework as every importer produces it and the native exporter writes it: plain data,
 * independent of the database. Keys identify tracks, levels and competencies inside one framework.
 */
export interface ModelCriterion {
  competency: string;
  text: string;
  examples: string[];
}

export interface ModelLevel {
  key: string;
  name: string;
  code: string | null;
  summary: string;
  criteria: ModelCriterion[];
}

export interface ModelTrack {
  key: string;
  name: string;
  description: string;
  levels: ModelLevel[];
}

export interface ModelCompetency {
  key: string;
  name: string;
  description: string;
}

export interface FrameworkModel {
  name: string;
  description: string;
  competencies: ModelCompetency[];
  tracks: ModelTrack[];
}

/** A file that cannot be imported; `location` is "line 3, column 5" or a JSON pointer. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly location: string | null,
    readonly reason: string,
  ) {
    super(location ? `${file}, ${location}: ${reason}` : `${file}: ${reason}`);
  }
}

export interface ImportFile {
  name: string;
  content: string;
}

/** The largest file an importer reads; bigger ones are refused before parsing. */
export const MAX_IMPORT_FILE_CHARS = 2_000_000;
/** Guards the database and the matrix view against absurd inputs. */
export const MAX_IMPORT_CRITERIA = 5_000;

/** A key made from a display name: "🛠️ Technical Craft" → "technical-craft". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'item';
}

/** Returns `base`, or `base-2`, `base-3`… if already taken; records the result as taken. */
export function uniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

/** Drops leading emoji and symbols from a published title: "🌐 Web" → "Web". */
export function cleanTitle(title: string): string {
  return title.replace(/^[^\p{L}\p{N}]+/u, '').trim() || title.trim();
}

/** Warnings for cells without criteria, one line per track and competency. */
export function sparseLevelWarnings(model: FrameworkModel): string[] {
  const warnings: string[] = [];
  for (const track of model.tracks) {
    for (const level of track.levels) {
      if (level.criteria.length === 0)
        warnings.push(`${track.name}: level "${level.name}" has no criteria at all.`);
    }
    const used = new Set(track.levels.flatMap((l) => l.criteria.map((c) => c.competency)));
    for (const competency of model.competencies) {
      if (!used.has(competency.key)) continue;
      const missing = track.levels
        .filter((l) => l.criteria.length > 0)
        .filter((l) => !l.criteria.some((c) => c.competency === competency.key))
        .map((l) => l.name);
      if (missing.length > 0)
        warnings.push(
          `${track.name}: "${competency.name}" has no criteria at ${missing.join(', ')} (sparse levels).`,
        );
    }
  }
  return warnings;
}

/** Counts criteria and refuses frameworks too large to be useful. */
export function checkSize(model: FrameworkModel, file: string): void {
  const count = model.tracks.reduce(
    (sum, t) => sum + t.levels.reduce((s, l) => s + l.criteria.length, 0),
    0,
  );
  if (count > MAX_IMPORT_CRITERIA)
    throw new ImportError(
      file,
      null,
      `has ${count} criteria; a framework may have at most ${MAX_IMPORT_CRITERIA}.`,
    );
}

/** Fails an import whose content could not be exported and imported back (names too long, …). */
export function checkExportable(
  model: FrameworkModel,
  file: string,
  validate: (model: FrameworkModel) => { path: PropertyKey[]; message: string } | null,
): void {
  const problem = validate(model);
  if (!problem) return;
  const where = problem.path.map(String).join('.');
  throw new ImportError(
    file,
    null,
    `cannot be stored as a Trajectory framework: ${where} ${problem.message.replace(/^Invalid input: /, '')}.`,
  );
}
