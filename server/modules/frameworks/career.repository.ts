import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type {
  AssessmentItemsTable,
  AssessmentRatingsTable,
  AssessmentsTable,
  PlacementsTable,
} from '../../db/schema.ts';
import { parseExamples } from './frameworks.repository.ts';

export type Side = 'engineer' | 'manager';
export type RatingValue = AssessmentRatingsTable['rating'];

export interface PlacementRow {
  id: string;
  versionId: string;
  trackId: string;
  trackKey: string;
  trackName: string;
  levelId: string;
  levelName: string;
  levelCode: string | null;
  levelPosition: number;
  effectiveOn: string;
  note: string;
  setBy: { id: string; name: string } | null;
  createdAt: string;
}

export async function insertPlacement(db: Transaction, row: PlacementsTable): Promise<void> {
  await db.insertInto('placements').values(row).execute();
}

/** A person's placements, newest effective date first (same day: latest recorded first). */
export async function listPlacementRows(
  db: Transaction,
  personId: string,
): Promise<PlacementRow[]> {
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('framework_levels as l', 'l.id', 'p.level_id')
    .innerJoin('framework_tracks as t', 't.id', 'p.track_id')
    .leftJoin('people as s', 's.id', 'p.created_by')
    .select([
      'p.id',
      'p.version_id',
      'p.track_id',
      't.key as track_key',
      't.name as track_name',
      'p.level_id',
      'l.name as level_name',
      'l.code as level_code',
      'l.position as level_position',
      'p.effective_on',
      'p.note',
      's.id as set_by_id',
      's.name as set_by_name',
      'p.created_at',
    ])
    .where('p.person_id', '=', personId)
    .orderBy('p.effective_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    versionId: r.version_id,
    trackId: r.track_id,
    trackKey: r.track_key,
    trackName: r.track_name,
    levelId: r.level_id,
    levelName: r.level_name,
    levelCode: r.level_code,
    levelPosition: Number(r.level_position),
    effectiveOn: r.effective_on,
    note: r.note,
    setBy: r.set_by_id && r.set_by_name ? { id: r.set_by_id, name: r.set_by_name } : null,
    createdAt: r.created_at,
  }));
}

export interface AssessmentRow {
  id: string;
  personId: string;
  personName: string;
  versionId: string;
  targetLevelId: string;
  targetLevelName: string;
  targetTrackName: string;
  basedOnId: string | null;
  createdAt: string;
  sides: Record<Side, { authorId: string | null; submittedAt: string | null }>;
  isRevealed: boolean;
  revealedAt: string | null;
}

function assessmentsQuery(db: Transaction) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('framework_levels as l', 'l.id', 'a.target_level_id')
    .innerJoin('framework_tracks as t', 't.id', 'l.track_id')
    .innerJoin('assessment_sides as e', (j) =>
      j.onRef('e.assessment_id', '=', 'a.id').on('e.side', '=', 'engineer'),
    )
    .innerJoin('assessment_sides as m', (j) =>
      j.onRef('m.assessment_id', '=', 'a.id').on('m.side', '=', 'manager'),
    )
    .select([
      'a.id',
      'a.person_id',
      'p.name as person_name',
      'a.version_id',
      'a.target_level_id',
      'l.name as level_name',
      't.name as track_name',
      'a.based_on_id',
      'a.created_at',
      'e.author_id as engineer_author',
      'e.submitted_at as engineer_submitted',
      'm.author_id as manager_author',
      'm.submitted_at as manager_submitted',
    ]);
}

function toAssessment(r: {
  id: string;
  person_id: string;
  person_name: string;
  version_id: string;
  target_level_id: string;
  level_name: string;
  track_name: string;
  based_on_id: string | null;
  created_at: string;
  engineer_author: string | null;
  engineer_submitted: string | null;
  manager_author: string | null;
  manager_submitted: string | null;
}): AssessmentRow {
  const isRevealed = r.engineer_submitted !== null && r.manager_submitted !== null;
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    versionId: r.version_id,
    targetLevelId: r.target_level_id,
    targetLevelName: r.level_name,
    targetTrackName: r.track_name,
    basedOnId: r.based_on_id,
    createdAt: r.created_at,
    sides: {
      engineer: { authorId: r.engineer_author, submittedAt: r.engineer_submitted },
      manager: { authorId: r.manager_author, submittedAt: r.manager_submitted },
    },
    isRevealed,
    revealedAt: isRevealed
      ? ([r.engineer_submitted ?? '', r.manager_submitted ?? ''].sort().at(-1) ?? null)
      : null,
  };
}

