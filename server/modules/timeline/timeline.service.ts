import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  Timeline,
  TimelineItem,
  TimelineQuery,
} from '../../../shared/schemas/conversations.ts';
import { whatMattersLabels } from '../../../shared/schemas/what-matters.ts';
import { presentActionItem } from '../action-items/action-items.presenter.ts';
import { listOpenItemsOfEngineer } from '../action-items/action-items.repository.ts';
import { listAssessmentRows } from '../frameworks/career.repository.ts';
import { auditRecordRead } from '../conversations/conversation-audit.ts';
import { toResource } from '../conversations/conversation-resource.ts';
import {
  listSummaryResponses,
  listSummaryVersions,
} from '../conversations/conversation-record.repository.ts';
import { conversationAccess } from '../conversations/conversations.presenter.ts';
import {
  listTimelineConversations,
  loadPairFacts,
} from '../conversations/conversations.repository.ts';
import { kindInfos } from '../conversations/question-banks.content.ts';
import { findPersonById } from '../people/people.repository.ts';
import { careerRecordPolicy } from '../what-matters/what-matters.policy.ts';
import { listExercises } from '../what-matters/what-matters.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

const kindLabel = (kind: string) =>
  kind === 'check_in' ? 'Check-in' : (kindInfos[kind as keyof typeof kindInfos]?.label ?? kind);

export function createTimelineService({ database, clock }: Deps) {
  const { db } = database;

  return {
    /**
     * One engineer's career timeline, newest first: conversations, summaries, acknowledgements,
     * What Matters and ladder sync-ups (assessments). The engineer sees everything of theirs; their current manager sees what
     * the rules give them (content of the conversations they held, shared What Matters, other
     * conversations as neutral metadata). 404 for anyone else.
     */
    async getTimeline(actor: Actor, engineerId: string, query: TimelineQuery): Promise<Timeline> {
      const now = clock.now();
      const today = toIsoDate(now);
      const engineer = await findPersonById(db, engineerId);
      const facts = engineer ? await loadPairFacts(db, engineerId, today) : null;
      authorize(actor, careerRecordPolicy, 'view', facts);
      const me = requirePerson(actor);
      if (!engineer || !facts) throw new NotFoundError('person');
      const isEngineer = me.id === engineerId;
      await auditRecordRead({ database, clock }, actor, {
        action: 'timeline.read',
        targetType: 'person',
        targetId: engineerId,
        subjectPersonId: engineerId,
      });
      const types = new Set(query.types);
      const conversations = (await listTimelineConversations(db, me.id, engineerId, today)).map(
        (row) => ({ row, view: conversationAccess(actor, toResource(row, facts), row.kind) }),
      );
      const readable = conversations.filter((c) => c.view.access === 'participant');
      const readableIds = readable.map((c) => c.row.id);
      const [versions, responses] = await Promise.all([
        listSummaryVersions(db, readableIds),
        listSummaryResponses(db, readableIds),
      ]);
      const kindOf = new Map(conversations.map((c) => [c.row.id, c.view.kind]));
      const items: TimelineItem[] = [];
      if (types.has('conversation'))
        for (const { row, view } of conversations)
          items.push({
            id: `conversation:${row.id}`,
            type: 'conversation',
            at: row.completedAt ?? row.startsAt,
            title: `${kindLabel(view.kind)} with ${row.managerName}`,
            detail: view.access === 'participant' && row.agenda ? row.agenda : null,
            conversationId: view.access === 'participant' ? row.id : null,
            assessmentId: null,
            kind: view.kind,
            status: row.status,
          });
      if (types.has('summary'))
        for (const v of versions)
          items.push({
            id: `summary:${v.conversationId}:${v.version}`,
            type: 'summary',
            at: v.sentAt,
            title: `Summary sent${v.version > 1 ? ` (version ${v.version})` : ''}`,
            detail: v.discussed ? v.discussed.slice(0, 280) : null,
            conversationId: v.conversationId,
            assessmentId: null,
            kind: kindOf.get(v.conversationId) ?? null,
            status: null,
          });
      if (types.has('acknowledgement'))
        for (const r of responses)
          items.push({
            id: `response:${r.conversationId}:${r.version}:${r.createdAt}`,
            type: 'acknowledgement',
            at: r.createdAt,
            title:
              r.kind === 'acknowledged'
                ? `Summary version ${r.version} acknowledged`
                : `Amendment requested on version ${r.version}`,
            detail: r.comment || null,
            conversationId: r.conversationId,
            assessmentId: null,
            kind: kindOf.get(r.conversationId) ?? null,
            status: r.kind,
          });
      if (types.has('what_matters')) {
        const exercises = await listExercises(
          db,
          engineerId,
          isEngineer ? {} : { sharedWithId: me.id },
        );
        for (const e of exercises) {
          const top = e.values.find((v) => v.rank === 1);
          items.push({
            id: `what_matters:${e.id}`,
            type: 'what_matters',
            at: e.createdAt,
            title: 'What Matters exercise',
            detail: top
              ? `Top value: ${whatMattersLabels[top.value]} (${top.points} points)`
              : null,
            conversationId: null,
            assessmentId: null,
            kind: null,
            status: e.sharedWithId ? 'shared' : 'private',
          });
        }
      }
      // Ladder sync-ups as dates and levels only: the ratings stay on the assessment page.
      if (types.has('assessment'))
        for (const a of await listAssessmentRows(db, engineerId))
          items.push({
            id: `assessment:${a.id}`,
            type: 'assessment',
            at: a.revealedAt ?? a.createdAt,
            title: a.isRevealed
              ? `Ladder sync-up against ${a.targetLevelName} revealed`
              : `Ladder sync-up against ${a.targetLevelName} started`,
            detail: a.targetTrackName ? `${a.targetTrackName} track` : null,
            conversationId: null,
            assessmentId: a.id,
            kind: null,
            status: a.isRevealed ? 'revealed' : 'in_progress',
          });
      items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id.localeCompare(b.id)));

      const lastVersion = [...versions].sort((a, b) => (a.sentAt < b.sentAt ? 1 : -1))[0];
      const openItems = await listOpenItemsOfEngineer(db, me.id, engineerId, today);
      return {
        engineer: { id: engineer.id, name: engineer.name },
        items,
        lastSummary: lastVersion
          ? {
              conversationId: lastVersion.conversationId,
              version: lastVersion.version,
              discussed: lastVersion.discussed,
              goals: lastVersion.goals,
              managerActions: lastVersion.managerActions,
              engineerActions: lastVersion.engineerActions,
              nextCheckInOn: lastVersion.nextCheckInOn,
              sentAt: lastVersion.sentAt,
              sentBy:
                lastVersion.sentById && lastVersion.sentByName
                  ? { id: lastVersion.sentById, name: lastVersion.sentByName }
                  : null,
            }
          : null,
        openActionItems: openItems.map((item) => presentActionItem(actor, item, facts, today)),
      };
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
