import type { Transaction } from '../../db/client.ts';
import type { WhatMattersValue } from '../../../shared/schemas/what-matters.ts';

export interface WhatMattersRow {
  id: string;
  engineerId: string;
  engineerName: string;
  sharedWithId: string | null;
  sharedAt: string | null;
  createdAt: string;
  values: { value: WhatMattersValue; rank: number; points: number; note: string }[];
}

async function withValues(
  db: Transaction,
  rows: {
    id: string;
    engineer_id: string;
    engineer_name: string;
    shared_with_id: string | null;
    shared_at: string | null;
    created_at: string;
  }[],
): Promise<WhatMattersRow[]> {
  if (rows.length === 0) return [];
  const values = await db
    .selectFrom('what_matters_values')
    .selectAll()
    .where(
      'exercise_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('rank')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    engineerId: row.engineer_id,
    engineerName: row.engineer_name,
    sharedWithId: row.shared_with_id,
    sharedAt: row.shared_at,
    createdAt: row.created_at,
    values: values
      .filter((v) => v.exercise_id === row.id)
      .map((v) => ({
        value: v.value_key as WhatMattersValue,
        rank: Number(v.rank),
        points: Number(v.points),
        note: v.note,
      })),
  }));
}

function exerciseQuery(db: Transaction) {
  return db
    .selectFrom('what_matters_exercises as w')
    .innerJoin('people as e', 'e.id', 'w.engineer_id')
    .select([
      'w.id',
      'w.engineer_id',
      'e.name as engineer_name',
      'w.shared_with_id',
      'w.shared_at',
      'w.created_at',
    ]);
}

export async function findExercise(
  db: Transaction,
  id: string,
): Promise<WhatMattersRow | undefined> {
  const rows = await exerciseQuery(db).where('w.id', '=', id).execute();
  return (await withValues(db, rows))[0];
}

/**
 * An engineer's exercises, newest first. `sharedWithId` restricts to the ones shared with that
 * person (how a manager reads them): unshared exercises never leave the database for them.
 */
export async function listExercises(
  db: Transaction,
  engineerId: string,
  options: { sharedWithId?: string },
): Promise<WhatMattersRow[]> {
  let query = exerciseQuery(db).where('w.engineer_id', '=', engineerId);
  if (options.sharedWithId !== undefined)
    query = query.where('w.shared_with_id', '=', options.sharedWithId);
  const rows = await query.orderBy('w.created_at', 'desc').orderBy('w.id').limit(200).execute();
  return withValues(db, rows);
}

export async function insertExercise(
  db: Transaction,
  row: {
    id: string;
    engineerId: string;
    createdAt: string;
    values: { value: WhatMattersValue; rank: number; points: number; note: string }[];
  },
): Promise<void> {
  await db
    .insertInto('what_matters_exercises')
    .values({
      id: row.id,
      engineer_id: row.engineerId,
      shared_with_id: null,
      shared_at: null,
      created_at: row.createdAt,
    })
    .execute();
  await db
    .insertInto('what_matters_values')
    .values(
      row.values.map((v) => ({
        exercise_id: row.id,
        value_key: v.value,
        rank: v.rank,
        points: v.points,
        note: v.note,
      })),
    )
    .execute();
}

export async function setExerciseShare(
  db: Transaction,
  id: string,
  share: { sharedWithId: string | null; sharedAt: string | null },
): Promise<void> {
  await db
    .updateTable('what_matters_exercises')
    .set({ shared_with_id: share.sharedWithId, shared_at: share.sharedAt })
    .where('id', '=', id)
    .execute();
}
