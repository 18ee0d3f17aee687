import { LRUCache } from 'lru-cache';
import { computeObligations, computeObligationsUntil } from '../../../shared/cadence/cadence.ts';
import type {
  CadencePolicy,
  Obligation,
  ObligationsUntil,
} from '../../../shared/cadence/cadence.ts';
import type { Transaction } from '../../db/client.ts';
import { listContractSummaries } from '../contracts/contract-summaries.ts';
import type { ContractSummary } from '../contracts/contract-summaries.ts';
import { historyAt, historyChangesAfter } from './cadence-history.ts';
import {
  listCadenceTokens,
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
  lines: readonly LineRow[];
  conversations: readonly ConversationFactsRow[];
  commitments: readonly CommitmentFactsRow[];
  contract: ContractSummary | undefined;
  obligations: readonly Obligation[];
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

/** One engineer's facts as a server keeps them between requests (ADR 102). */
interface KeptFacts {
  /** The engineer's `cadence_marks` token when the facts were read (null: never written since). */
  token: number | null;
  lines: readonly LineRow[];
  conversations: readonly ConversationFactsRow[];
  contract: ContractSummary | undefined;
  /** Open action items, once a view has asked for them. */
  openCommitments: readonly CommitmentFactsRow[] | undefined;
  /** The engine's answer under `policyKey`, which holds from `fromMs` until `untilMs`. */
  obligations:
    { policyKey: string; fromMs: number; untilMs: number; list: readonly Obligation[] } | undefined;
}

/**
 * Engineers' cadence facts and obligations kept by one server between requests, for the views
 * people open again and again (homes, team view). An entry is used only while the engineer's
 * token in the database is the one read with it, so a write by any instance retires it; its
 * obligations are used only until the engine's next state change. Least recently used leave.
 */
export type SnapshotCache = LRUCache<string, KeptFacts>;

/** About 50 KB per engineer with five years of history: at most 100 MB. */
export const SNAPSHOT_CACHE_ENGINEERS = 2_000;

export function createSnapshotCache(max = SNAPSHOT_CACHE_ENGINEERS): SnapshotCache {
  return new LRUCache<string, KeptFacts>({ max });
}

/** The facts of the given engineers, read in a handful of queries. */
async function readFacts(
  db: Transaction,
  ids: readonly string[],
  whichCommitments: CommitmentsToLoad,
) {
  const [lines, conversations, commitments, contracts] = await Promise.all([
    listLinesOf(db, ids),
    listConversationFacts(db, ids),
    whichCommitments === 'none'
      ? []
      : listCommitmentFacts(db, ids, { isOpenOnly: whichCommitments === 'open' }),
    listContractSummaries(db, ids),
  ]);
  return {
    linesBy: groupBy(lines, (l) => l.reportId),
    conversationsBy: groupBy(conversations, (c) => c.engineerId),
    commitmentsBy: groupBy(commitments, (c) => c.engineerId),
    contractBy: new Map(contracts.map((c) => [c.engineerId, c])),
  };
}

/**
 * Loads the facts of many engineers in a handful of queries and runs the cadence engine for each
 * at `now`. The only place (with `obligationsAt`) where the server turns facts into due dates.
 * With a `cache`, facts whose token is unchanged and obligations still in force are reused.
 */
export async function loadSnapshots(
  db: Transaction,
  engineers: readonly EngineerRow[],
  policy: CadencePolicy,
  now: Date,
  options: { commitments: CommitmentsToLoad; cache?: SnapshotCache },
): Promise<EngineerSnapshot[]> {
  if (engineers.length === 0) return [];
  const { cache } = options;
  // Every action item is only read by the coverage figures, which go through all engineers.
  if (!cache || options.commitments === 'all')
    return readSnapshots(db, engineers, options.commitments, (facts) => ({
      obligations: obligationsAt(facts, policy, now),
    }));
  return loadThroughCache(db, cache, engineers, policy, now, options.commitments);
}

/** A snapshot read afresh, with the first instant at which its facts could give other obligations. */
export interface TimedSnapshot extends EngineerSnapshot {
  obligationsUntilMs: number;
}

/**
 * `loadSnapshots` without a cache, and for each engineer until when the obligations hold if
 * nobody writes: for a pass that visits an engineer again only once that instant has come or
 * their token has changed (the reminder tick, ADR 110).
 */
export function loadTimedSnapshots(
  db: Transaction,
  engineers: readonly EngineerRow[],
  policy: CadencePolicy,
  now: Date,
  commitments: CommitmentsToLoad,
): Promise<TimedSnapshot[]> {
  return readSnapshots(db, engineers, commitments, (facts) => {
    const answer = obligationsUntil(facts, policy, now);
    return { obligations: answer.obligations, obligationsUntilMs: answer.untilMs };
  });
}

/** The facts of the given engineers read afresh, and what `compute` makes of each one's. */
async function readSnapshots<Extra extends { obligations: readonly Obligation[] }>(
  db: Transaction,
  engineers: readonly EngineerRow[],
  commitments: CommitmentsToLoad,
  compute: (facts: EngineFacts) => Extra,
): Promise<(Omit<EngineerSnapshot, 'obligations'> & Extra)[]> {
  if (engineers.length === 0) return [];
  const facts = await readFacts(
    db,
    engineers.map((e) => e.id),
    commitments,
  );
  return engineers.map((engineer) => {
    const snapshot = {
      engineer,
      lines: facts.linesBy.get(engineer.id) ?? [],
      conversations: facts.conversationsBy.get(engineer.id) ?? [],
      commitments: facts.commitmentsBy.get(engineer.id) ?? [],
      contract: facts.contractBy.get(engineer.id),
    };
    return { ...snapshot, ...compute(snapshot) };
  });
}

async function loadThroughCache(
  db: Transaction,
  cache: SnapshotCache,
  engineers: readonly EngineerRow[],
  policy: CadencePolicy,
  now: Date,
  whichCommitments: 'open' | 'none',
): Promise<EngineerSnapshot[]> {
  // The tokens are read before the facts: facts newer than their token only cost a re-read.
  const tokens = await listCadenceTokens(
    db,
    engineers.map((e) => e.id),
  );
  const kept = new Map<string, KeptFacts>();
  const stale: string[] = [];
  for (const engineer of engineers) {
    const entry = cache.get(engineer.id);
    if (entry && entry.token === (tokens.get(engineer.id) ?? null)) kept.set(engineer.id, entry);
    else stale.push(engineer.id);
  }
  if (stale.length > 0) {
    const facts = await readFacts(db, stale, whichCommitments);
    for (const id of stale) {
      const entry: KeptFacts = {
        token: tokens.get(id) ?? null,
        lines: Object.freeze(facts.linesBy.get(id) ?? []),
        conversations: Object.freeze(facts.conversationsBy.get(id) ?? []),
        contract: facts.contractBy.get(id),
        openCommitments:
          whichCommitments === 'open'
            ? Object.freeze(facts.commitmentsBy.get(id) ?? [])
            : undefined,
        obligations: undefined,
      };
      cache.set(id, entry);
      kept.set(id, entry);
    }
  }
  if (whichCommitments === 'open') {
    const missing = [...kept].filter(([, entry]) => !entry.openCommitments).map(([id]) => id);
    if (missing.length > 0) {
      const commitmentsBy = groupBy(
        await listCommitmentFacts(db, missing, { isOpenOnly: true }),
        (c) => c.engineerId,
      );
      for (const id of missing) {
        const entry = kept.get(id);
        if (entry) entry.openCommitments = Object.freeze(commitmentsBy.get(id) ?? []);
      }
    }
  }

  const policyKey = JSON.stringify(policy);
  const nowMs = now.getTime();
  return engineers.map((engineer) => {
    const entry = kept.get(engineer.id);
    if (!entry) throw new Error(`no facts for engineer ${engineer.id}`);
    const held = entry.obligations;
    let obligations: readonly Obligation[];
    if (held && held.policyKey === policyKey && held.fromMs <= nowMs && nowMs < held.untilMs)
      obligations = held.list;
    else {
      const computed = obligationsUntil(entry, policy, now);
      obligations = Object.freeze(computed.obligations);
      entry.obligations = {
        policyKey,
        fromMs: nowMs,
        untilMs: computed.untilMs,
        list: obligations,
      };
    }
    return {
      engineer,
      lines: entry.lines,
      conversations: entry.conversations,
      commitments: whichCommitments === 'open' ? (entry.openCommitments ?? []) : [],
      contract: entry.contract,
      obligations,
    };
  });
}

type EngineFacts = Pick<EngineerSnapshot, 'lines' | 'conversations' | 'contract'>;

/** The engine's obligations for one engineer at any instant, from the facts as they stood then. */
export function obligationsAt(
  snapshot: EngineFacts,
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

/** `obligationsAt` now, and the first instant at which the same facts could give another answer. */
export function obligationsUntil(
  snapshot: EngineFacts,
  policy: CadencePolicy,
  at: Date,
): ObligationsUntil {
  const answer = computeObligationsUntil(historyAt({ ...snapshot, at }), policy, at);
  return { ...answer, untilMs: Math.min(answer.untilMs, historyChangesAfter(snapshot, at)) };
}
