import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../clock.ts';
import { DAY_MS, systemClock, toIsoDate } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import type { Database, Transaction } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { upsertCredentials } from '../modules/auth/auth.repository.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import {
  findOrganization,
  insertOrganization,
} from '../modules/organization/organization.repository.ts';
import { findPeopleByEmails, insertPerson } from '../modules/people/people.repository.ts';
import { changeManager } from '../modules/people/people.service.ts';
import { seedDemoPlacements } from './seed-careers.ts';
import { seedDemoHistory } from './seed-history.ts';
import { DEMO_ORGANIZATION_NAME, DEMO_PEOPLE, demoEmailOf } from './demo-people.ts';
import type { DemoPerson } from './demo-people.ts';

/**
 * `npm run demo` runs this file before starting the server: it fills an empty database with the
 * demo organisation and prints how to sign in. Other code reuses `seedDemoOrganization`.
 */

/** Every demo person signs in with this passphrase (long, and not on any common-password list). */
export const DEMO_PASSWORD = 'trajectory demo 2026';

export type DemoRole = 'admin' | 'leader' | 'manager' | 'engineer';

/** The accounts the sign-in help points to, one per kind of user. */
export const DEMO_ACCOUNTS: readonly { role: DemoRole; key: string; note: string }[] = [
  { role: 'admin', key: 'marta', note: 'manages people and reporting lines' },
  { role: 'leader', key: 'hannah', note: 'leads Platform and Data through two managers' },
  { role: 'manager', key: 'aisha', note: 'manages the Mobile team' },
  { role: 'engineer', key: 'sofia', note: 'moved from Payments to Mobile 75 days ago' },
];

export interface DemoSeedResult {
  /** False when the organisation already existed and nothing was written. */
  isCreated: boolean;
  /** Person id by demo key (see demo-people.ts), for seeders that add more demo data. */
  personIds: ReadonlyMap<string, string>;
}

/**
 * Creates the demo organisation, its people, their reporting history and passwords in one
 * transaction, unless an organisation already exists. Returns the demo people's ids either way.
 */
export async function seedDemoOrganization(
  database: Database,
  clock: Clock,
): Promise<DemoSeedResult> {
  const { db } = database;
  if (await findOrganization(db)) return { isCreated: false, personIds: await findDemoPeople(db) };
  const now = clock.now();
  const passwordHashes = await Promise.all(DEMO_PEOPLE.map(() => hashPassword(DEMO_PASSWORD)));
  const personIds = await db.transaction().execute(async (trx) => {
    await insertOrganization(trx, DEMO_ORGANIZATION_NAME, now.toISOString());
    const ids = await seedPeople(trx, DEMO_PEOPLE, now);
    await seedReportingLines(trx, DEMO_PEOPLE, ids, now);
    await seedPasswords(trx, DEMO_PEOPLE, ids, passwordHashes, now);
    return ids;
  });
  return { isCreated: true, personIds };
}

const daysBefore = (now: Date, days: number) => toIsoDate(new Date(now.getTime() - days * DAY_MS));

