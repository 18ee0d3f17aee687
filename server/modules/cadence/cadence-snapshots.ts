import { computeObligations } from '../../../shared/cadence/cadence.ts';
import type { CadencePolicy, Obligation } from '../../../shared/cadence/cadence.ts';
import type { Transaction } from '../../db/client.ts';
import { listContractSummaries } from '../contracts/contract-summaries.ts';
import type { ContractSummary } from '../contracts/contract-summaries.ts';
import { historyAt } from './cadence-history.ts';
import {
  listCommitmentFacts,
  listConversationFacts,
  listLinesOf,
} from './cadence-history.repository.ts';
import type {
  CommitmentFactsRow,
  ConversationFactsRow,
  EngineerRow,
  LineRow,
} from './cadence-history.repository.ts';

/** Everything the cadence knows about one engineer, and the engine's obligations for now. */
export interface EngineerSnapshot {
  engineer: EngineerRow;
  lines: LineRow[];
  conversations: ConversationFactsRow[];
  commitments: CommitmentFactsRow[];
  contract: ContractSummary | undefined;
  obligations: Obligation[];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/**
 * Which action items a snapshot carries: every one (the coverage figures count those kept on
 * time), the open ones (a team view, the reminders), or none (the cadence engine itself never
 * reads them). Engineers have dozens of done items after a few years; loading only what a view
 * shows keeps it flat as history grows.
 */
export type CommitmentsToLoad = 'all' | 'open' | 'none';

/**
 * Loads the facts of many engineers in a handful of queries and runs the cadence engine for each
 * at `now`. The only place (with `obligationsAt`) where the server turns facts into due dates.
 */
export async function loadSnapshots(
  db: Transaction,
  engineers: readonly EngineerRow[],
  policy: CadencePolicy,
  now: Date,
  { commitments: whichCommitments }: { commitments: CommitmentsToLoad },
): Promise<EngineerSnapshot[]> {
  if (engineers.length === 0) return [];
  const ids = engineers.map((e) => e.id);
  const [lines, conversations, commitments, contracts] = await Promise.all([
    listLinesOf(db, ids),
    listConversationFacts(db, ids),
    whichCommitments === 'none'
      ? []
      : listCommitmentFacts(db, ids, { isOpenOnly: whichCommitments === 'open' }),
    listContractSummaries(db, ids),
  ]);
  const linesBy = groupBy(lines, (l) => l.reportId);
  const conversationsBy = groupBy(conversations, (c) => c.engineerId);
  const commitmentsBy = groupBy(commitments, (c) => c.engineerId);
  const contractBy = new Map(contracts.map((c) => [c.engineerId, c]));
  return engineers.map((engineer) => {
    const snapshot = {
      engineer,
      lines: linesBy.get(engineer.id) ?? [],
      conversations: conversationsBy.get(engineer.id) ?? [],
      commitments: commitmentsBy.get(engineer.id) ?? [],
      contract: contractBy.get(engineer.id),
    };
    return { ...snapshot, obligations: obligationsAt(snapshot, policy, now) };
  });
}

/** The engine's obligations for one engineer at any instant, from the facts as they stood then. */
export function obligationsAt(
  snapshot: Pick<EngineerSnapshot, 'lines' | 'conversations' | 'contract'>,
  policy: CadencePolicy,
  at: Date,
  options: { withContract: boolean } = { withContract: true },
): Obligation[] {
  return computeObligations(
    historyAt({
      lines: snapshot.lines,
      conversations: snapshot.conversations,
      contract: options.withContract ? snapshot.contract : undefined,
      at,
    }),
    policy,
    at,
  );
}
