import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isPeopleTeam, isSelf, isSignedIn } from '../../policies/predicates.ts';
import type { Actor } from '../../policies/actor.ts';
import type { ConversationStatus } from '../../../shared/schemas/conversations.ts';

/** Reporting facts about an engineer, read at request time with the injected clock. */
export interface PairFacts {
  engineerId: string;
  /** Who the engineer reports to today, if anyone. */
  currentManagerId: string | null;
  /** Everyone above the engineer today, nearest first (the current manager included). */
  chainIds: string[];
}

export interface ConversationResource {
  id: string;
  engineerId: string;
  managerId: string;
  proposedById: string | null;
  status: ConversationStatus;
  facts: PairFacts;
}

/* Named predicates the rules below compose. */
export const isEngineerOf = (actor: Actor, c: { engineerId: string }) =>
  isSelf(actor, c.engineerId);
export const isManagerOf = (actor: Actor, c: { managerId: string }) => isSelf(actor, c.managerId);
export const isParticipant = (actor: Actor, c: ConversationResource) =>
  isEngineerOf(actor, c) || isManagerOf(actor, c);
/** The pair still stands: the conversation's manager is the engineer's manager today. */
export const isPairCurrent = (c: ConversationResource) => c.facts.currentManagerId === c.managerId;
export const isAboveEngineer = (actor: Actor, facts: PairFacts) =>
  actor.kind === 'person' && facts.chainIds.includes(actor.id);
export const isCurrentManagerOfEngineer = (actor: Actor, facts: PairFacts) =>
  actor.kind === 'person' && facts.currentManagerId === actor.id;
const isOpen = (c: ConversationResource) => c.status === 'proposed' || c.status === 'confirmed';
const isActiveParticipant = (actor: Actor, c: ConversationResource) =>
  isParticipant(actor, c) && isPairCurrent(c);

/**
 * The meeting itself (C1). Leaders above the engineer and admins see its metadata; only the pair
 * acts on it, and only while the reporting line that made them a pair is in force.
 */
export const conversationPolicy = definePolicy<
  ConversationResource | null,
  | 'readRecord'
  | 'reschedule'
  | 'confirm'
  | 'cancel'
  | 'complete'
  | 'edit'
  | 'prepare'
  | 'managerPrep'
  | 'sendSummary'
  | 'respondToSummary'
>({
  name: 'conversation',
  noun: 'conversation',
  subjectOf: (c) => c?.engineerId ?? null,
  view: (actor, c) =>
    c !== null &&
    (isParticipant(actor, c) || isAboveEngineer(actor, c.facts) || isPeopleTeam(actor)),
  actions: {
    readRecord: (actor, c) => c !== null && isParticipant(actor, c),
    reschedule: (actor, c) => c !== null && isActiveParticipant(actor, c) && isOpen(c),
    confirm: (actor, c) =>
      c !== null &&
      isActiveParticipant(actor, c) &&
      c.status === 'proposed' &&
      !isSelf(actor, c.proposedById ?? ''),
    cancel: (actor, c) => c !== null && isActiveParticipant(actor, c) && isOpen(c),
    complete: (actor, c) => c !== null && isActiveParticipant(actor, c) && isOpen(c),
    edit: (actor, c) => c !== null && isActiveParticipant(actor, c) && c.status !== 'cancelled',
    prepare: (actor, c) => c !== null && isEngineerOf(actor, c) && isOpen(c),
    managerPrep: (actor, c) => c !== null && isManagerOf(actor, c) && isPairCurrent(c),
    sendSummary: (actor, c) =>
      c !== null && isManagerOf(actor, c) && isPairCurrent(c) && c.status === 'completed',
    respondToSummary: (actor, c) =>
      c !== null && isEngineerOf(actor, c) && c.status === 'completed',
  },
});

/**
 * The shared record of a conversation (C2: agenda, shared notes, shared prep, summary, action
 * items): the engineer and the manager who held it. Anyone else gets 404, leaders and admins too.
 */
export const conversationRecordPolicy = definePolicy<
  ConversationResource | null,
  'edit' | 'prepare' | 'sendSummary' | 'respondToSummary'
>({
  name: 'conversation-record',
  noun: 'conversation',
  subjectOf: (c) => c?.engineerId ?? null,
  view: (actor, c) => c !== null && isParticipant(actor, c),
  actions: {
    edit: (actor, c) => conversationPolicy.actions.edit(actor, c),
    prepare: (actor, c) => conversationPolicy.actions.prepare(actor, c),
    sendSummary: (actor, c) => conversationPolicy.actions.sendSummary(actor, c),
    respondToSummary: (actor, c) => conversationPolicy.actions.respondToSummary(actor, c),
  },
});

/** The manager's checklist and context for a conversation (C6): its manager alone. */
export const managerPrepPolicy = definePolicy<ConversationResource | null, 'update'>({
  name: 'manager-prep',
  noun: 'conversation',
  subjectOf: (c) => c?.engineerId ?? null,
  view: (actor, c) => c !== null && isManagerOf(actor, c),
  actions: { update: (actor, c) => c !== null && isManagerOf(actor, c) && isPairCurrent(c) },
});

/**
 * A person's private note inside a conversation (C5 for the engineer, C6 for the manager): each
 * participant reads and writes their own note only, so the resource is always "mine".
 */
export const conversationPrivateNotePolicy = definePolicy<ConversationResource | null, 'update'>({
  name: 'conversation-private-note',
  noun: 'conversation',
  subjectOf: (c) => c?.engineerId ?? null,
  view: (actor, c) => c !== null && isParticipant(actor, c),
  actions: { update: (actor, c) => c !== null && isParticipant(actor, c) },
});

export interface PersonNoteResource {
  facts: PairFacts;
  hasOwnNote: boolean;
}

/**
 * A manager's private notes about a report (C6): written while they manage the person; the
 * author keeps reading what they wrote after a change, and nobody else ever sees it.
 */
export const personPrivateNotePolicy = definePolicy<PersonNoteResource | null, 'update'>({
  name: 'person-private-note',
  noun: 'note',
  subjectOf: (r) => r?.facts.engineerId ?? null,
  view: (actor, r) =>
    r !== null &&
    (isCurrentManagerOfEngineer(actor, r.facts) || (isSignedIn(actor) && r.hasOwnNote)),
  actions: { update: (actor, r) => r !== null && isCurrentManagerOfEngineer(actor, r.facts) },
});

/** Scheduling for an engineer: the person is visible (C0); only they or their manager schedule. */
export const schedulingPolicy = definePolicy<PairFacts | null, 'schedule'>({
  name: 'conversation-scheduling',
  noun: 'person',
  subjectOf: (facts) => facts?.engineerId ?? null,
  view: (actor, facts) => facts !== null && isSignedIn(actor),
  actions: {
    schedule: (actor, facts) =>
      facts !== null &&
      (isSelf(actor, facts.engineerId) || isCurrentManagerOfEngineer(actor, facts)),
  },
});

/** The question-bank catalogue: everyone signed in reads it, admins publish new versions. */
export const questionBankPolicy = definePolicy<null, 'update'>({
  name: 'question-bank',
  noun: 'question bank',
  view: isSignedIn,
  actions: { update: isAdmin },
});

/** Lists are filtered in SQL; this records that the caller is signed in. */
export const conversationListPolicy = definePolicy<null, never>({
  name: 'conversation-list',
  noun: 'conversation',
  view: isSignedIn,
  actions: {},
});
