import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventPage, AuditVerification } from '../../../shared/schemas/audit.ts';
import {
  buildCast,
  createConversationHarness,
  scheduleConversation,
} from '../conversations/conversations.fixtures.ts';
import type { Cast } from '../conversations/conversations.fixtures.ts';
import type { TestHarness } from '../../test/harness.ts';
import { TEST_PASSWORD } from '../../test/harness.ts';

describe('the access log and the audit trail', () => {
  let t: TestHarness;
  let cast: Cast;
  let conversationId: string;
  beforeAll(async () => {
    t = await createConversationHarness();
    cast = await buildCast(t);
    conversationId = (await scheduleConversation(cast.agents.manager, cast.people.engineer.id)).id;
  });
  afterAll(() => t.close());

  const logOf = async (personId: string, query = '') =>
    (await cast.agents.engineer.get<AuditEventPage>(`/api/people/${personId}/access-log${query}`))
      .body;

  it("shows the engineer who read their record, by name, and never anyone's content", async () => {
    await cast.agents.manager
      .put(`/api/conversations/${conversationId}/shared-notes`, {
        text: 'A secret plan for the quarter',
        version: 0,
      })
      .then((r) => expect(r.status).toBe(200));
    expect(
      (await cast.agents.manager.get(`/api/conversations/${conversationId}/summary`)).status,
    ).toBe(200);
    const log = await logOf(cast.people.engineer.id);
    const reads = log.items.filter((e) => e.action === 'conversation.summary.read');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      actor: { id: cast.people.manager.id, name: 'Mina Manager' },
      subject: { id: cast.people.engineer.id },
      label: 'Read the summary of a conversation',
      targetType: 'conversation',
      targetId: conversationId,
      decision: 'allow',
      ip: null,
    });
    expect(JSON.stringify(log)).not.toContain('secret plan');
  });

  it('records a refused attempt on the record of the person it concerned', async () => {
    expect(
      (await cast.agents.peer.get(`/api/conversations/${conversationId}/summary`)).status,
    ).toBe(404);
    expect(
      (await cast.agents.leader.get(`/api/people/${cast.people.engineer.id}/timeline`)).status,
    ).toBe(404);
    const denials = (await logOf(cast.people.engineer.id)).items.filter(
      (e) => e.action === 'authz.denied',
    );
    expect(denials.map((e) => [e.actor?.name, e.targetType, e.decision])).toEqual([
      ['Lena Leader', 'career-record', 'deny'],
      ['Pia Peer', 'conversation-record', 'deny'],
    ]);
    expect(denials[1]?.targetId).toBe(conversationId);
  });

  it("leaves out the person's own actions unless asked, and pages newest first", async () => {
    expect(
      (await cast.agents.engineer.get(`/api/conversations/${conversationId}/summary`)).status,
    ).toBe(200);
    const others = await logOf(cast.people.engineer.id);
    expect(others.items.every((e) => e.actor?.id !== cast.people.engineer.id)).toBe(true);
    const page = await logOf(cast.people.engineer.id, '?includeOwn=true&limit=1');
    expect(page.items).toHaveLength(1);
    expect(page.nextBefore).toBe(page.items[0]?.seq);
    const next = await logOf(
      cast.people.engineer.id,
      `?includeOwn=true&limit=1&before=${page.nextBefore}`,
    );
    expect(next.items[0]?.seq).toBeLessThan(page.items[0]?.seq ?? 0);
  });

  it('is readable by the person and admins only; an admin look is itself recorded', async () => {
    const path = `/api/people/${cast.people.engineer.id}/access-log`;
    for (const role of ['manager', 'leader', 'peer', 'otherManager'] as const)
      expect((await cast.agents[role].get(path)).status, role).toBe(404);
    expect((await cast.agents.anonymous.get(path)).status).toBe(401);
    expect((await cast.agents.admin.get(path)).status).toBe(200);
    const mine = await logOf(cast.people.engineer.id);
    expect(mine.items[0]).toMatchObject({
      action: 'access_log.read',
      actor: { name: 'Ada Admin' },
    });
  });

  it('records password sign-ins and failures with the address, and sign-outs', async () => {
    const person = await t.buildPerson({ name: 'Sam Signin', password: TEST_PASSWORD });
    const wrong = await t
      .agent('198.51.100.7')
      .post('/api/sessions', { email: person.email, password: 'not it at all, sorry' });
    expect(wrong.status).toBe(401);
    const agent = t.agent('198.51.100.8');
    expect(
      (await agent.post('/api/sessions', { email: person.email, password: TEST_PASSWORD })).status,
    ).toBe(201);
    expect((await agent.delete('/api/session')).status).toBe(204);
    const unknown = await t
      .agent()
      .post('/api/sessions', { email: 'nobody@example.test', password: 'whatever it is' });
    expect(unknown.status).toBe(401);
    const trail = await cast.agents.admin.get<AuditEventPage>(
      `/api/audit-events?subjectId=${person.id}`,
    );
    expect(trail.body.items.map((e) => [e.action, e.decision, e.reason, e.ip]).reverse()).toEqual([
      ['sign_in', 'deny', 'wrong_password', '198.51.100.7'],
      ['sign_in', 'allow', null, '198.51.100.8'],
      ['sign_out', 'allow', null, '198.51.100.8'],
    ]);
    const failures = await cast.agents.admin.get<AuditEventPage>(
      '/api/audit-events?action=sign_in&decision=deny',
    );
    expect(
      failures.body.items.some((e) => e.reason === 'unknown_account' && e.subject === null),
    ).toBe(true);
    expect(JSON.stringify(failures.body)).not.toContain('nobody@example.test');
  });

  it('records role, activation and reporting-line changes made by admins', async () => {
    const person = await t.buildPerson({ name: 'Rory Roles' });
    const admin = cast.agents.admin;
    expect(
      (await admin.patch(`/api/people/${person.id}`, { isPeopleTeam: true, title: 'Lead' })).status,
    ).toBe(200);
    expect((await admin.patch(`/api/people/${person.id}`, { isActive: false })).status).toBe(200);
    expect((await admin.patch(`/api/people/${person.id}`, { isActive: true })).status).toBe(200);
    expect(
      (
        await admin.post('/api/reporting-lines', {
          reportId: person.id,
          managerId: cast.people.manager.id,
          startsOn: '2026-03-02',
        })
      ).status,
    ).toBe(201);
    const trail = await admin.get<AuditEventPage>(`/api/audit-events?subjectId=${person.id}`);
    expect(trail.body.items.map((e) => [e.action, e.reason]).reverse()).toEqual([
      ['person.roles.change', 'people team: on'],
      ['person.update', 'title'],
      ['person.deactivate', null],
      ['person.reactivate', null],
      ['reporting_line.change', 'manager Mina Manager from 2026-03-02'],
    ]);
  });

  it('lets admins alone read the whole trail and verify its chain', async () => {
    for (const role of ['engineer', 'manager', 'leader', 'peer'] as const) {
      expect((await cast.agents[role].get('/api/audit-events')).status, role).toBe(403);
      expect((await cast.agents[role].get('/api/audit-events/verification')).status, role).toBe(
        403,
      );
    }
    const verified = await cast.agents.admin.get<AuditVerification>(
      '/api/audit-events/verification',
    );
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ isIntact: true, brokenAtSeq: null });
    expect(verified.body.checked).toBeGreaterThan(10);
    const denied = await cast.agents.admin.get<AuditEventPage>(
      '/api/audit-events?action=authz.denied&limit=200',
    );
    expect(
      denied.body.items.some((e) => e.actor?.name === 'Pia Peer' && e.targetType === 'audit-trail'),
    ).toBe(true);
  });
});
