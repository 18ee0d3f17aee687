import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { PeopleTable } from '../../db/schema.ts';

export interface PersonRow {
  id: string;
  email: string;
  name: string;
  title: string;
  team: string;
  timezone: string;
  startDate: string | null;
  isAdmin: boolean;
  isPeopleTeam: boolean;
  isActive: boolean;
  hasPassword: boolean;
  createdAt: string;
}

export interface PersonListRow {
  id: string;
  name: string;
  email: string;
  title: string;
  team: string;
  isActive: boolean;
  managerId: string | null;
  managerName: string | null;
  reportCount: number;
}

export interface ReportingLineRow {
  id: string;
  reportId: string;
  reportName: string;
  managerId: string;
  managerName: string;
  startsOn: string;
  endsOn: string | null;
}

/** A reporting line is in force on `date` when it started on or before it and has not ended. */
const inForceOn = (date: string) =>
  sql<boolean>`rl.starts_on <= ${date} and (rl.ends_on is null or rl.ends_on > ${date})`;

export async function countAdmins(db: Transaction): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('is_admin', '=', true)
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertPerson(db: Transaction, row: PeopleTable): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function updatePersonRow(
  db: Transaction,
  id: string,
  patch: Partial<PeopleTable>,
): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

const personColumns = [
  'p.id',
  'p.email',
  'p.name',
  'p.title',
  'p.team',
  'p.timezone',
  'p.start_date',
  'p.is_admin',
  'p.is_people_team',
  'p.is_active',
  'p.created_at',
] as const;

function toPersonRow(row: {
  id: string;
  email: string;
  name: string;
  title: string;
  team: string;
  timezone: string;
  start_date: string | null;
  is_admin: boolean;
  is_people_team: boolean;
  is_active: boolean;
  created_at: string;
  has_password: boolean | number;
}): PersonRow {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    title: row.title,
    team: row.team,
    timezone: row.timezone,
    startDate: row.start_date,
    isAdmin: row.is_admin,
    isPeopleTeam: row.is_people_team,
    isActive: row.is_active,
    hasPassword: Boolean(row.has_password),
    createdAt: row.created_at,
  };
}

const personByIdQuery = preparedQuery((db, p: { id: string }) =>
  db
    .selectFrom('people as p')
    .leftJoin('credentials as c', 'c.person_id', 'p.id')
    .select([...personColumns, sql<boolean>`c.person_id is not null`.as('has_password')])
    .where('p.id', '=', p.id),
);

export async function findPersonById(db: Transaction, id: string): Promise<PersonRow | undefined> {
  const row = await personByIdQuery.first(db, { id });
  return row ? toPersonRow(row) : undefined;
}

export async function findPeopleByEmails(db: Transaction, emails: string[]): Promise<PersonRow[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('credentials as c', 'c.person_id', 'p.id')
    .select([...personColumns, sql<boolean>`c.person_id is not null`.as('has_password')])
    .where('p.email', 'in', emails)
    .execute();
  return rows.map(toPersonRow);
}

export interface PersonListFilter {
  query?: string;
  managerId?: string;
  isTopLevel?: boolean;
  includeInactive: boolean;
  after?: { name: string; id: string };
  limit: number;
  today: string;
}

