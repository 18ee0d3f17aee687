import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/authorize.ts';
import {
  emailSchema,
  isoDateSchema,
  optionalText,
  requiredText,
  timeZoneSchema,
} from '../../../shared/schemas/common.ts';
import { PEOPLE_CSV_COLUMNS } from '../../../shared/schemas/people-imports.ts';
import type {
  ImportRejection,
  ImportRowChange,
  PeopleImportRequest,
  PeopleImportResult,
} from '../../../shared/schemas/people-imports.ts';
import { organizationPolicy } from '../organization/organization.policy.ts';
import { changeManager } from './people.service.ts';
import {
  findPeopleByEmails,
  insertPerson,
  listCurrentManagerEmails,
  listScheduledChangeDates,
  updatePersonRow,
} from './people.repository.ts';
import type { PersonRow } from './people.repository.ts';

type Column = (typeof PEOPLE_CSV_COLUMNS)[number];

/** One parsed row; a blank optional cell is undefined and means "leave unchanged". */
interface ImportRow {
  row: number;
  email: string;
  name?: string;
  title?: string;
  team?: string;
  managerEmail?: string;
  startDate?: string;
  timezone?: string;
}

const cellSchemas: Record<Exclude<Column, 'email'>, z.ZodType<string>> = {
  name: requiredText(120),
  title: optionalText(120),
  team: optionalText(120),
  manager_email: emailSchema,
  start_date: isoDateSchema,
  timezone: timeZoneSchema,
};

const FIRST_DATA_ROW = 2;

