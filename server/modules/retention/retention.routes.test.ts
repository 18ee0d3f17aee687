import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionSettings } from '../../../shared/schemas/retention.ts';
import { systemActor } from '../../policies/actor.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { Agent, TestHarness } from '../../test/harness.ts';

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
  current?: RetentionSettings;
}

const keepAll = { privateReflectionsMonths: null, formerEmployeesMonths: null };

describe('retention settings', () => {
  let t: TestHarness;
  let admin: Agent;
  let member: Agent;
  let peopleTeam: Agent;
  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.agentFor(await t.buildPerson({ name: 'Ada Admin', isAdmin: true }));
    member = await t.agentFor(await t.buildPerson());
    peopleTeam = await t.agentFor(await t.buildPerson({ isPeopleTeam: true }));
  });
  afterAll(() => t.close());

  it('keeps everything until an admin sets a period', async () => {
    const response = await admin.get<RetentionSettings>('/api/retention-settings');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...keepAll, updatedAt: null, updatedBy: null, version: 0 });
    expect(response.headers.get('etag')).toBe('"0"');
  });

  it('answers 401 to the anonymous and 403 to anyone but admins, for reading and writing', async () => {
    expect((await t.agent().get('/api/retention-settings')).status).toBe(401);
    expect((await t.agent().put('/api/retention-settings', keepAll)).status).toBe(401);
    for (const agent of [member, peopleTeam]) {
      expect((await agent.get('/api/retention-settings')).status).toBe(403);
      const put = await agent.put('/api/retention-settings', { ...keepAll, baseVersion: 0 });
      expect(put.status).toBe(403);
    }
  });

  it('refuses periods out of bounds, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...keepAll, privateReflectionsMonths: 2 }, 'privateReflectionsMonths'],
      [{ ...keepAll, privateReflectionsMonths: 121 }, 'privateReflectionsMonths'],
      [{ ...keepAll, privateReflectionsMonths: 6.5 }, 'privateReflectionsMonths'],
      [{ ...keepAll, formerEmployeesMonths: 0 }, 'formerEmployeesMonths'],
      [{ ...keepAll, formerEmployeesMonths: '12' }, 'formerEmployeesMonths'],
      [{ privateReflectionsMonths: null }, 'formerEmployeesMonths'],
      [{ ...keepAll, isEverything: true }, 'isEverything'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.put<ErrorBody>('/api/retention-settings', {
        ...body,
        baseVersion: 0,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.field, JSON.stringify(body)).toBe(field);
    }
  });

  it('asks for the version the edit started from (428), and refuses a stale one with the current settings (409)', async () => {
    const missing = await admin.put<ErrorBody>('/api/retention-settings', keepAll);
    expect(missing.status).toBe(428);
    expect(missing.body).toMatchObject({ error: 'precondition_required', field: 'baseVersion' });

    const saved = await admin.put<RetentionSettings>('/api/retention-settings', {
      privateReflectionsMonths: 12,
      formerEmployeesMonths: 6,
      baseVersion: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      privateReflectionsMonths: 12,
      formerEmployeesMonths: 6,
      updatedBy: { name: 'Ada Admin' },
      version: 1,
    });

    const stale = await admin.put<ErrorBody>('/api/retention-settings', {
      ...keepAll,
      baseVersion: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: 'stale_version',
      current: { privateReflectionsMonths: 12, formerEmployeesMonths: 6, version: 1 },
    });

    const byHeader = await admin.request<RetentionSettings>(
      'PUT',
      '/api/retention-settings',
      { privateReflectionsMonths: null, formerEmployeesMonths: 24 },
      { 'if-match': '"1"' },
    );
    expect(byHeader.status).toBe(200);
    expect(byHeader.body).toMatchObject({
      privateReflectionsMonths: null,
      formerEmployeesMonths: 24,
      version: 2,
    });
    expect((await admin.get<RetentionSettings>('/api/retention-settings')).body.version).toBe(2);
  });

  it('records each change and each pass on the audit trail, without values', async () => {
    await t.services.retention.runPass(systemActor);
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_role', 'reason'])
      .where('action', 'in', ['retention_settings.update', 'retention.pass'])
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'retention_settings.update',
      'retention_settings.update',
      'retention.pass',
    ]);
    expect(events[2]).toMatchObject({
      actor_role: 'system',
      reason: 'private reflections 0; former employees 0; rows deleted 0; rows stripped 0',
    });
  });

  it('runs the pass for the system only', async () => {
    await expect(
      t.services.retention.runPass({ kind: 'person', id: 'x', isAdmin: true, isPeopleTeam: true }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
