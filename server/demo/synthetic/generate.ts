import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { CONVERSATION_KINDS } from '../../../shared/cadence/cadence.ts';
import { createFixedClock } from '../../clock.ts';
import { createChangeMarker, dropChangeMarker } from '../../db/client.ts';
import type { Database } from '../../db/client.ts';
import { COVERAGE_MARKERS } from '../../db/migrations/0015-coverage-marks-narrower.ts';
import { CADENCE_MARKERS } from '../../db/migrations/0016-cadence-marks.ts';
import {
  createConversationFactTriggers,
  dropConversationFactTriggers,
  rebuildConversationFacts,
} from '../../db/migrations/0014-conversation-facts.ts';
import { createCoverageGroupsService } from '../../modules/cadence/coverage-groups.service.ts';
import { currentBank } from '../../modules/conversations/question-banks.service.ts';
import {
  findActiveVersion,
  loadVersionContent,
} from '../../modules/frameworks/frameworks.repository.ts';
import { createFrameworksService } from '../../modules/frameworks/frameworks.service.ts';
import {
  findOrganization,
  insertOrganization,
} from '../../modules/organization/organization.repository.ts';
import { BatchWriter } from './batch-writer.ts';
import { MINUTES_PER_DAY, dayOfDate, isoDay, isoMinute, minuteOf } from './calendar.ts';
import { writeAssessment, writePlacements, writeWhatMatters } from './career-history.ts';
import type { GeneratorContext, LevelFacts } from './context.ts';
import { managerOn, personAt } from './context.ts';
import { writeContracts } from './contract-history.ts';
import { planConversations } from './conversation-plan.ts';
import type { BuiltConversation } from './conversation-rows.ts';
import { buildConversation } from './conversation-rows.ts';
import { buildOrganisation } from './org-shape.ts';
import type { SyntheticPerson } from './org-shape.ts';
import { Random } from './random.ts';
import { RowSink } from './rows.ts';
import { shortNote } from './texts.ts';

/**
 * The synthetic organisation generator: people, reporting history and years of career
 * conversations with everything around them, written straight into an empty, migrated
 * database. Deterministic: the same seed, size, years and `now` always write the same rows.
 */
/** Raised whenever the generator writes different rows, so cached organisations are rebuilt. */
export const GENERATOR_VERSION = 5;

export interface GenerateOptions {
  people: number;
  seed?: string;
  /** The present of the generated history; defaults to the start of today (UTC). */
  now?: Date;
  years?: number;
  /** People per transaction. */
  chunkSize?: number;
  /** Transactions written at once on PostgreSQL (open the database with at least this pool). */
  parallel?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  people: number;
  seed: string;
  now: string;
  /** Rows written per table. */
  rows: Record<string, number>;
  totalRows: number;
  seconds: {
    setup: number;
    people: number;
    history: number;
    /** Statistics and the materialised dashboard. */
    analyze: number;
    total: number;
  };
  /** Ids of people with particular roles, for benchmarks and tests. */
  sample: SyntheticSample;
}

export interface SyntheticSample {
  headId: string;
  peopleTeamId: string;
  /** Managers whose reports are all individual contributors. */
  managerIds: string[];
  /** Active individual contributors with a manager. */
  engineerIds: string[];
}

const REMINDER_KINDS = [
  'engineer_prep',
  'manager_prep',
  'summary',
  'acknowledgement',
  'plan_check',
  'weekly_digest',
];

/** Levels of the active framework by code, with the criteria an assessment copies. */
async function loadLevels(database: Database, now: Date): Promise<Map<string, LevelFacts>> {
  await createFrameworksService({ database, clock: createFixedClock(now) }).ensureDefault();
  const version = await findActiveVersion(database.db);
  if (!version) throw new Error('no active framework after installing the built-in one');
  const content = await loadVersionContent(database.db, version.id);
  const competencyName = new Map(content.competencies.map((c) => [c.id, c.name]));
  const levels = new Map<string, LevelFacts>();
  for (const level of content.levels) {
    if (!level.code) continue;
    const next = content.levels.find(
      (l) => l.trackId === level.trackId && l.position === level.position + 1,
    );
    levels.set(level.code, {
      id: level.id,
      trackId: level.trackId,
      versionId: version.id,
      code: level.code,
      nextCode: next?.code ?? null,
      criteria: content.criteria
        .filter((c) => c.levelId === level.id)
        .map((c) => ({
          id: c.id,
          competencyName: competencyName.get(c.competencyId) ?? '',
          text: c.text,
          examplesJson: JSON.stringify(c.examples),
          position: c.position,
        })),
    });
  }
  return levels;
}

