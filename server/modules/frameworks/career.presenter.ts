import type {
  AssessmentDetail,
  AssessmentItem,
  AssessmentSummary,
  Placement,
  Rating,
  RatingEntry,
} from '../../../shared/schemas/frameworks.ts';
import { RATINGS } from '../../../shared/schemas/frameworks.ts';
import type { AssessmentRow, ItemRow, PlacementRow, RatingRow, Side } from './career.repository.ts';

/** Placements newest first; each says whether it moved the person to another track. */
export function presentPlacements(rows: PlacementRow[]): Placement[] {
  return rows.map((row, index) => {
    const previous = rows[index + 1];
    return {
      id: row.id,
      versionId: row.versionId,
      track: { id: row.trackId, name: row.trackName },
      level: { id: row.levelId, name: row.levelName, code: row.levelCode },
      effectiveOn: row.effectiveOn,
      note: row.note,
      setBy: row.setBy,
      createdAt: row.createdAt,
      isTrackChange: previous !== undefined && previous.trackKey !== row.trackKey,
    };
  });
}

export function presentAssessmentSummary(row: AssessmentRow, canOpen: boolean): AssessmentSummary {
  return {
    id: row.id,
    personId: row.personId,
    targetLevel: {
      id: row.targetLevelId,
      name: row.targetLevelName,
      trackName: row.targetTrackName,
    },
    status: row.isRevealed ? 'revealed' : 'in_progress',
    createdAt: row.createdAt,
    revealedAt: row.revealedAt,
    canOpen,
  };
}

function entryOf(rating: RatingRow | undefined): RatingEntry | null {
  return rating ? { rating: rating.rating, evidence: rating.evidence } : null;
}

function countRatings(entries: (RatingEntry | null)[]): Record<Rating, number> {
  const counts = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
  for (const entry of entries) if (entry?.rating) counts[entry.rating] += 1;
  return counts;
}

/**
 * The assessment as the pair sees it. `ratings` must contain only what the actor may read: their
 * own side before the reveal, both sides after it. Disagreements come first once revealed.
 */
export function presentAssessmentDetail(input: {
  row: AssessmentRow;
  items: ItemRow[];
  ratings: RatingRow[];
  mySide: Side | null;
  canRate: boolean;
}): AssessmentDetail {
  const { row, items, ratings, mySide } = input;
  const find = (itemId: string, side: Side) =>
    ratings.find((r) => r.itemId === itemId && r.side === side);
  let presented: AssessmentItem[] = items.map((item) => {
    const engineer = row.isRevealed ? entryOf(find(item.id, 'engineer')) : null;
    const manager = row.isRevealed ? entryOf(find(item.id, 'manager')) : null;
    return {
      id: item.id,
      criterionId: item.criterionId,
      competencyName: item.competencyName,
      text: item.text,
      examples: item.examples,
      mine: mySide ? entryOf(find(item.id, mySide)) : null,
      engineer,
      manager,
      isDisagreement: row.isRevealed ? engineer?.rating !== manager?.rating : null,
    };
  });
  let summary: AssessmentDetail['summary'] = null;
  if (row.isRevealed) {
    presented = [
      ...presented.filter((i) => i.isDisagreement),
      ...presented.filter((i) => !i.isDisagreement),
    ];
    summary = {
      engineer: countRatings(presented.map((i) => i.engineer)),
      manager: countRatings(presented.map((i) => i.manager)),
      disagreements: presented.filter((i) => i.isDisagreement).length,
    };
  }
  const mySubmitted = mySide ? row.sides[mySide].submittedAt !== null : false;
  return {
    ...presentAssessmentSummary(row, true),
    person: { id: row.personId, name: row.personName },
    basedOnId: row.basedOnId,
    mySide,
    sides: {
      engineer: { submittedAt: row.sides.engineer.submittedAt },
      manager: { submittedAt: row.sides.manager.submittedAt },
    },
    items: presented,
    summary,
    abilities: {
      rate: input.canRate && mySide !== null && !mySubmitted,
      submit: input.canRate && mySide !== null && !mySubmitted,
    },
  };
}
