import type {
  PersonAbilities,
  PersonDetail,
  PersonSummary,
  ReportingLine,
} from '../../../shared/schemas/people.ts';
import type { PersonListRow, PersonRow, ReportingLineRow } from './people.repository.ts';

export function presentPersonSummary(row: PersonListRow): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    title: row.title,
    team: row.team,
    isActive: row.isActive,
    manager: row.managerId && row.managerName ? { id: row.managerId, name: row.managerName } : null,
    reportCount: row.reportCount,
  };
}

export function presentReportingLine(row: ReportingLineRow): ReportingLine {
  return {
    id: row.id,
    report: { id: row.reportId, name: row.reportName },
    manager: { id: row.managerId, name: row.managerName },
    startsOn: row.startsOn,
    endsOn: row.endsOn,
  };
}

export function presentPersonDetail(input: {
  person: PersonRow;
  currentLine: ReportingLineRow | undefined;
  reports: { id: string; name: string }[];
  history: ReportingLineRow[];
  abilities: PersonAbilities;
}): PersonDetail {
  const { person } = input;
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    title: person.title,
    team: person.team,
    isActive: person.isActive,
    timezone: person.timezone,
    startDate: person.startDate,
    isAdmin: person.isAdmin,
    isPeopleTeam: person.isPeopleTeam,
    hasPassword: person.hasPassword,
    createdAt: person.createdAt,
    manager: input.currentLine
      ? { id: input.currentLine.managerId, name: input.currentLine.managerName }
      : null,
    reportCount: input.reports.length,
    reports: input.reports,
    reportingHistory: input.history.map(presentReportingLine),
    abilities: input.abilities,
  };
}

/** Opaque cursor for name-ordered pages. */
export function encodeCursor(after: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([after.name, after.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { name: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through: a malformed cursor is a validation error for the caller
  }
  return null;
}