/** The person, their reporting lines, reminder choices and calendar feed. */
function writePerson(context: GeneratorContext, person: SyntheticPerson, sink: RowSink): void {
  const random = new Random(`${context.seed}:directory:${person.index}`);
  const joined = isoMinute(minuteOf(Math.max(person.joinDay, context.windowStart - 365), 540));
  sink.add('people', {
    id: person.id,
    email: person.email,
    name: person.name,
    title: person.title,
    team: person.team,
    timezone: person.timezone,
    start_date: isoDay(person.joinDay),
    is_admin: person.isAdmin,
    is_people_team: person.isPeopleTeam,
    is_active: person.leaveDay === null,
    deactivated_at: person.leaveDay === null ? null : isoMinute(minuteOf(person.leaveDay, 1020)),
    created_at: joined,
    updated_at: joined,
  });
  for (const spell of person.spells)
    sink.add('reporting_lines', {
      id: random.uuid(),
      report_id: person.id,
      manager_id: personAt(context, spell.managerIndex).id,
      starts_on: isoDay(spell.startDay),
      ends_on: spell.endDay === null ? null : isoDay(spell.endDay),
      created_at: isoMinute(minuteOf(Math.max(spell.startDay, context.windowStart - 365), 600)),
      created_by: null,
    });
  if (person.leaveDay !== null) return;
  if (random.chance(0.08))
    for (const kind of random.shuffle(REMINDER_KINDS).slice(0, random.int(1, 2)))
      sink.add('reminder_preferences', {
        person_id: person.id,
        kind,
        is_enabled: false,
        updated_at: isoMinute(context.nowMinute - random.int(1, 300) * MINUTES_PER_DAY),
      });
  if (random.chance(0.15))
    sink.add('calendar_feeds', {
      id: random.uuid(),
      person_id: person.id,
      created_at: isoMinute(context.nowMinute - random.int(1, 500) * MINUTES_PER_DAY),
      revoked_at: null,
      last_fetched_at: random.chance(0.7)
        ? isoMinute(context.nowMinute - random.int(5, 600))
        : null,
    });
}

/** Everything that happened to one person over the history window. */
function writeHistory(context: GeneratorContext, person: SyntheticPerson, sink: RowSink): void {
  const random = new Random(`${context.seed}:history:${person.index}`);
  writePlacements(context, person, random, sink);
  const queue = planConversations(context, person, random);
  const built: BuiltConversation[] = [];
  for (let k = 0; k < queue.length; k += 1) {
    const plan = queue[k];
    if (!plan) continue;
    const { built: conversation, replacement } = buildConversation(
      context,
      person,
      plan,
      random,
      sink,
    );
    built.push(conversation);
    if (
      replacement &&
      replacement.day <= context.today + 30 &&
      managerOn(person, replacement.day) === replacement.managerIndex &&
      (person.leaveDay === null || replacement.day < person.leaveDay)
    )
      queue.push(replacement);
  }
  built.sort((a, b) => a.startMinute - b.startMinute);
  writeContracts(context, person, built, random, sink);
  for (const c of built)
    sink.add(c.row.contract_id ? 'linked_conversations' : 'conversations', c.row);
  writeWhatMatters(context, person, built, random, sink);
  writeAssessment(context, person, random, sink);
  const managerIndex = person.leaveDay === null ? person.managerIndex : null;
  if (managerIndex !== null && random.chance(0.15)) {
    const manager = personAt(context, managerIndex);
    const at = isoMinute(context.nowMinute - random.int(1, 200) * MINUTES_PER_DAY);
    sink.add('private_notes', {
      id: random.uuid(),
      author_id: manager.id,
      subject_id: person.id,
      conversation_id: null,
      scope_key: `person:${person.id}`,
      body: shortNote(random),
      created_at: at,
      updated_at: at,
    });
  }
}

function sampleOf(people: readonly SyntheticPerson[]): SyntheticSample {
  const managersOfManagers = new Set(
    people.filter((p) => p.isManager && p.managerIndex !== null).map((p) => p.managerIndex),
  );
  const head = people[0];
  const peopleTeam = people.find((p) => p.isPeopleTeam);
  if (!head || !peopleTeam) throw new Error('synthetic organisation has no head or people team');
  return {
    headId: head.id,
    peopleTeamId: peopleTeam.id,
    managerIds: people
      .filter((p) => p.isManager && !managersOfManagers.has(p.index))
      .map((p) => p.id),
    engineerIds: people
      .filter((p) => !p.isManager && p.leaveDay === null && p.levelCode !== null)
      .map((p) => p.id),
  };
}

