import { randomUUID } from 'node:crypto';
import type { Transaction } from '../../db/client.ts';
import type { FrameworkModel } from './framework-model.ts';

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += 500) {
    await insert(rows.slice(start, start + 500));
  }
}

/**
 * Stores a framework model as a new version (and a new framework unless `frameworkId` is given).
 * Returns the ids. Call inside a transaction so an import is all or nothing.
 */
export async function insertFrameworkVersion(
  db: Transaction,
  input: {
    model: FrameworkModel;
    frameworkId: string | null;
    name: string;
    source: string;
    builtinKey: string | null;
    createdBy: string | null;
    createdAt: string;
  },
): Promise<{ frameworkId: string; versionId: string }> {
  const { model, createdAt, createdBy } = input;
  let frameworkId = input.frameworkId;
  if (!frameworkId) {
    frameworkId = randomUUID();
    await db
      .insertInto('frameworks')
      .values({
        id: frameworkId,
        name: input.name,
        description: model.description,
        builtin_key: input.builtinKey,
        created_at: createdAt,
        created_by: createdBy,
      })
      .execute();
  }
  const last = await db
    .selectFrom('framework_versions')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('framework_id', '=', frameworkId)
    .executeTakeFirst();
  const versionId = randomUUID();
  await db
    .insertInto('framework_versions')
    .values({
      id: versionId,
      framework_id: frameworkId,
      number: Number(last?.max ?? 0) + 1,
      source: input.source,
      is_active: false,
      created_at: createdAt,
      created_by: createdBy,
      activated_at: null,
    })
    .execute();
  const competencyIds = new Map(model.competencies.map((c) => [c.key, randomUUID()]));
  await insertBatched(model.competencies, (batch) =>
    db
      .insertInto('framework_competencies')
      .values(
        batch.map((c) => ({
          id: competencyIds.get(c.key) ?? randomUUID(),
          version_id: versionId,
          key: c.key,
          name: c.name,
          description: c.description,
          position: model.competencies.indexOf(c),
        })),
      )
      .execute(),
  );
  const tracks = model.tracks.map((t, position) => ({ ...t, id: randomUUID(), position }));
  await insertBatched(tracks, (batch) =>
    db
      .insertInto('framework_tracks')
      .values(
        batch.map((t) => ({
          id: t.id,
          version_id: versionId,
          key: t.key,
          name: t.name,
          description: t.description,
          position: t.position,
        })),
      )
      .execute(),
  );
  const levels = tracks.flatMap((t) =>
    t.levels.map((l, position) => ({ ...l, id: randomUUID(), trackId: t.id, position })),
  );
  await insertBatched(levels, (batch) =>
    db
      .insertInto('framework_levels')
      .values(
        batch.map((l) => ({
          id: l.id,
          version_id: versionId,
          track_id: l.trackId,
          key: l.key,
          name: l.name,
          code: l.code,
          summary: l.summary,
          position: l.position,
        })),
      )
      .execute(),
  );
  let position = 0;
  const criteria = levels.flatMap((l) =>
    l.criteria.map((c) => ({
      id: randomUUID(),
      version_id: versionId,
      level_id: l.id,
      competency_id: competencyIds.get(c.competency) ?? '',
      text: c.text,
      examples_json: JSON.stringify(c.examples),
      position: (position += 1),
    })),
  );
  await insertBatched(criteria, (batch) =>
    db.insertInto('framework_criteria').values(batch).execute(),
  );
  return { frameworkId, versionId };
}
