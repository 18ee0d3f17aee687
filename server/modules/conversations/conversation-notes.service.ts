import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { AppError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  PrivateNote,
  SharedNotes,
  StaleNotes,
} from '../../../shared/schemas/conversations.ts';
import { findPersonById } from '../people/people.repository.ts';
import { auditRecordRead } from './conversation-audit.ts';
import { loadConversation } from './conversation-resource.ts';
import {
  conversationPrivateNotePolicy,
  conversationRecordPolicy,
  personPrivateNotePolicy,
} from './conversations.policy.ts';
import type { ConversationResource } from './conversations.policy.ts';
import { findPrivateNote, upsertPrivateNote } from './conversation-record.repository.ts';
import {
  findConversation,
  loadPairFacts,
  updateSharedNotesIfVersion,
} from './conversations.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

/** A write to the shared notes came without the version it started from. */
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly id = 'precondition_required';
}

/** What the UI says next to every private note (R7: honest limits). */
export const PRIVATE_NOTE_NOTICE =
  'Only you can read this note — not the other person, not leaders, not admins. It is stored on the organisation’s server and can be disclosed under a data-access request.';

export type SaveSharedNotesResult =
  { isSaved: true; notes: SharedNotes } | { isSaved: false; stale: StaleNotes };

export function createConversationNotesService({ database, clock }: Deps) {
  const { db } = database;
  const nowIso = () => clock.now().toISOString();

  async function loadRecord(actor: Actor, id: string) {
    const loaded = await loadConversation(db, id, clock.now());
    authorize(actor, conversationRecordPolicy, 'view', loaded?.resource ?? null);
    if (!loaded) throw new NotFoundError('conversation');
    return loaded;
  }

  function presentSharedNotes(
    actor: Actor,
    resource: ConversationResource,
    notes: Omit<SharedNotes, 'conversationId' | 'abilities'>,
  ): SharedNotes {
    return {
      conversationId: resource.id,
      ...notes,
      abilities: { update: conversationRecordPolicy.actions.edit(actor, resource) },
    };
  }

  async function getSharedNotes(actor: Actor, id: string): Promise<SharedNotes> {
    const { row, resource } = await loadRecord(actor, id);
    await auditRecordRead({ database, clock }, actor, {
      action: 'conversation.notes.read',
      targetType: 'conversation',
      targetId: id,
      subjectPersonId: row.engineerId,
    });
    return presentSharedNotes(actor, resource, {
      text: row.sharedNotes,
      version: row.sharedNotesVersion,
      updatedAt: row.sharedNotesUpdatedAt,
      updatedBy:
        row.sharedNotesUpdatedById && row.sharedNotesUpdatedByName
          ? { id: row.sharedNotesUpdatedById, name: row.sharedNotesUpdatedByName }
          : null,
    });
  }

  return {
    getSharedNotes,

    /**
     * Saves the shared notes if nobody saved since `expectedVersion` (compare-and-set). A stale
     * write is an expected outcome: it returns the current text and version so the UI can help
     * merge. PreconditionRequiredError (428) when no version is given.
     */
    async saveSharedNotes(
      actor: Actor,
      id: string,
      text: string,
      expectedVersion: number | undefined,
    ): Promise<SaveSharedNotesResult> {
      const { row, resource } = await loadRecord(actor, id);
      authorize(actor, conversationRecordPolicy, 'edit', resource);
      const person = requirePerson(actor);
      if (expectedVersion === undefined)
        throw new PreconditionRequiredError(
          'Send the version you started from (If-Match header or "version") so no edit is lost.',
          'version',
        );
      const at = nowIso();
      const isSaved = await updateSharedNotesIfVersion(db, {
        id,
        expected: expectedVersion,
        text,
        by: person.id,
        at,
      });
      // The saver gets back what they wrote, not a read of the record: no second load and no
      // "read the notes" entry in the engineer's access log for every autosave.
      if (isSaved)
        return {
          isSaved: true,
          notes: presentSharedNotes(actor, resource, {
            text,
            version: expectedVersion + 1,
            updatedAt: at,
            updatedBy: {
              id: person.id,
              name: person.id === row.engineerId ? row.engineerName : row.managerName,
            },
          }),
        };
      const current = await findConversation(db, id);
      return {
        isSaved: false,
        stale: {
          error: 'stale_version',
          message: `Someone saved these notes since you started (now version ${current?.sharedNotesVersion ?? 0}). Merge your text into theirs and save again.`,
          field: 'version',
          current: { text: current?.sharedNotes ?? '', version: current?.sharedNotesVersion ?? 0 },
        },
      };
    },

    /** The actor's own private note in a conversation (C5/C6): only ever their own. */
    async getConversationNote(actor: Actor, id: string): Promise<PrivateNote> {
      const loaded = await loadConversation(db, id, clock.now());
      authorize(actor, conversationPrivateNotePolicy, 'view', loaded?.resource ?? null);
      const person = requirePerson(actor);
      if (!loaded) throw new NotFoundError('conversation');
      const note = await findPrivateNote(db, person.id, `conversation:${id}`);
      return {
        body: note?.body ?? '',
        updatedAt: note?.updatedAt ?? null,
        notice: PRIVATE_NOTE_NOTICE,
        abilities: abilitiesOf(actor, conversationPrivateNotePolicy, loaded.resource),
      };
    },

    async saveConversationNote(actor: Actor, id: string, body: string): Promise<PrivateNote> {
      const loaded = await loadConversation(db, id, clock.now());
      authorize(actor, conversationPrivateNotePolicy, 'update', loaded?.resource ?? null);
      const person = requirePerson(actor);
      if (!loaded) throw new NotFoundError('conversation');
      await upsertPrivateNote(db, {
        id: randomUUID(),
        authorId: person.id,
        subjectId: loaded.row.engineerId,
        conversationId: id,
        scopeKey: `conversation:${id}`,
        body,
        at: nowIso(),
      });
      return this.getConversationNote(actor, id);
    },

    /**
     * The actor's private notes about a report (C6). Readable by their author; writable while
     * they manage the person. 404 for everyone else, the person themself included.
     */
    async getPersonNote(actor: Actor, personId: string): Promise<PrivateNote> {
      const person = await findPersonById(db, personId);
      const note =
        person && actor.kind === 'person'
          ? await findPrivateNote(db, actor.id, `person:${personId}`)
          : undefined;
      const resource = person
        ? {
            facts: await loadPairFacts(db, personId, toIsoDate(clock.now())),
            hasOwnNote: note !== undefined,
          }
        : null;
      authorize(actor, personPrivateNotePolicy, 'view', resource);
      return {
        body: note?.body ?? '',
        updatedAt: note?.updatedAt ?? null,
        notice: PRIVATE_NOTE_NOTICE,
        abilities: abilitiesOf(actor, personPrivateNotePolicy, resource),
      };
    },

    async savePersonNote(actor: Actor, personId: string, body: string): Promise<PrivateNote> {
      const person = await findPersonById(db, personId);
      const author = requirePerson(actor);
      const note = person ? await findPrivateNote(db, author.id, `person:${personId}`) : undefined;
      const resource = person
        ? {
            facts: await loadPairFacts(db, personId, toIsoDate(clock.now())),
            hasOwnNote: note !== undefined,
          }
        : null;
      authorize(actor, personPrivateNotePolicy, 'update', resource);
      if (body.length > 50000)
        throw new ValidationError('must be at most 50000 characters', 'body');
      await upsertPrivateNote(db, {
        id: randomUUID(),
        authorId: author.id,
        subjectId: personId,
        conversationId: null,
        scopeKey: `person:${personId}`,
        body,
        at: nowIso(),
      });
      return this.getPersonNote(actor, personId);
    },
  };
}

export type ConversationNotesService = ReturnType<typeof createConversationNotesService>;