/** Fills an empty, migrated database with a synthetic organisation; returns what it wrote. */
export async function generateOrganisation(
  database: Database,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = performance.now();
  const seconds = (from: number) => Math.round(performance.now() - from) / 1000;
  const seed = options.seed ?? 'trajectory';
  const years = options.years ?? 5;
  const today = dayOfDate(options.now ?? new Date());
  const now = options.now ?? new Date(today * MINUTES_PER_DAY * 60_000);
  if (await findOrganization(database.db))
    throw new Error('the database already holds an organisation; generate into an empty one');
  const levels = await loadLevels(database, now);
  for (const kind of CONVERSATION_KINDS) await currentBank(database.db, kind, now.toISOString());
  const people = buildOrganisation({ people: options.people, seed, today, years });
  const context: GeneratorContext = {
    seed,
    today,
    nowMinute: Math.floor(now.getTime() / 60_000),
    windowStart: today - Math.round(years * 365),
    people,
    levels,
  };
  const writer = new BatchWriter(database.engine);
  const sink = new RowSink();
  const chunk = options.chunkSize ?? 500;
  const setupDone = performance.now();

  // Change marks (the coverage dashboard's, and those of the cadence facts servers keep) are
  // pointless while everything is new, and would slow the load several times over.
  const markers = database.db as unknown as Kysely<unknown>;
  for (const marker of [...COVERAGE_MARKERS, ...CADENCE_MARKERS])
    await dropChangeMarker(markers, marker);
  // Likewise the per-conversation summary facts: rebuilt in one statement after the load.
  await dropConversationFactTriggers(markers);
  await insertOrganization(
    database.db,
    `Synthetic Engineering (${people.length} people)`,
    now.toISOString(),
  );
  for (let start = 0; start < people.length; start += chunk * 10) {
    for (const person of people.slice(start, start + chunk * 10))
      writePerson(context, person, sink);
    await database.db.transaction().execute((trx) => writer.write(trx, sink));
    sink.clear();
  }
  const peopleDone = performance.now();

  // History chunks only refer to people and to rows of their own chunk, so on PostgreSQL two
  // chunks are written at once (one per core); SQLite has one writer.
  const parallel = database.engine === 'postgres' ? (options.parallel ?? 2) : 1;
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  for (let start = 0; start < people.length; start += chunk) {
    const chunkSink = new RowSink();
    const slice = people.slice(start, start + chunk);
    for (const person of slice) writeHistory(context, person, chunkSink);
    const write: Promise<void> = database.db
      .transaction()
      .execute((trx) => writer.write(trx, chunkSink))
      .then(() => {
        inFlight.delete(write);
        done += slice.length;
        options.onProgress?.(done, people.length);
      });
    inFlight.add(write);
    if (inFlight.size >= parallel) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const historyDone = performance.now();
  // Fresh statistics, as a database that has been in use would have (autovacuum on PostgreSQL),
  // and the materialised dashboard a running server keeps.
  for (const marker of COVERAGE_MARKERS) await createChangeMarker(markers, marker);
  await rebuildConversationFacts(markers);
  await createConversationFactTriggers(markers);
  for (const marker of CADENCE_MARKERS) await createChangeMarker(markers, marker);
  // PostgreSQL: vacuum too, so index-only scans find the visibility map set, as autovacuum
  // leaves a database in use (SQLite's VACUUM rewrites the file and changes nothing of the kind).
  if (database.engine === 'postgres') await sql`vacuum analyze`.execute(database.db);
  else await sql`analyze`.execute(database.db);
  await createCoverageGroupsService({ database, clock: createFixedClock(now) }).refresh();
  const rows = Object.fromEntries([...writer.counts.entries()].sort());
  return {
    people: people.length,
    seed,
    now: now.toISOString(),
    rows,
    totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
    seconds: {
      setup: Math.round(setupDone - started) / 1000,
      people: Math.round(peopleDone - setupDone) / 1000,
      history: Math.round(historyDone - peopleDone) / 1000,
      analyze: seconds(historyDone),
      total: seconds(started),
    },
    sample: sampleOf(people),
  };
}
