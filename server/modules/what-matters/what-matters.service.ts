import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  CreateWhatMatters,
  WhatMatters,
  WhatMattersList,
} from '../../../shared/schemas/what-matters.ts';
import { auditRecordRead } from '../conversations/conversation-audit.ts';
import { loadPairFacts } from '../conversations/conversations.repository.ts';
import { findPersonById } from '../people/people.repository.ts';
import { careerRecordPolicy, whatMattersPolicy } from './what-matters.policy.ts';
import { chartOf, presentWhatMatters } from './what-matters.presenter.ts';
import {
  findExercise,
  insertExercise,
  listExercises,
  setExerciseShare,
} from './what-matters.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

export function createWhatMattersService({ database, clock }: Deps) {
  const { db } = database;
  const today = () => toIsoDate(clock.now());

  async function loadExercise(actor: Actor, id: string, action: 'view' | 'share' | 'withdraw') {
    const row = await findExercise(db, id);
    const facts = row ? await loadPairFacts(db, row.engineerId, today()) : null;
    authorize(actor, whatMattersPolicy, action, row && facts ? { ...row, facts } : null);
    if (!row || !facts) throw new NotFoundError('What Matters exercise');
    return { row, facts };
  }

  async function getWhatMatters(actor: Actor, id: string): Promise<WhatMatters> {
    const { row, facts } = await loadExercise(actor, id, 'view');
    await auditRecordRead({ database, clock }, actor, {
      action: 'what_matters.read',
      targetType: 'what_matters',
      targetId: id,
      subjectPersonId: row.engineerId,
    });
    return presentWhatMatters(actor, row, facts);
  }

  return {
    getWhatMatters,

    /**
     * An engineer's exercises with chart data: all of them for the engineer, only those shared
     * with them for the current manager (filtered in SQL); 404 for anyone else.
     */
    async listWhatMatters(actor: Actor, engineerId: string): Promise<WhatMattersList> {
      const person = await findPersonById(db, engineerId);
      const facts = person ? await loadPairFacts(db, engineerId, today()) : null;
      authorize(actor, careerRecordPolicy, 'view', facts);
      const me = requirePerson(actor);
      if (!facts) throw new NotFoundError('person');
      const isEngineer = me.id === engineerId;
      const rows = await listExercises(db, engineerId, isEngineer ? {} : { sharedWithId: me.id });
      await auditRecordRead({ database, clock }, actor, {
        action: 'what_matters.list',
        targetType: 'person',
        targetId: engineerId,
        subjectPersonId: engineerId,
      });
      return {
        items: rows.map((row) => presentWhatMatters(actor, row, facts)),
        chart: chartOf(rows),
        abilities: abilitiesOf(actor, careerRecordPolicy, facts),
      };
    },

    /** Records a new exercise for the actor themself; private until shared. */
    async createWhatMatters(actor: Actor, input: CreateWhatMatters): Promise<WhatMatters> {
      const me = requirePerson(actor);
      const facts = await loadPairFacts(db, me.id, today());
      authorize(actor, careerRecordPolicy, 'create', facts);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await insertExercise(trx, {
          id,
          engineerId: me.id,
          createdAt: clock.now().toISOString(),
          values: input.values,
        });
      });
      return getWhatMatters(actor, id);
    },

    /** Shares one exercise with the engineer's current manager (403 with no manager). */
    async shareWhatMatters(actor: Actor, id: string): Promise<WhatMatters> {
      const { facts } = await loadExercise(actor, id, 'share');
      await setExerciseShare(db, id, {
        sharedWithId: facts.currentManagerId,
        sharedAt: clock.now().toISOString(),
      });
      return getWhatMatters(actor, id);
    },

    /** Withdraws a share; the manager immediately gets 404 again. */
    async withdrawWhatMatters(actor: Actor, id: string): Promise<WhatMatters> {
      await loadExercise(actor, id, 'withdraw');
      await setExerciseShare(db, id, { sharedWithId: null, sharedAt: null });
      return getWhatMatters(actor, id);
    },
  };
}

export type WhatMattersService = ReturnType<typeof createWhatMattersService>;
