import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize } from '../../policies/authorize.ts';
import type {
  CreatePlacement,
  GapAnalysis,
  PlacementList,
  Rating,
} from '../../../shared/schemas/frameworks.ts';
import { findLineInForce, findPersonById, listManagerChain } from '../people/people.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { presentPlacements } from './career.presenter.ts';
import { insertPlacement, listPlacementRows, listRevealedRatings } from './career.repository.ts';
import type { CareerSubject } from './frameworks.policy.ts';
import { assessmentListPolicy, gapAnalysisPolicy, placementPolicy } from './frameworks.policy.ts';
import { findLevelById, findNextLevel, listLevelCriteria } from './frameworks.repository.ts';
import type { FrameworksService } from './frameworks.service.ts';

interface Deps {
  database: Database;
  clock: Clock;
  frameworks: FrameworksService;
}

/**
 * The person and their reporting line on `date` (access follows the relationship at request
 * time); null when there is no such person.
 */
export async function loadCareerSubject(
  db: Transaction,
  personId: string,
  date: string,
): Promise<(CareerSubject & { name: string }) | null> {
  const person = await findPersonById(db, personId);
  if (!person) return null;
  const [line, chain] = await Promise.all([
    findLineInForce(db, personId, date),
    listManagerChain(db, personId, date),
  ]);
  return { personId, name: person.name, managerId: line?.managerId ?? null, chain };
}

const isMet = (engineer: Rating | null, manager: Rating | null) =>
  engineer === 'demonstrating_consistently' && manager === 'demonstrating_consistently';

export function createPlacementsService({ database, clock, frameworks }: Deps) {
  const { db } = database;
  const today = () => toIsoDate(clock.now());

  return {
    /** Current placement and history; 404 unless the actor is the person, above them or HR. */
    async listPlacements(actor: Actor, personId: string): Promise<PlacementList> {
      const subject = await loadCareerSubject(db, personId, today());
      authorize(actor, placementPolicy, 'view', subject);
      const rows = await listPlacementRows(db, personId);
      const history = presentPlacements(rows);
      const date = today();
      return {
        current: history.find((p) => p.effectiveOn <= date) ?? null,
        history,
        abilities: {
          place: abilitiesOf(actor, placementPolicy, subject).place,
          assess: abilitiesOf(actor, assessmentListPolicy, subject).start,
          viewGap: gapAnalysisPolicy.view(actor, subject),
        },
      };
    },

    /**
     * Places a person on a level of the active framework from a date (a track change when the
     * level is on another track). Admins and the current manager; ValidationError for a level
     * outside the active framework.
     */
    async placePerson(actor: Actor, personId: string, input: CreatePlacement) {
      const subject = await loadCareerSubject(db, personId, today());
      authorize(actor, placementPolicy, 'place', subject);
      const activeId = await frameworks.activeVersionId();
      const level = await findLevelById(db, input.levelId);
      if (!level || level.versionId !== activeId)
        throw new ValidationError('Choose a level of the active framework.', 'levelId');
      await db.transaction().execute(async (trx) => {
        const id = randomUUID();
        await insertPlacement(trx, {
          id,
          person_id: personId,
          version_id: level.versionId,
          track_id: level.trackId,
          level_id: level.id,
          effective_on: input.effectiveOn,
          note: input.note,
          created_by: actor.kind === 'person' ? actor.id : null,
          created_at: clock.now().toISOString(),
        });
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'placement.create',
            targetType: 'placement',
            targetId: id,
            subjectPersonId: personId,
            decision: 'allow',
            reason: `from ${input.effectiveOn}`,
          },
          clock.now(),
        );
      });
      return this.listPlacements(actor, personId);
    },

    /**
     * The target level's criteria by competency with the latest revealed ratings, and what is
     * left. The target defaults to the level after the current placement. Only the person and
     * their current manager; 404 for everyone else.
     */
    async getGapAnalysis(
      actor: Actor,
      personId: string,
      targetLevelId: string | undefined,
    ): Promise<GapAnalysis> {
      const subject = await loadCareerSubject(db, personId, today());
      authorize(actor, gapAnalysisPolicy, 'view', subject);
      if (!subject) throw new NotFoundError('person');
      if (actor.kind === 'person' && actor.id !== personId) {
        await db.transaction().execute((trx) =>
          recordAuditEvent(
            trx,
            {
              actor,
              action: 'gap-analysis.read',
              targetType: 'person',
              targetId: personId,
              subjectPersonId: personId,
              decision: 'allow',
            },
            clock.now(),
          ),
        );
      }
      await frameworks.ensureDefault();
      const history = presentPlacements(await listPlacementRows(db, personId));
      const current = history.find((p) => p.effectiveOn <= today()) ?? null;
      let targetId = targetLevelId;
      if (!targetId && current) {
        const level = await findLevelById(db, current.level.id);
        targetId = level ? ((await findNextLevel(db, level)) ?? level.id) : undefined;
      }
      const target = targetId ? await findLevelById(db, targetId) : undefined;
      if (targetLevelId && !target)
        throw new ValidationError('There is no level with this id.', 'targetLevelId');
      const empty = { total: 0, met: 0, remaining: 0, unassessed: 0 };
      const person = { id: subject.personId, name: subject.name };
      if (!target) return { person, current, targetLevel: null, competencies: [], summary: empty };
      const criteria = await listLevelCriteria(db, target.id);
      const revealed = await listRevealedRatings(
        db,
        personId,
        criteria.map((c) => c.id),
      );
      const competencies: GapAnalysis['competencies'] = [];
      const summary = { ...empty };
      for (const criterion of criteria) {
        const latest = revealed.find((r) => r.criterionId === criterion.id);
        const fromLatest = revealed.filter(
          (r) => r.criterionId === criterion.id && r.assessmentId === latest?.assessmentId,
        );
        const engineer = fromLatest.find((r) => r.side === 'engineer')?.rating ?? null;
        const manager = fromLatest.find((r) => r.side === 'manager')?.rating ?? null;
        const met = isMet(engineer, manager);
        summary.total += 1;
        if (!latest) summary.unassessed += 1;
        else if (met) summary.met += 1;
        else summary.remaining += 1;
        let group = competencies.find((g) => g.id === criterion.competencyId);
        if (!group) {
          group = { id: criterion.competencyId, name: criterion.competencyName, criteria: [] };
          competencies.push(group);
        }
        group.criteria.push({
          id: criterion.id,
          text: criterion.text,
          examples: criterion.examples,
          engineer,
          manager,
          assessedAt: latest?.revealedAt ?? null,
          isMet: met,
        });
      }
      return {
        person,
        current,
        targetLevel: {
          id: target.id,
          name: target.name,
          code: target.code,
          trackName: target.trackName,
        },
        competencies,
        summary,
      };
    },
  };
}

export type PlacementsService = ReturnType<typeof createPlacementsService>;
