import type { Transaction } from '../../db/client.ts';

export interface InviteFactsRow {
  id: string;
  engineerId: string;
  managerId: string;
  status: string;
  startsAt: string;
  durationMinutes: number;
  place: string;
  /** Raised by every reschedule and by the cancellation: the iCalendar SEQUENCE. */
  sequence: number;
}

/** What a calendar needs about conversations: time, length, place and how often they changed. */
export async function listInviteFacts(
  db: Transaction,
  conversationIds: readonly string[],
): Promise<InviteFactsRow[]> {
  const result: InviteFactsRow[] = [];
  const ids = [...new Set(conversationIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('conversations as c')
      .select([
        'c.id',
        'c.engineer_id',
        'c.manager_id',
        'c.status',
        'c.starts_at',
        'c.duration_minutes',
        'c.place',
        (eb) =>
          eb
            .selectFrom('conversation_events as ev')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('ev.conversation_id', '=', 'c.id')
            .where('ev.action', 'in', ['rescheduled', 'cancelled'])
            .as('sequence'),
      ])
      .where('c.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows)
      result.push({
        id: row.id,
        engineerId: row.engineer_id,
        managerId: row.manager_id,
        status: row.status,
        startsAt: row.starts_at,
        durationMinutes: Number(row.duration_minutes),
        place: row.place,
        sequence: Number(row.sequence ?? 0),
      });
  }
  return result;
}
