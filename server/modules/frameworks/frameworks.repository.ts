import type { Transaction } from '../../db/client.ts';

export interface FrameworkRow {
  id: string;
  name: string;
  description: string;
  builtinKey: string | null;
}

export interface VersionRow {
  id: string;
  frameworkId: string;
  number: number;
  source: string;
  isActive: boolean;
  createdAt: string;
  activatedAt: string | null;
}

export interface TrackRow {
  id: string;
  key: string;
  name: string;
  description: string;
  position: number;
}

export interface LevelRow {
  id: string;
  versionId: string;
  trackId: string;
  key: string;
  name: string;
  code: string | null;
  summary: string;
  position: number;
  /** Compare-and-set counter of the wording (ADR 080). */
  version: number;
}

export interface CompetencyRow {
  id: string;
  versionId: string;
  key: string;
  name: string;
  description: string;
  position: number;
  /** Compare-and-set counter of the wording (ADR 080). */
  version: number;
}

export interface CriterionRow {
  id: string;
  versionId: string;
  levelId: string;
  competencyId: string;
  text: string;
  examples: string[];
  position: number;
  /** Compare-and-set counter of the wording (ADR 080). */
  version: number;
}

export function parseExamples(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const versionColumns = [
  'id',
  'framework_id',
  'number',
  'source',
  'is_active',
  'created_at',
  'activated_at',
] as const;

function toVersion(row: {
  id: string;
  framework_id: string;
  number: number;
  source: string;
  is_active: boolean;
  created_at: string;
  activated_at: string | null;
}): VersionRow {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    number: Number(row.number),
    source: row.source,
    isActive: row.is_active,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  };
}

/** Every framework, by name. */
export async function listFrameworkRows(db: Transaction): Promise<FrameworkRow[]> {
  const rows = await db
    .selectFrom('frameworks')
    .select(['id', 'name', 'description', 'builtin_key'])
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    builtinKey: r.builtin_key,
  }));
}

