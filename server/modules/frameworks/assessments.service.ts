import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize } from '../../policies/authorize.ts';
import type {
  AssessmentDetail,
  AssessmentList,
  CreateAssessment,
  SaveRatings,
} from '../../../shared/schemas/frameworks.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { presentAssessmentDetail, presentAssessmentSummary } from './career.presenter.ts';
import {
  clearSideRatings,
  findAssessmentById,
  insertAssessment,
  listAssessmentRows,
  listItemRows,
  listRatingRows,
  saveRatingRows,
  updateSideRow,
} from './career.repository.ts';
import type { AssessmentRow, RatingRow, Side } from './career.repository.ts';
import type { CareerSubject } from './frameworks.policy.ts';
import {
  assessmentListPolicy,
  assessmentPolicy,
  isCurrentManager,
  isEngineer,
} from './frameworks.policy.ts';
import { findLevelById, listLevelCriteria } from './frameworks.repository.ts';
import type { FrameworksService } from './frameworks.service.ts';
import { loadCareerSubject } from './placements.service.ts';

interface Deps {
  database: Database;
  clock: Clock;
  frameworks: FrameworksService;
}

/** Which side the actor fills in: the engineer's own, or the manager's when they manage them now. */
function sideOf(actor: Actor, subject: CareerSubject): Side | null {
  if (isEngineer(actor, subject)) return 'engineer';
  if (isCurrentManager(actor, subject)) return 'manager';
  return null;
}

/** An unsubmitted side is readable by its author alone; a side nobody has written yet is open. */
function mayReadOwnSide(actor: Actor, row: AssessmentRow, side: Side): boolean {
  const author = row.sides[side].authorId;
  return actor.kind === 'person' && (author === null || author === actor.id);
}

