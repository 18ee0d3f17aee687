import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness, TestPerson } from '../../test/harness.ts';
import {
  findLineInForce,
  insertLine,
  listCurrentManagerEmails,
  listLineStartDatesAfter,
  listManagerChain,
  listPeopleRows,
  listReportsOn,
  listScheduledChangeDates,
} from './people.repository.ts';

describe('reporting-line queries', () => {
  let t: TestHarness;
  let ceo: TestPerson;
  let vp: TestPerson;
  let lead: TestPerson;
  let dev: TestPerson;

  const line = (reportId: string, managerId: string, startsOn: string, endsOn: string | null) =>
    t.db
      .insertInto('reporting_lines')
      .values({
        id: randomUUID(),
        report_id: reportId,
        manager_id: managerId,
        starts_on: startsOn,
        ends_on: endsOn,
        created_at: '2026-01-01T00:00:00.000Z',
        created_by: null,
      })
      .execute();

  beforeAll(async () => {
    t = await createTestHarness();
    ceo = await t.buildPerson({ name: 'Ceo', email: 'ceo@example.test' });
    vp = await t.buildPerson({ name: 'Vp', email: 'vp@example.test' });
    lead = await t.buildPerson({ name: 'Lead', email: 'lead@example.test' });
    dev = await t.buildPerson({ name: 'Dev', email: 'dev@example.test' });
    await line(vp.id, ceo.id, '2025-01-01', '2027-01-01');
    await line(lead.id, vp.id, '2025-01-01', '2026-03-01');
    await line(lead.id, ceo.id, '2026-03-01', null);
    await line(dev.id, lead.id, '2025-06-01', null);
    await insertLine(t.db, {
      id: randomUUID(),
      reportId: vp.id,
      managerId: lead.id,
      startsOn: '2027-01-01',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: null,
    });
  });
  afterAll(() => t.close());

  it('treats a line as in force from its first day up to, not including, its end', async () => {
    expect((await findLineInForce(t.db, lead.id, '2025-01-01'))?.managerId).toBe(vp.id);
    expect((await findLineInForce(t.db, lead.id, '2026-02-28'))?.managerId).toBe(vp.id);
    expect((await findLineInForce(t.db, lead.id, '2026-03-01'))?.managerId).toBe(ceo.id);
    expect(await findLineInForce(t.db, lead.id, '2024-12-31')).toBeUndefined();
    expect(await findLineInForce(t.db, ceo.id, '2026-03-01')).toBeUndefined();
  });

  it('walks the manager chain as it was on a date, nearest first', async () => {
    expect(await listManagerChain(t.db, dev.id, '2026-02-01')).toEqual([lead.id, vp.id, ceo.id]);
    expect(await listManagerChain(t.db, dev.id, '2026-03-01')).toEqual([lead.id, ceo.id]);
    expect(await listManagerChain(t.db, dev.id, '2025-05-31')).toEqual([]);
    expect(await listManagerChain(t.db, ceo.id, '2026-03-01')).toEqual([]);
  });

  it('follows a change scheduled for a later date', async () => {
    expect(await listManagerChain(t.db, vp.id, '2027-01-01')).toEqual([lead.id, ceo.id]);
  });

  it('lists reports and current managers on a date', async () => {
    expect((await listReportsOn(t.db, vp.id, '2026-02-01')).map((r) => r.id)).toEqual([lead.id]);
    expect(await listReportsOn(t.db, vp.id, '2026-03-01')).toEqual([]);
    const managers = await listCurrentManagerEmails(t.db, '2026-03-02');
    expect(Object.fromEntries(managers)).toEqual({
      'vp@example.test': 'ceo@example.test',
      'lead@example.test': 'ceo@example.test',
      'dev@example.test': 'lead@example.test',
    });
  });

  it('finds the dates of scheduled changes', async () => {
    expect(await listLineStartDatesAfter(t.db, '2025-12-31')).toEqual(['2026-03-01', '2027-01-01']);
    expect(await listLineStartDatesAfter(t.db, '2027-01-01')).toEqual([]);
    expect(Object.fromEntries(await listScheduledChangeDates(t.db, '2026-03-02'))).toEqual({
      'vp@example.test': '2027-01-01',
    });
  });

  it('lists the directory with the manager and report count in force on a date', async () => {
    const rows = await listPeopleRows(t.db, {
      includeInactive: false,
      limit: 10,
      today: '2026-02-01',
    });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.Lead).toMatchObject({ managerId: vp.id, managerName: 'Vp', reportCount: 1 });
    expect(byName.Vp).toMatchObject({ managerId: ceo.id, reportCount: 1 });
    expect(byName.Ceo).toMatchObject({ managerId: null, reportCount: 1 });
    const later = await listPeopleRows(t.db, {
      includeInactive: false,
      limit: 10,
      today: '2026-03-01',
    });
    expect(Object.fromEntries(later.map((r) => [r.name, r.reportCount]))).toEqual({
      Ceo: 2,
      Dev: 0,
      Lead: 1,
      Vp: 0,
    });
    const top = await listPeopleRows(t.db, {
      includeInactive: false,
      isTopLevel: true,
      limit: 10,
      today: '2026-03-01',
    });
    expect(top.map((r) => r.name)).toEqual(['Ceo']);
  });

  it('stops walking a chain that loops, should one ever be stored', async () => {
    const x = await t.buildPerson();
    const y = await t.buildPerson();
    await line(x.id, y.id, '2025-01-01', null);
    await line(y.id, x.id, '2025-01-01', null);
    const chain = await listManagerChain(t.db, x.id, '2026-01-01');
    expect(chain.length).toBe(64);
    expect(chain.slice(0, 3)).toEqual([y.id, x.id, y.id]);
  });
});