/** Directory rows ordered by name with their current manager and number of current reports. */
export async function listPeopleRows(
  db: Transaction,
  filter: PersonListFilter,
): Promise<PersonListRow[]> {
  const { today } = filter;
  let query = db
    .selectFrom('people as p')
    .leftJoin('reporting_lines as rl', (join) =>
      join.onRef('rl.report_id', '=', 'p.id').on(inForceOn(today)),
    )
    .leftJoin('people as m', 'm.id', 'rl.manager_id')
    .select([
      'p.id',
      'p.name',
      'p.email',
      'p.title',
      'p.team',
      'p.is_active',
      'm.id as manager_id',
      'm.name as manager_name',
      (eb) =>
        eb
          .selectFrom('reporting_lines as r2')
          .innerJoin('people as rp', 'rp.id', 'r2.report_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('r2.manager_id', '=', 'p.id')
          .where('rp.is_active', '=', true)
          .where(
            sql<boolean>`r2.starts_on <= ${today} and (r2.ends_on is null or r2.ends_on > ${today})`,
          )
          .as('report_count'),
    ]);
  if (!filter.includeInactive) query = query.where('p.is_active', '=', true);
  if (filter.managerId) query = query.where('rl.manager_id', '=', filter.managerId);
  if (filter.isTopLevel) query = query.where('rl.id', 'is', null);
  if (filter.query) {
    const pattern = `%${filter.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(p.name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(p.email)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(p.title)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(p.team)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  // Ordered by name regardless of case (then exactly, then by id) so "adam" is not after "Zoe".
  const sortName = sql<string>`lower(p.name)`;
  if (filter.after) {
    const { name, id } = filter.after;
    const afterSortName = sql<string>`lower(cast(${name} as text))`;
    query = query.where((eb) =>
      eb.or([
        eb(sortName, '>', afterSortName),
        eb.and([eb(sortName, '=', afterSortName), eb('p.name', '>', name)]),
        eb.and([eb(sortName, '=', afterSortName), eb('p.name', '=', name), eb('p.id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy(sortName)
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    title: row.title,
    team: row.team,
    isActive: row.is_active,
    managerId: row.manager_id,
    managerName: row.manager_name,
    reportCount: Number(row.report_count ?? 0),
  }));
}

function toLine(row: {
  id: string;
  report_id: string;
  report_name: string;
  manager_id: string;
  manager_name: string;
  starts_on: string;
  ends_on: string | null;
}): ReportingLineRow {
  return {
    id: row.id,
    reportId: row.report_id,
    reportName: row.report_name,
    managerId: row.manager_id,
    managerName: row.manager_name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}

function linesQuery(db: Transaction) {
  return db
    .selectFrom('reporting_lines as rl')
    .innerJoin('people as r', 'r.id', 'rl.report_id')
    .innerJoin('people as m', 'm.id', 'rl.manager_id')
    .select([
      'rl.id',
      'rl.report_id',
      'r.name as report_name',
      'rl.manager_id',
      'm.name as manager_name',
      'rl.starts_on',
      'rl.ends_on',
    ]);
}

/** The line in force for a report on a date, if any. */
export async function findLineInForce(
  db: Transaction,
  reportId: string,
  date: string,
): Promise<ReportingLineRow | undefined> {
  const row = await linesQuery(db)
    .where('rl.report_id', '=', reportId)
    .where(inForceOn(date))
    .executeTakeFirst();
  return row ? toLine(row) : undefined;
}

/** Every manager a person has had, newest first. */
export async function listLinesOfReport(
  db: Transaction,
  reportId: string,
): Promise<ReportingLineRow[]> {
  const rows = await linesQuery(db)
    .where('rl.report_id', '=', reportId)
    .orderBy('rl.starts_on', 'desc')
    .execute();
  return rows.map(toLine);
}

/** The active people reporting to a manager on a date, by name. */
export async function listReportsOn(db: Transaction, managerId: string, date: string) {
  return db
    .selectFrom('reporting_lines as rl')
    .innerJoin('people as p', 'p.id', 'rl.report_id')
    .select(['p.id', 'p.name'])
    .where('rl.manager_id', '=', managerId)
    .where('p.is_active', '=', true)
    .where(inForceOn(date))
    .orderBy(sql`lower(p.name)`)
    .orderBy('p.name')
    .execute();
}

/** The chain of managers above a person on a date, nearest first (stops at 64 levels). */
const managerChainQuery = preparedQuery(
  (_db, p: { personId: string; date: string }) => sql<{ manager_id: string }>`
    with recursive chain(manager_id, depth) as (
      select rl.manager_id, 1 from reporting_lines rl
       where rl.report_id = ${p.personId} and rl.starts_on <= ${p.date} and (rl.ends_on is null or rl.ends_on > ${p.date})
      union all
      select rl.manager_id, chain.depth + 1 from reporting_lines rl
        join chain on rl.report_id = chain.manager_id
       where rl.starts_on <= ${p.date} and (rl.ends_on is null or rl.ends_on > ${p.date}) and chain.depth < 64
    )
    select manager_id from chain order by depth`,
);

export async function listManagerChain(
  db: Transaction,
  personId: string,
  date: string,
): Promise<string[]> {
  const rows = await managerChainQuery.all(db, { personId, date });
  return rows.map((row) => row.manager_id);
}

/**
 * The chains of managers above several people on a date, nearest first, in one query per 500
 * people (instead of one per person). People with no manager map to an empty chain.
 */
export async function listManagerChains(
  db: Transaction,
  personIds: readonly string[],
  date: string,
): Promise<Map<string, string[]>> {
  const chains = new Map<string, string[]>(personIds.map((id) => [id, []]));
  const unique = [...chains.keys()];
  for (let start = 0; start < unique.length; start += 500) {
    const ids = unique.slice(start, start + 500);
    const result = await sql<{ person_id: string; manager_id: string }>`
      with recursive chain(person_id, manager_id, depth) as (
        select rl.report_id, rl.manager_id, 1 from reporting_lines rl
         where rl.report_id in (${sql.join(ids)}) and rl.starts_on <= ${date} and (rl.ends_on is null or rl.ends_on > ${date})
        union all
        select chain.person_id, rl.manager_id, chain.depth + 1 from reporting_lines rl
          join chain on rl.report_id = chain.manager_id
         where rl.starts_on <= ${date} and (rl.ends_on is null or rl.ends_on > ${date}) and chain.depth < 64
      )
      select person_id, manager_id from chain order by person_id, depth`.execute(db);
    for (const row of result.rows) chains.get(row.person_id)?.push(row.manager_id);
  }
  return chains;
}

/** Every distinct date after `date` on which some reporting line starts, earliest first. */
export async function listLineStartDatesAfter(db: Transaction, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reporting_lines')
    .select('starts_on')
    .distinct()
    .where('starts_on', '>', date)
    .orderBy('starts_on')
    .execute();
  return rows.map((row) => row.starts_on);
}

/** Lines of a report that start after a date (scheduled changes). */
export async function listLinesStartingAfter(db: Transaction, reportId: string, date: string) {
  return db
    .selectFrom('reporting_lines')
    .select(['id', 'starts_on'])
    .where('report_id', '=', reportId)
    .where('starts_on', '>', date)
    .execute();
}

export async function endLine(db: Transaction, id: string, endsOn: string): Promise<void> {
  await db.updateTable('reporting_lines').set({ ends_on: endsOn }).where('id', '=', id).execute();
}

export async function deleteLine(db: Transaction, id: string): Promise<void> {
  await db.deleteFrom('reporting_lines').where('id', '=', id).execute();
}

export async function insertLine(
  db: Transaction,
  row: {
    id: string;
    reportId: string;
    managerId: string;
    startsOn: string;
    createdAt: string;
    createdBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('reporting_lines')
    .values({
      id: row.id,
      report_id: row.reportId,
      manager_id: row.managerId,
      starts_on: row.startsOn,
      ends_on: null,
      created_at: row.createdAt,
      created_by: row.createdBy,
    })
    .execute();
}

/** Current manager of every active person on a date, for cycle checks over a whole import. */
export async function listCurrentManagerEmails(
  db: Transaction,
  date: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('reporting_lines as rl')
    .innerJoin('people as r', 'r.id', 'rl.report_id')
    .innerJoin('people as m', 'm.id', 'rl.manager_id')
    .select(['r.email as report_email', 'm.email as manager_email'])
    .where(inForceOn(date))
    .execute();
  return new Map(rows.map((row) => [row.report_email, row.manager_email]));
}

/** The earliest scheduled (future) manager change of each person, by email. */
export async function listScheduledChangeDates(
  db: Transaction,
  date: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('reporting_lines as rl')
    .innerJoin('people as r', 'r.id', 'rl.report_id')
    .select(['r.email as report_email', (eb) => eb.fn.min('rl.starts_on').as('starts_on')])
    .where('rl.starts_on', '>', date)
    .groupBy('r.email')
    .execute();
  return new Map(rows.map((row) => [row.report_email, String(row.starts_on)]));
}