export function createAssessmentsService({ database, clock, frameworks }: Deps) {
  const { db } = database;
  const today = () => toIsoDate(clock.now());

  async function load(actor: Actor, id: string) {
    const row = await findAssessmentById(db, id);
    const subject = row ? await loadCareerSubject(db, row.personId, today()) : null;
    const resource = row && subject ? { ...subject, isRevealed: row.isRevealed } : null;
    return { row, subject, resource };
  }

  return {
    /** A person's assessments (existence and dates only); the pair, leaders above and admins. */
    async listAssessments(actor: Actor, personId: string): Promise<AssessmentList> {
      const subject = await loadCareerSubject(db, personId, today());
      authorize(actor, assessmentListPolicy, 'view', subject);
      const rows = await listAssessmentRows(db, personId);
      const canOpen = subject !== null && sideOf(actor, subject) !== null;
      return {
        items: rows.map((row) => presentAssessmentSummary(row, canOpen)),
        abilities: abilitiesOf(actor, assessmentListPolicy, subject),
      };
    },

    /**
     * Starts an assessment of a person against a level of the active framework; the engineer or
     * their current manager. With `basedOnId` (a revealed assessment of the same person) each side
     * starts from its ratings there, matched by criterion or identical wording.
     */
    async startAssessment(
      actor: Actor,
      personId: string,
      input: CreateAssessment,
    ): Promise<AssessmentDetail> {
      const subject = await loadCareerSubject(db, personId, today());
      authorize(actor, assessmentListPolicy, 'start', subject);
      const activeId = await frameworks.activeVersionId();
      const level = await findLevelById(db, input.targetLevelId);
      if (!level || level.versionId !== activeId)
        throw new ValidationError('Choose a level of the active framework.', 'targetLevelId');
      const criteria = await listLevelCriteria(db, level.id);
      if (criteria.length === 0)
        throw new ValidationError('This level has no criteria to assess against.', 'targetLevelId');
      let previous: {
        items: Awaited<ReturnType<typeof listItemRows>>;
        ratings: RatingRow[];
      } | null = null;
      if (input.basedOnId) {
        const base = await findAssessmentById(db, input.basedOnId);
        if (!base || base.personId !== personId)
          throw new ValidationError(
            'There is no earlier assessment of this person with this id.',
            'basedOnId',
          );
        if (!base.isRevealed)
          throw new ConflictError(
            'The earlier assessment is not finished; both sides must submit it first.',
            'basedOnId',
          );
        previous = {
          items: await listItemRows(db, base.id),
          ratings: await listRatingRows(db, base.id, ['engineer', 'manager']),
        };
      }
      const id = randomUUID();
      const now = clock.now().toISOString();
      const items = criteria.map((c, position) => ({
        id: randomUUID(),
        assessment_id: id,
        criterion_id: c.id,
        competency_name: c.competencyName,
        text: c.text,
        examples_json: JSON.stringify(c.examples),
        position,
      }));
      await db.transaction().execute(async (trx) => {
        await insertAssessment(trx, {
          assessment: {
            id,
            person_id: personId,
            version_id: level.versionId,
            target_level_id: level.id,
            based_on_id: input.basedOnId ?? null,
            started_by: actor.kind === 'person' ? actor.id : null,
            created_at: now,
          },
          items,
          engineerAuthorId: personId,
        });
        if (!previous) return;
        const { items: oldItems, ratings: oldRatings } = previous;
        for (const side of ['engineer', 'manager'] as const) {
          const copied: RatingRow[] = [];
          for (const item of items) {
            const match = oldItems.find(
              (o) =>
                (o.criterionId !== null && o.criterionId === item.criterion_id) ||
                o.text === item.text,
            );
            const rating =
              match && oldRatings.find((r) => r.itemId === match.id && r.side === side);
            if (rating) copied.push({ ...rating, itemId: item.id });
          }
          await saveRatingRows(trx, { assessmentId: id, side, ratings: copied, at: now });
        }
      });
      return this.readAssessment(actor, id);
    },

    /**
     * One assessment with what the actor may read: their own side, and both sides once both are
     * submitted. Pair only (403 for leaders and admins, 404 for everyone else).
     */
    async getAssessment(actor: Actor, id: string): Promise<AssessmentDetail> {
      const detail = await this.readAssessment(actor, id);
      // DESIGN §4: every read of C3 by someone other than the engineer is audited (ids only).
      if (actor.kind === 'person' && actor.id !== detail.personId) {
        await db.transaction().execute((trx) =>
          recordAuditEvent(
            trx,
            {
              actor,
              action: 'assessment.read',
              targetType: 'assessment',
              targetId: id,
              subjectPersonId: detail.personId,
              decision: 'allow',
            },
            clock.now(),
          ),
        );
      }
      return detail;
    },

    /** As getAssessment, without the audit event (used after the actor's own writes). */
    async readAssessment(actor: Actor, id: string): Promise<AssessmentDetail> {
      const { row, subject, resource } = await load(actor, id);
      authorize(actor, assessmentPolicy, 'open', resource);
      if (!row || !subject) throw new NotFoundError('assessment');
      const mySide = sideOf(actor, subject);
      let readable: Side[] = [];
      if (row.isRevealed) readable = ['engineer', 'manager'];
      else if (mySide && mayReadOwnSide(actor, row, mySide)) readable = [mySide];
      const [items, ratings] = await Promise.all([
        listItemRows(db, id),
        listRatingRows(db, id, readable),
      ]);
      return presentAssessmentDetail({
        row,
        items,
        ratings,
        mySide,
        canRate: abilitiesOf(actor, assessmentPolicy, resource).rate,
      });
    },

    /**
     * Saves (part of) the actor's side as a draft. A new current manager takes over the manager
     * side, discarding the previous manager's unsubmitted draft, which only its author could read.
     * ConflictError once the side is submitted.
     */
    async saveRatings(actor: Actor, id: string, input: SaveRatings): Promise<AssessmentDetail> {
      const { row, subject, resource } = await load(actor, id);
      authorize(actor, assessmentPolicy, 'rate', resource);
      if (!row || !subject) throw new NotFoundError('assessment');
      const side = sideOf(actor, subject);
      if (!side || actor.kind !== 'person') throw new NotFoundError('assessment');
      if (row.sides[side].submittedAt)
        throw new ConflictError('Your side is already submitted and can no longer change.');
      const items = await listItemRows(db, id);
      const unknown = input.ratings.find((r) => !items.some((i) => i.id === r.itemId));
      if (unknown) throw new ValidationError('This item is not part of the assessment.', 'ratings');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const author = row.sides[side].authorId;
        if (author !== null && author !== actor.id) await clearSideRatings(trx, id, side);
        await updateSideRow(trx, id, side, { author_id: actor.id, updated_at: now });
        await saveRatingRows(trx, {
          assessmentId: id,
          side,
          ratings: input.ratings.map((r) => ({ ...r, side })),
          at: now,
        });
      });
      return this.readAssessment(actor, id);
    },

    /**
     * Submits the actor's side. Every criterion needs a rating (ValidationError otherwise). When the
     * other side is already in, this reveals both.
     */
    async submitSide(actor: Actor, id: string): Promise<AssessmentDetail> {
      const { row, subject, resource } = await load(actor, id);
      authorize(actor, assessmentPolicy, 'rate', resource);
      if (!row || !subject) throw new NotFoundError('assessment');
      const side = sideOf(actor, subject);
      if (!side || actor.kind !== 'person') throw new NotFoundError('assessment');
      if (row.sides[side].submittedAt) throw new ConflictError('Your side is already submitted.');
      const isMine = mayReadOwnSide(actor, row, side);
      const [items, ratings] = await Promise.all([
        listItemRows(db, id),
        isMine ? listRatingRows(db, id, [side]) : Promise.resolve([]),
      ]);
      const missing = items.filter(
        (item) => !ratings.some((r) => r.itemId === item.id && r.rating !== null),
      ).length;
      if (missing > 0)
        throw new ValidationError(
          `Rate every criterion before submitting (${missing} of ${items.length} still without a rating).`,
          'ratings',
        );
      await updateSideRow(db, id, side, {
        submitted_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
      });
      return this.readAssessment(actor, id);
    },
  };
}

export type AssessmentsService = ReturnType<typeof createAssessmentsService>;