/** Inserts every demo person; returns their new ids by key. */
async function seedPeople(
  trx: Transaction,
  people: readonly DemoPerson[],
  now: Date,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const person of people) {
    const id = randomUUID();
    await insertPerson(trx, {
      id,
      email: demoEmailOf(person),
      name: person.name,
      title: person.title,
      team: person.team,
      timezone: person.timezone,
      start_date: daysBefore(now, person.joinedDaysAgo),
      is_admin: person.isAdmin ?? false,
      is_people_team: person.isPeopleTeam ?? false,
      is_active: true,
      deactivated_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    ids.set(person.key, id);
  }
  return ids;
}

/**
 * Replays each person's reporting history through changeManager, oldest first, so the demo gets
 * the same effective-dated lines (and the same cycle checks) as changes made in the product.
 */
async function seedReportingLines(
  trx: Transaction,
  people: readonly DemoPerson[],
  ids: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  const joinedDaysAgo = new Map(people.map((person) => [person.key, person.joinedDaysAgo]));
  for (const person of people) {
    for (const [index, spell] of person.managers.entries()) {
      const managerJoined = joinedDaysAgo.get(spell.manager);
      const managerId = ids.get(spell.manager);
      const reportId = ids.get(person.key);
      if (managerJoined === undefined || !managerId || !reportId)
        throw new Error(`demo data: ${person.key} reports to unknown ${spell.manager}`);
      const sinceDaysAgo =
        index === 0 ? Math.min(person.joinedDaysAgo, managerJoined) : spell.sinceDaysAgo;
      if (sinceDaysAgo === undefined || sinceDaysAgo > managerJoined)
        throw new Error(`demo data: ${person.key} reports to ${spell.manager} before they joined`);
      await changeManager(trx, {
        reportId,
        managerId,
        startsOn: daysBefore(now, sinceDaysAgo),
        createdBy: null,
        createdAt: now.toISOString(),
      });
    }
  }
}

/** Gives every demo person the demo password (hashes made beforehand, outside the transaction). */
async function seedPasswords(
  trx: Transaction,
  people: readonly DemoPerson[],
  ids: ReadonlyMap<string, string>,
  hashes: readonly string[],
  now: Date,
): Promise<void> {
  for (const [index, person] of people.entries()) {
    const id = ids.get(person.key);
    const passwordHash = hashes[index];
    if (id && passwordHash) await upsertCredentials(trx, id, passwordHash, now.toISOString());
  }
}

/** Ids of the demo people present in the database, by key. */
async function findDemoPeople(db: Transaction): Promise<Map<string, string>> {
  const rows = await findPeopleByEmails(db, DEMO_PEOPLE.map(demoEmailOf));
  const idByEmail = new Map(rows.map((row) => [row.email, row.id]));
  const ids = new Map<string, string>();
  for (const person of DEMO_PEOPLE) {
    const id = idByEmail.get(demoEmailOf(person));
    if (id) ids.set(person.key, id);
  }
  return ids;
}

/** The demo accounts with their emails, names and titles. */
export function demoAccounts() {
  return DEMO_ACCOUNTS.map((account) => {
    const person = DEMO_PEOPLE.find((candidate) => candidate.key === account.key);
    if (!person) throw new Error(`demo data: no person ${account.key}`);
    return { ...account, email: demoEmailOf(person), name: person.name, title: person.title };
  });
}

/** What `npm run demo` prints: where to go and which accounts to sign in with. */
export function demoSignInHelp(baseUrl: string): string {
  const accounts = demoAccounts();
  const emailWidth = Math.max(...accounts.map((account) => account.email.length));
  const rows = accounts.map(
    (account) =>
      `  ${account.role.padEnd(10)}${account.email.padEnd(emailWidth + 2)}${account.name}, ${account.title}: ${account.note}`,
  );
  return [
    '',
    `Trajectory demo: ${DEMO_ORGANIZATION_NAME}, ${DEMO_PEOPLE.length} people in three levels of management.`,
    '',
    `  Open      ${baseUrl}`,
    `  Password  ${DEMO_PASSWORD}   (the same for every demo person)`,
    '',
    `  ${'Sign in'.padEnd(10)}${'Email'.padEnd(emailWidth + 2)}Who`,
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, { poolSize: 1 });
  try {
    await migrateToLatest(database);
    const { isCreated, personIds } = await seedDemoOrganization(database, systemClock);
    if (DEMO_ACCOUNTS.some((account) => !personIds.has(account.key))) {
      const existing = await findOrganization(database.db);
      throw new Error(
        `this database already holds the organisation "${existing?.name ?? ''}", not the demo; ` +
          'point DATA_DIR at an empty folder to run the demo',
      );
    }
    const placed = await seedDemoPlacements(database, systemClock, personIds);
    if (placed > 0)
      process.stdout.write(`Placed ${placed} people on the built-in career framework.\n`);
    const held = await seedDemoHistory(database, systemClock, personIds);
    if (held > 0)
      process.stdout.write(
        `Added two years of history: ${held} conversations held, and a development contract.\n`,
      );
    process.stdout.write(
      `${isCreated ? 'Created' : 'Using'} the demo organisation in ${config.dataDir} (delete that folder to start afresh).\n`,
    );
    process.stdout.write(`${demoSignInHelp(config.baseUrl)}\n`);
  } finally {
    await database.close();
  }
}

const isEntryPoint =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`trajectory demo: ${message}`);
    process.exitCode = 1;
  });
}