export async function findFrameworkById(
  db: Transaction,
  id: string,
): Promise<FrameworkRow | undefined> {
  const r = await db
    .selectFrom('frameworks')
    .select(['id', 'name', 'description', 'builtin_key'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, name: r.name, description: r.description, builtinKey: r.builtin_key };
}

export async function findBuiltInFramework(db: Transaction, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('frameworks')
    .select('id')
    .where('builtin_key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every version, newest first within a framework. */
export async function listVersionRows(db: Transaction): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('framework_versions')
    .select(versionColumns)
    .orderBy('framework_id')
    .orderBy('number', 'desc')
    .execute();
  return rows.map(toVersion);
}

export async function findVersionById(
  db: Transaction,
  id: string,
): Promise<VersionRow | undefined> {
  const row = await db
    .selectFrom('framework_versions')
    .select(versionColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

export async function findActiveVersion(db: Transaction): Promise<VersionRow | undefined> {
  const row = await db
    .selectFrom('framework_versions')
    .select(versionColumns)
    .where('is_active', '=', true)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** Makes one version the organisation's active one and every other inactive. */
export async function activateVersionRow(db: Transaction, id: string, at: string): Promise<void> {
  await db
    .updateTable('framework_versions')
    .set({ is_active: false })
    .where('is_active', '=', true)
    .where('id', '<>', id)
    .execute();
  await db
    .updateTable('framework_versions')
    .set({ is_active: true, activated_at: at })
    .where('id', '=', id)
    .where('is_active', '=', false)
    .execute();
}

/** Tracks, levels, competencies and criteria of a version, each in framework order. */
export async function loadVersionContent(db: Transaction, versionId: string) {
  const [tracks, levels, competencies, criteria] = await Promise.all([
    db
      .selectFrom('framework_tracks')
      .select(['id', 'key', 'name', 'description', 'position'])
      .where('version_id', '=', versionId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('framework_levels')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('framework_competencies')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('framework_criteria')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('position')
      .execute(),
  ]);
  return {
    tracks: tracks.map((t) => ({ ...t, position: Number(t.position) })) as TrackRow[],
    levels: levels.map(toLevel),
    competencies: competencies.map((c): CompetencyRow => ({
      id: c.id,
      versionId: c.version_id,
      key: c.key,
      name: c.name,
      description: c.description,
      position: Number(c.position),
      version: Number(c.row_version ?? 1),
    })),
    criteria: criteria.map(toCriterion),
  };
}
export type VersionContent = Awaited<ReturnType<typeof loadVersionContent>>;

function toLevel(l: {
  id: string;
  version_id: string;
  track_id: string;
  key: string;
  name: string;
  code: string | null;
  summary: string;
  position: number;
  row_version?: number;
}): LevelRow {
  return {
    id: l.id,
    versionId: l.version_id,
    trackId: l.track_id,
    key: l.key,
    name: l.name,
    code: l.code,
    summary: l.summary,
    position: Number(l.position),
    version: Number(l.row_version ?? 1),
  };
}

function toCriterion(c: {
  id: string;
  version_id: string;
  level_id: string;
  competency_id: string;
  text: string;
  examples_json: string;
  position: number;
  row_version?: number;
}): CriterionRow {
  return {
    id: c.id,
    versionId: c.version_id,
    levelId: c.level_id,
    competencyId: c.competency_id,
    text: c.text,
    examples: parseExamples(c.examples_json),
    position: Number(c.position),
    version: Number(c.row_version ?? 1),
  };
}

/** A level with its track's name; undefined when missing. */
export async function findLevelById(db: Transaction, id: string) {
  const row = await db
    .selectFrom('framework_levels as l')
    .innerJoin('framework_tracks as t', 't.id', 'l.track_id')
    .select([
      'l.id',
      'l.version_id',
      'l.track_id',
      'l.key',
      'l.name',
      'l.code',
      'l.summary',
      'l.position',
      'l.row_version',
      't.name as track_name',
      't.key as track_key',
    ])
    .where('l.id', '=', id)
    .executeTakeFirst();
  return row && { ...toLevel(row), trackName: row.track_name, trackKey: row.track_key };
}
export type LevelWithTrack = NonNullable<Awaited<ReturnType<typeof findLevelById>>>;

/** The level after `level` on its track, if any. */
export async function findNextLevel(
  db: Transaction,
  level: { trackId: string; position: number },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('framework_levels')
    .select('id')
    .where('track_id', '=', level.trackId)
    .where('position', '>', level.position)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Criteria of one level in framework order, with competency names. */
export async function listLevelCriteria(db: Transaction, levelId: string) {
  const rows = await db
    .selectFrom('framework_criteria as c')
    .innerJoin('framework_competencies as k', 'k.id', 'c.competency_id')
    .select([
      'c.id',
      'c.version_id',
      'c.level_id',
      'c.competency_id',
      'c.text',
      'c.examples_json',
      'c.position',
      'k.name as competency_name',
      'k.position as competency_position',
    ])
    .where('c.level_id', '=', levelId)
    .orderBy('k.position')
    .orderBy('c.position')
    .execute();
  return rows.map((r) => ({ ...toCriterion(r), competencyName: r.competency_name }));
}

export async function findCriterionById(db: Transaction, id: string) {
  const row = await db
    .selectFrom('framework_criteria')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toCriterion(row) : undefined;
}

export async function findCompetencyById(db: Transaction, id: string) {
  return db
    .selectFrom('framework_competencies')
    .select(['id', 'version_id', 'row_version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Rewords a criterion if it is still at `expected` (compare-and-set, ADR 080); false when stale. */
export async function updateCriterionRowIfVersion(
  db: Transaction,
  id: string,
  patch: { text?: string; examples?: string[] },
  expected: number,
): Promise<boolean> {
  const result = await db
    .updateTable('framework_criteria')
    .set((eb) => ({
      ...(patch.text !== undefined && { text: patch.text }),
      ...(patch.examples !== undefined && { examples_json: JSON.stringify(patch.examples) }),
      row_version: eb('row_version', '+', 1),
    }))
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Renames or redescribes a competency if it is still at `expected`; false when stale. */
export async function updateCompetencyRowIfVersion(
  db: Transaction,
  id: string,
  patch: { name?: string; description?: string },
  expected: number,
): Promise<boolean> {
  const result = await db
    .updateTable('framework_competencies')
    .set((eb) => ({ ...patch, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Changes a level's name, code or summary if it is still at `expected`; false when stale. */
export async function updateLevelRowIfVersion(
  db: Transaction,
  id: string,
  patch: { name?: string; code?: string | null; summary?: string },
  expected: number,
): Promise<boolean> {
  const result = await db
    .updateTable('framework_levels')
    .set((eb) => ({ ...patch, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
