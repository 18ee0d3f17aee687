import { CONVERSATION_KINDS } from '../../../shared/cadence/cadence.ts';
import type { Team, TeamMember } from '../../../shared/schemas/cadence.ts';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import { byUrgency, presentObligations, visibleKindFor } from './cadence.presenter.ts';
import { ownCadencePolicy } from './cadence.policy.ts';
import { listEngineers } from './cadence-history.repository.ts';
import type { ConversationFactsRow } from './cadence-history.repository.ts';
import { readCadencePolicy } from './cadence-settings.service.ts';
import { loadSnapshots } from './cadence-snapshots.ts';
import type { EngineerSnapshot, SnapshotCache } from './cadence-snapshots.ts';
import { isSnapshotPlanStale } from './coverage-metrics.ts';
import { namesOf } from './home.service.ts';

const PAIR_CONVERSATIONS = new Set([
  'initial_conversation',
  'quarterly_conversation',
  'annual_conversation',
]);

/**
 * What the team view reads from one engineer's history, in a single pass: the conversation of each
 * kind held last, the latest acknowledgement, and how many of the manager's summaries await an
 * answer. (Instants are ISO strings, so the greater string is the later instant.)
 */
function historyFacts(s: EngineerSnapshot, managerId: string) {
  const lastHeld = new Map<ConversationFactsRow['kind'], ConversationFactsRow>();
  let lastAcknowledgedAt: string | null = null;
  let awaiting = 0;
  for (const c of s.conversations) {
    if (c.status === 'completed' && c.completedAt) {
      const last = lastHeld.get(c.kind);
      if (!last?.completedAt || c.completedAt > last.completedAt) lastHeld.set(c.kind, c);
    }
    if (
      c.latestResponseKind === 'acknowledged' &&
      c.latestResponseAt &&
      (lastAcknowledgedAt === null || c.latestResponseAt > lastAcknowledgedAt)
    )
      lastAcknowledgedAt = c.latestResponseAt;
    if (c.managerId === managerId && c.firstSummarySentAt !== null && c.latestResponseKind === null)
      awaiting += 1;
  }
  return { lastHeld, lastAcknowledgedAt, awaiting };
}

export function createTeamService({
  database,
  clock,
  snapshotCache,
}: {
  database: Database;
  clock: Clock;
  snapshotCache: SnapshotCache;
}) {
  const { db } = database;

  return {
    /**
     * The actor's direct reports today (an empty list for someone who manages nobody): the last
     * conversation of each kind, what is next and overdue, the plan's status and each side's open
     * commitments — dates, states and counts only.
     */
    async getTeam(actor: Actor): Promise<Team> {
      authorize(actor, ownCadencePolicy, 'view', null);
      const person = requirePerson(actor);
      const now = clock.now();
      const today = toIsoDate(now);
      const policy = await readCadencePolicy(db);
      const reports = await listEngineers(db, { kind: 'reports', managerId: person.id }, today);
      const snapshots = await loadSnapshots(db, reports, policy, now, {
        commitments: 'open',
        cache: snapshotCache,
      });
      const names = await namesOf(db, snapshots);

      const memberOf = (s: EngineerSnapshot): TeamMember => {
        const open = presentObligations(
          s,
          s.obligations.filter((o) => o.state !== 'done' && o.kind !== 'engineer_prep'),
          person.id,
          names,
        ).sort(byUrgency);
        const history = historyFacts(s, person.id);
        const lastConversations = CONVERSATION_KINDS.flatMap((kind) => {
          const last = history.lastHeld.get(kind);
          return last?.completedAt
            ? [
                {
                  kind: visibleKindFor(person.id, last),
                  conversationId: last.id,
                  heldAt: last.completedAt,
                },
              ]
            : [];
        });
        const pairItems = s.commitments.filter((c) => c.managerId === person.id && !c.isDone);
        const count = (owner: 'manager' | 'engineer', isLate: boolean) =>
          pairItems.filter(
            (c) => c.owner === owner && (!isLate || (c.dueOn !== null && c.dueOn < today)),
          ).length;
        return {
          person: { id: s.engineer.id, name: s.engineer.name, title: s.engineer.title },
          managerSince: s.engineer.managerSince,
          lastConversations,
          next:
            [...open]
              .filter((o) => PAIR_CONVERSATIONS.has(o.kind))
              .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null,
          obligations: open,
          overdueCount: open.filter((o) => o.state === 'overdue').length,
          contract: s.contract
            ? {
                status: s.contract.status,
                activeSince: s.contract.activeSince ? s.contract.activeSince.slice(0, 10) : null,
                lastReviewedAt: s.contract.lastReviewedAt,
                lastCheckInAt: s.contract.lastCheckInAt,
                isStale: isSnapshotPlanStale(s, policy, now),
              }
            : null,
          commitments: {
            managerOpen: count('manager', false),
            managerOverdue: count('manager', true),
            engineerOpen: count('engineer', false),
            engineerOverdue: count('engineer', true),
          },
          acknowledgement: {
            awaiting: history.awaiting,
            overdue: open.filter((o) => o.kind === 'acknowledgement' && o.state === 'overdue')
              .length,
            lastAcknowledgedAt: history.lastAcknowledgedAt,
          },
        };
      };
      return { members: snapshots.map(memberOf) };
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
