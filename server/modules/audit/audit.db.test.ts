import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, withoutAppendOnlyGuard } from '../../db/client.ts';
import type { Transaction } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { recordAuditEvent, verifyAuditChain } from './audit.service.ts';

const admin: Actor = {
  kind: 'person',
  id: '00000000-0000-4000-8000-000000000001',
  isAdmin: true,
  isPeopleTeam: true,
};
const EVENTS = 300;
const TAMPERINGS = 120;

/** A small deterministic generator so failures replay. */
function seeded(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

class Rollback extends Error {}

describe('audit trail', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
    for (let i = 0; i < EVENTS; i += 10) {
      await t.db.transaction().execute(async (trx) => {
        for (let j = i; j < i + 10; j += 1) {
          t.clock.advance(1000);
          await recordAuditEvent(
            trx,
            {
              actor: admin,
              action: j % 2 ? 'person.read' : 'sign_in',
              targetType: 'person',
              targetId: `p${j}`,
              subjectPersonId: `p${j % 7}`,
              decision: j % 5 ? 'allow' : 'deny',
            },
            t.clock.now(),
          );
        }
      });
    }
  });
  afterAll(() => t.close());

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(t.db, 64)).toEqual({ isIntact: true, checked: EVENTS });
  });

  it('is append-only in the database itself: updates and deletes are refused', async () => {
    await expect(
      t.db.updateTable('audit_events').set({ action: 'forged' }).where('seq', '=', 5).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_events').where('seq', '=', 5).execute()).rejects.toThrow(
      /append-only/,
    );
    if (t.database.engine === 'postgres') {
      await expect(sql`truncate audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    }
    expect((await verifyAuditChain(t.db)).isIntact).toBe(true);
  });

  it(`detects every one of ${TAMPERINGS} tamperings: edits, deletions, reorderings and a cut tail`, async () => {
    const random = seeded(20261122);
    const fields = [
      'actor_role',
      'action',
      'target_id',
      'subject_person_id',
      'decision',
      'created_at',
    ] as const;
    let detected = 0;
    for (let i = 0; i < TAMPERINGS; i += 1) {
      const kind = i % 4;
      const seq = 1 + random(EVENTS);
      const result = await t.db
        .transaction()
        .execute(async (trx: Transaction) => {
          const outcome = await withoutAppendOnlyGuard(trx, 'audit_events', async () => {
            if (kind === 0) {
              const field = fields[random(fields.length)] ?? 'action';
              const value =
                field === 'created_at'
                  ? '2020-01-01T00:00:00.000Z'
                  : field === 'decision'
                    ? 'allow-forged'
                    : `forged-${i}`;
              await trx
                .updateTable('audit_events')
                .set({ [field]: value })
                .where('seq', '=', seq)
                .execute();
            } else if (kind === 1) {
              await trx.deleteFrom('audit_events').where('seq', '=', seq).execute();
            } else if (kind === 2) {
              const other = seq === EVENTS ? seq - 1 : seq + 1;
              const [a, b] = await Promise.all([
                trx
                  .selectFrom('audit_events')
                  .selectAll()
                  .where('seq', '=', seq)
                  .executeTakeFirstOrThrow(),
                trx
                  .selectFrom('audit_events')
                  .selectAll()
                  .where('seq', '=', other)
                  .executeTakeFirstOrThrow(),
              ]);
              await trx.deleteFrom('audit_events').where('seq', 'in', [seq, other]).execute();
              await trx
                .insertInto('audit_events')
                .values([
                  { ...a, seq: other, id: `${a.id}-moved` },
                  { ...b, seq, id: `${b.id}-moved` },
                ])
                .execute();
            } else {
              await trx
                .deleteFrom('audit_events')
                .where('seq', '>=', EVENTS - random(5))
                .execute();
            }
            return verifyAuditChain(trx, 97);
          });
          throw Object.assign(new Rollback(), { outcome });
        })
        .catch((error: unknown) => {
          if (error instanceof Rollback)
            return (error as Rollback & { outcome: Awaited<ReturnType<typeof verifyAuditChain>> })
              .outcome;
          throw error;
        });
      if (!result.isIntact) detected += 1;
    }
    console.warn(
      `audit tamper test (${t.database.engine}): ${detected}/${TAMPERINGS} tamperings detected over ${EVENTS} events`,
    );
    expect(detected).toBe(TAMPERINGS);
    expect(await verifyAuditChain(t.db)).toEqual({ isIntact: true, checked: EVENTS });
  });

  it('keeps one chain when many transactions append at once (two instances on PostgreSQL)', async () => {
    // SQLite instances are separate processes; two connections in one Node thread would block each
    // other's busy wait, so on SQLite the race runs through one instance's transaction queue.
    const other =
      t.database.engine === 'postgres' ? await openDatabase(t.url, { poolSize: 4 }) : null;
    const append = (db: Transaction, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, k) =>
          db.transaction().execute((trx) =>
            recordAuditEvent(
              trx,
              {
                actor: admin,
                action: 'concurrent',
                targetType: 'test',
                targetId: String(k),
                subjectPersonId: null,
                decision: 'allow',
              },
              t.clock.now(),
            ),
          ),
        ),
      );
    try {
      await Promise.all([append(t.db, 25), append(other?.db ?? t.db, 25)]);
    } finally {
      await other?.close();
    }
    expect(await verifyAuditChain(t.db)).toEqual({ isIntact: true, checked: EVENTS + 50 });
  });
});