/** Parses the file into rows and the rejections found in each row on its own. */
function readRows(csv: string): { rows: ImportRow[]; rejections: ImportRejection[] } {
  let records: string[][];
  try {
    // Blank lines are kept (and skipped below) so row numbers match what a spreadsheet shows.
    records = parse(csv, { bom: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new ValidationError(`The file is not valid CSV: ${(error as Error).message}`, 'csv');
  }
  const isBlank = (cells: string[]) => cells.every((cell) => cell === '');
  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  const header = records[headerIndex];
  const body = records.slice(headerIndex + 1);
  if (!header) throw new ValidationError('The file is empty; it needs a header row.', 'csv');
  const columns = header.map((cell) => cell.toLowerCase());
  const unknown = columns.filter((c) => !(PEOPLE_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) {
    throw new ValidationError(
      `Unknown column "${unknown[0]}". The columns are: ${PEOPLE_CSV_COLUMNS.join(', ')}.`,
      'csv',
    );
  }
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw new ValidationError(`The column "${duplicate}" appears twice.`, 'csv');
  if (!columns.includes('email'))
    throw new ValidationError('The header row needs an "email" column.', 'csv');

  const rows: ImportRow[] = [];
  const rejections: ImportRejection[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    // Spreadsheets export trailing empty rows as ",,,"; they say nothing, so they are skipped.
    if (isBlank(cells)) return;
    const rowNumber = headerIndex + index + FIRST_DATA_ROW;
    const value = (column: Column) => {
      const at = columns.indexOf(column);
      return at >= 0 ? (cells[at] ?? '') : '';
    };
    const email = emailSchema.safeParse(value('email'));
    if (!email.success) {
      rejections.push({
        row: rowNumber,
        column: 'email',
        reason: value('email') ? 'is not a valid email address' : 'is required',
      });
      return;
    }
    const earlier = seen.get(email.data);
    if (earlier !== undefined) {
      rejections.push({
        row: rowNumber,
        column: 'email',
        reason: `${email.data} already appears in row ${earlier}`,
      });
      return;
    }
    seen.set(email.data, rowNumber);
    const row: ImportRow = { row: rowNumber, email: email.data };
    let isValid = true;
    for (const column of Object.keys(cellSchemas) as (keyof typeof cellSchemas)[]) {
      const raw = value(column);
      if (raw === '') continue;
      const parsed = cellSchemas[column].safeParse(raw);
      if (!parsed.success) {
        rejections.push({
          row: rowNumber,
          column,
          reason: parsed.error.issues[0]?.message ?? 'is not valid',
        });
        isValid = false;
        continue;
      }
      const key = (
        {
          name: 'name',
          title: 'title',
          team: 'team',
          manager_email: 'managerEmail',
          start_date: 'startDate',
          timezone: 'timezone',
        } as const
      )[column];
      row[key] = parsed.data;
    }
    if (isValid) rows.push(row);
  });
  return { rows, rejections };
}

/** Follows manager links from `email`; returns the loop as a list of emails when it comes back. */
function findLoop(email: string, managerOf: Map<string, string>): string[] | null {
  const path = [email];
  let current = managerOf.get(email);
  while (current !== undefined && path.length <= managerOf.size + 1) {
    if (current === email) return [...path, email];
    path.push(current);
    current = managerOf.get(current);
  }
  return null;
}

export function createPeopleImportService({
  database,
  clock,
}: {
  database: Database;
  clock: Clock;
}) {
  const { db } = database;

  return {
    /**
     * Previews or applies a people CSV. A preview never writes. Applying writes everything in one
     * transaction, or nothing when any row is rejected (ValidationError). Admins only.
     */
    async importPeople(actor: Actor, request: PeopleImportRequest): Promise<PeopleImportResult> {
      authorize(actor, organizationPolicy, 'importPeople', null);
      const today = toIsoDate(clock.now());
      const { rows, rejections } = readRows(request.csv);

      const referenced = new Set(
        rows.flatMap((r) => (r.managerEmail ? [r.email, r.managerEmail] : [r.email])),
      );
      const existing = new Map(
        (await findPeopleByEmails(db, [...referenced])).map((p) => [p.email, p]),
      );
      const inFile = new Map(rows.map((r) => [r.email, r]));
      const managerOf = await listCurrentManagerEmails(db, today);
      const managerToday = new Map(managerOf);
      const scheduled = await listScheduledChangeDates(db, today);

      const accepted: ImportRow[] = [];
      for (const row of rows) {
        const person = existing.get(row.email);
        if (!person && row.name === undefined) {
          rejections.push({ row: row.row, column: 'name', reason: 'is required for a new person' });
          continue;
        }
        if (person && !person.isActive) {
          rejections.push({
            row: row.row,
            column: 'email',
            reason: 'belongs to a deactivated person; reactivate them first',
          });
          continue;
        }
        if (row.managerEmail !== undefined) {
          if (row.managerEmail === row.email) {
            rejections.push({
              row: row.row,
              column: 'manager_email',
              reason: 'a person cannot be their own manager',
            });
            continue;
          }
          const manager = existing.get(row.managerEmail);
          if (!inFile.has(row.managerEmail) && !manager) {
            rejections.push({
              row: row.row,
              column: 'manager_email',
              reason: `no person with the email ${row.managerEmail} in this file or in Trajectory`,
            });
            continue;
          }
          if (manager && !manager.isActive) {
            rejections.push({
              row: row.row,
              column: 'manager_email',
              reason: `${row.managerEmail} is deactivated`,
            });
            continue;
          }
          const scheduledOn = scheduled.get(row.email);
          if (scheduledOn && managerToday.get(row.email) !== row.managerEmail) {
            rejections.push({
              row: row.row,
              column: 'manager_email',
              reason: `a change of manager is already scheduled from ${scheduledOn}; change it on the person's page instead`,
            });
            continue;
          }
          managerOf.set(row.email, row.managerEmail);
        }
        accepted.push(row);
      }
      for (const row of accepted) {
        const loop = row.managerEmail !== undefined ? findLoop(row.email, managerOf) : null;
        if (loop)
          rejections.push({
            row: row.row,
            column: 'manager_email',
            reason: `reporting lines would form a loop: ${loop.join(' → ')}`,
          });
      }
      rejections.sort((a, b) => a.row - b.row);

      const creates: ImportRowChange[] = [];
      const updates: ImportRowChange[] = [];
      let unchanged = 0;
      const currentManagers = await listCurrentManagerEmails(db, today);
      for (const row of accepted) {
        if (rejections.some((r) => r.row === row.row)) continue;
        const person = existing.get(row.email);
        const changes = describeChanges(row, person, currentManagers.get(row.email));
        if (!person)
          creates.push({ row: row.row, email: row.email, name: row.name ?? '', changes });
        else if (changes.length)
          updates.push({ row: row.row, email: row.email, name: row.name ?? person.name, changes });
        else unchanged += 1;
      }

      if (request.mode === 'preview') {
        return { mode: 'preview', isApplied: false, creates, updates, unchanged, rejections };
      }
      if (rejections.length) {
        throw new ValidationError(
          `${rejections.length} ${rejections.length === 1 ? 'row was' : 'rows were'} rejected, so nothing was imported. Preview the file to see why.`,
          'csv',
        );
      }
      await this.applyRows(actor, accepted, existing, currentManagers, today);
      return { mode: 'apply', isApplied: true, creates, updates, unchanged, rejections };
    },

    /** Writes accepted rows in one transaction: people first, then manager changes in two passes. */
    async applyRows(
      actor: Actor,
      rows: ImportRow[],
      existing: Map<string, PersonRow>,
      currentManagers: Map<string, string>,
      today: string,
    ): Promise<void> {
      const now = clock.now().toISOString();
      const createdBy = actor.kind === 'person' ? actor.id : null;
      await db.transaction().execute(async (trx) => {
        const ids = new Map<string, string>([...existing.values()].map((p) => [p.email, p.id]));
        const idOf = (email: string) => {
          const id = ids.get(email);
          if (!id) throw new Error(`import lost track of ${email}`);
          return id;
        };
        for (const row of rows) {
          const person = existing.get(row.email);
          if (person) {
            await updatePersonRow(trx, person.id, {
              ...(row.name !== undefined && { name: row.name }),
              ...(row.title !== undefined && { title: row.title }),
              ...(row.team !== undefined && { team: row.team }),
              ...(row.startDate !== undefined && { start_date: row.startDate }),
              ...(row.timezone !== undefined && { timezone: row.timezone }),
              updated_at: now,
            });
            continue;
          }
          const id = randomUUID();
          ids.set(row.email, id);
          await insertPerson(trx, {
            id,
            email: row.email,
            name: row.name ?? row.email,
            title: row.title ?? '',
            team: row.team ?? '',
            timezone: row.timezone ?? 'UTC',
            start_date: row.startDate ?? null,
            is_admin: false,
            is_people_team: false,
            is_active: true,
            deactivated_at: null,
            created_at: now,
            updated_at: now,
          });
        }
        const moves = rows.filter(
          (r) => r.managerEmail !== undefined && currentManagers.get(r.email) !== r.managerEmail,
        );
        // Detach first so an intermediate state never looks like a loop; the final graph was checked.
        for (const row of moves) {
          await changeManager(trx, {
            reportId: idOf(row.email),
            managerId: null,
            startsOn: today,
            createdBy,
            createdAt: now,
          });
        }
        for (const row of moves) {
          await changeManager(trx, {
            reportId: idOf(row.email),
            managerId: idOf(row.managerEmail ?? ''),
            startsOn: today,
            createdBy,
            createdAt: now,
          });
        }
      });
    },
  };
}

function describeChanges(
  row: ImportRow,
  person: PersonRow | undefined,
  currentManager: string | undefined,
): string[] {
  const changes: string[] = [];
  const compare = (label: string, next: string | undefined, current: string | null | undefined) => {
    if (next !== undefined && next !== (current ?? '')) changes.push(`${label}: ${next}`);
  };
  compare('name', row.name, person?.name);
  compare('title', row.title, person?.title);
  compare('team', row.team, person?.team);
  compare('start date', row.startDate, person?.startDate);
  compare('time zone', row.timezone, person?.timezone);
  compare('manager', row.managerEmail, currentManager);
  return changes;
}

export type PeopleImportService = ReturnType<typeof createPeopleImportService>;