/** A person's assessments, newest first. */
const assessmentsOfPersonQuery = preparedQuery((db, p: { personId: string }) =>
  assessmentsQuery(db)
    .where('a.person_id', '=', p.personId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc'),
);

export async function listAssessmentRows(
  db: Transaction,
  personId: string,
): Promise<AssessmentRow[]> {
  return (await assessmentsOfPersonQuery.all(db, { personId })).map(toAssessment);
}

export async function findAssessmentById(
  db: Transaction,
  id: string,
): Promise<AssessmentRow | undefined> {
  const row = await assessmentsQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toAssessment(row) : undefined;
}

/** Creates the assessment, its items and both (empty) sides. */
export async function insertAssessment(
  db: Transaction,
  input: {
    assessment: AssessmentsTable;
    items: AssessmentItemsTable[];
    engineerAuthorId: string;
  },
): Promise<void> {
  const { assessment, items } = input;
  await db.insertInto('assessments').values(assessment).execute();
  for (let start = 0; start < items.length; start += 500)
    await db
      .insertInto('assessment_items')
      .values(items.slice(start, start + 500))
      .execute();
  await db
    .insertInto('assessment_sides')
    .values([
      {
        assessment_id: assessment.id,
        side: 'engineer',
        author_id: input.engineerAuthorId,
        submitted_at: null,
        updated_at: assessment.created_at,
      },
      {
        assessment_id: assessment.id,
        side: 'manager',
        author_id: null,
        submitted_at: null,
        updated_at: assessment.created_at,
      },
    ])
    .execute();
}

export interface ItemRow {
  id: string;
  criterionId: string | null;
  competencyName: string;
  text: string;
  examples: string[];
  position: number;
}

export async function listItemRows(db: Transaction, assessmentId: string): Promise<ItemRow[]> {
  const rows = await db
    .selectFrom('assessment_items')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    criterionId: r.criterion_id,
    competencyName: r.competency_name,
    text: r.text,
    examples: parseExamples(r.examples_json),
    position: Number(r.position),
  }));
}

export interface RatingRow {
  itemId: string;
  side: Side;
  rating: RatingValue;
  evidence: string;
}

/** Ratings of the given sides only: callers pass exactly the sides the actor may read. */
export async function listRatingRows(
  db: Transaction,
  assessmentId: string,
  sides: Side[],
): Promise<RatingRow[]> {
  if (sides.length === 0) return [];
  const rows = await db
    .selectFrom('assessment_ratings')
    .select(['item_id', 'side', 'rating', 'evidence'])
    .where('assessment_id', '=', assessmentId)
    .where('side', 'in', sides)
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    side: r.side,
    rating: r.rating,
    evidence: r.evidence,
  }));
}

/** Replaces the given ratings of one side. */
export async function saveRatingRows(
  db: Transaction,
  input: { assessmentId: string; side: Side; ratings: RatingRow[]; at: string },
): Promise<void> {
  const itemIds = input.ratings.map((r) => r.itemId);
  for (let start = 0; start < itemIds.length; start += 500) {
    await db
      .deleteFrom('assessment_ratings')
      .where('side', '=', input.side)
      .where('item_id', 'in', itemIds.slice(start, start + 500))
      .execute();
  }
  const values = input.ratings.map((r) => ({
    item_id: r.itemId,
    assessment_id: input.assessmentId,
    side: input.side,
    rating: r.rating,
    evidence: r.evidence,
    updated_at: input.at,
  }));
  for (let start = 0; start < values.length; start += 500)
    await db
      .insertInto('assessment_ratings')
      .values(values.slice(start, start + 500))
      .execute();
}

export async function clearSideRatings(
  db: Transaction,
  assessmentId: string,
  side: Side,
): Promise<void> {
  await db
    .deleteFrom('assessment_ratings')
    .where('assessment_id', '=', assessmentId)
    .where('side', '=', side)
    .execute();
}

export async function updateSideRow(
  db: Transaction,
  assessmentId: string,
  side: Side,
  patch: { author_id?: string | null; submitted_at?: string | null; updated_at: string },
): Promise<void> {
  await db
    .updateTable('assessment_sides')
    .set(patch)
    .where('assessment_id', '=', assessmentId)
    .where('side', '=', side)
    .execute();
}

/**
 * Ratings from a person's revealed assessments (both sides submitted) on the given criteria,
 * newest assessment first. Never returns anything from an unrevealed assessment.
 */
export async function listRevealedRatings(
  db: Transaction,
  personId: string,
  criterionIds: string[],
) {
  if (criterionIds.length === 0) return [];
  const rows = await db
    .selectFrom('assessment_items as i')
    .innerJoin('assessments as a', 'a.id', 'i.assessment_id')
    .innerJoin('assessment_ratings as r', 'r.item_id', 'i.id')
    .innerJoin('assessment_sides as e', (j) =>
      j.onRef('e.assessment_id', '=', 'a.id').on('e.side', '=', 'engineer'),
    )
    .innerJoin('assessment_sides as m', (j) =>
      j.onRef('m.assessment_id', '=', 'a.id').on('m.side', '=', 'manager'),
    )
    .select([
      'i.criterion_id',
      'a.id as assessment_id',
      'r.side',
      'r.rating',
      sql<string>`case when e.submitted_at > m.submitted_at then e.submitted_at else m.submitted_at end`.as(
        'revealed_at',
      ),
    ])
    .where('a.person_id', '=', personId)
    .where('e.submitted_at', 'is not', null)
    .where('m.submitted_at', 'is not', null)
    .where('i.criterion_id', 'in', criterionIds)
    .orderBy('revealed_at', 'desc')
    .execute();
  return rows.map((r) => ({
    criterionId: r.criterion_id ?? '',
    assessmentId: r.assessment_id,
    side: r.side,
    rating: r.rating,
    revealedAt: r.revealed_at,
  }));
}
