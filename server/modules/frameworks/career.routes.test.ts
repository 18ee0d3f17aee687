import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../../test/harness.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type {
  AssessmentDetail,
  AssessmentList,
  FrameworkList,
  FrameworkVersionDetail,
  GapAnalysis,
  PlacementList,
} from '../../../shared/schemas/frameworks.ts';
import type { Timeline } from '../../../shared/schemas/conversations.ts';

describe('placements, assessments and gap analysis', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let director: TestPerson;
  let manager: TestPerson;
  let engineer: TestPerson;
  let peer: TestPerson;
  let otherManager: TestPerson;
  let as: Record<'admin' | 'director' | 'manager' | 'engineer' | 'peer' | 'otherManager', Agent>;
  let framework: FrameworkVersionDetail;
  let junior: string;
  let confirmed: string;
  let engineeringManager: string;

  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ isAdmin: true, name: 'Ada Admin' });
    director = await t.buildPerson({ name: 'Dee Director' });
    manager = await t.buildPerson({ name: 'Max Manager', managerId: director.id });
    otherManager = await t.buildPerson({ name: 'Olga Other', managerId: director.id });
    engineer = await t.buildPerson({ name: 'Eve Engineer', managerId: manager.id });
    peer = await t.buildPerson({ name: 'Pat Peer', managerId: manager.id });
    as = {
      admin: await t.agentFor(admin),
      director: await t.agentFor(director),
      manager: await t.agentFor(manager),
      engineer: await t.agentFor(engineer),
      peer: await t.agentFor(peer),
      otherManager: await t.agentFor(otherManager),
    };
    const list = await as.engineer.get<FrameworkList>('/api/frameworks');
    framework = (
      await as.engineer.get<FrameworkVersionDetail>(
        `/api/framework-versions/${list.body.activeVersionId}`,
      )
    ).body;
    const [ic, management] = framework.tracks;
    junior = ic?.levels[0]?.id ?? '';
    confirmed = ic?.levels[1]?.id ?? '';
    engineeringManager = management?.levels[0]?.id ?? '';
  });
  afterAll(() => t.close());

  describe('placement', () => {
    it('lets the current manager and admins place; others are refused', async () => {
      const body = { levelId: junior, effectiveOn: '2026-01-01', note: 'Joined as junior' };
      const url = `/api/people/${engineer.id}/placements`;
      expect((await t.agent().post(url, body)).status).toBe(401);
      expect((await as.engineer.post(url, body)).status).toBe(403);
      expect((await as.director.post(url, body)).status).toBe(403);
      expect((await as.peer.post(url, body)).status).toBe(404);
      expect((await as.otherManager.post(url, body)).status).toBe(404);
      const placed = await as.manager.post<PlacementList>(url, body);
      expect(placed.status).toBe(201);
      expect(placed.body.current).toMatchObject({
        level: { id: junior, name: 'Junior' },
        track: { name: 'Individual contributor' },
        note: 'Joined as junior',
        setBy: { id: manager.id, name: 'Max Manager' },
        isTrackChange: false,
      });
      const again = await as.admin.post<PlacementList>(url, {
        levelId: confirmed,
        effectiveOn: '2026-03-01',
      });
      expect(again.status).toBe(201);
      expect(again.body.current?.level.name).toBe('Confirmed');
      expect(again.body.history).toHaveLength(2);
    });

    it('keeps future placements out of "current" until their date', async () => {
      const url = `/api/people/${peer.id}/placements`;
      await as.admin.post(url, { levelId: junior, effectiveOn: '2026-01-01' });
      const future = await as.admin.post<PlacementList>(url, {
        levelId: engineeringManager,
        effectiveOn: '2026-06-01',
        note: 'Moving into management',
      });
      expect(future.body.current?.level.name).toBe('Junior');
      expect(future.body.history[0]).toMatchObject({ isTrackChange: true });
    });

    it('shows placement to the person, leaders and admins only', async () => {
      const url = `/api/people/${engineer.id}/placements`;
      expect((await t.agent().get(url)).status).toBe(401);
      for (const who of ['engineer', 'manager', 'director', 'admin'] as const)
        expect((await as[who].get(url)).status, who).toBe(200);
      for (const who of ['peer', 'otherManager'] as const)
        expect((await as[who].get(url)).status, who).toBe(404);
      const mine = await as.engineer.get<PlacementList>(url);
      expect(mine.body.abilities).toEqual({ place: false, assess: true, viewGap: true });
    });

    it('rejects levels outside the active framework and bad dates', async () => {
      const url = `/api/people/${engineer.id}/placements`;
      const wrong = await as.admin.post(url, {
        levelId: '00000000-0000-4000-8000-000000000000',
        effectiveOn: '2026-01-01',
      });
      expect(wrong.status).toBe(400);
      const badDate = await as.admin.post(url, { levelId: junior, effectiveOn: '2026-02-30' });
      expect(badDate.status).toBe(400);
      const missing = await as.admin.post(
        '/api/people/00000000-0000-4000-8000-000000000000/placements',
        { levelId: junior, effectiveOn: '2026-01-01' },
      );
      expect(missing.status).toBe(404);
    });
  });

  describe('blind ladder sync-up', () => {
    let assessment: AssessmentDetail;
    const leakMarkers = ['ENGINEER-SECRET', 'MANAGER-SECRET'];
    const others = () => [as.peer, as.otherManager, as.director, as.admin, t.agent()];

    /** Every read endpoint, as a string, for a leak check. */
    async function everythingVisibleTo(agent: Agent): Promise<string> {
      const urls = [
        `/api/assessments/${assessment.id}`,
        `/api/people/${engineer.id}/assessments`,
        `/api/people/${engineer.id}/gap-analysis`,
        `/api/people/${engineer.id}/gap-analysis?targetLevelId=${confirmed}`,
        `/api/people/${engineer.id}/placements`,
      ];
      const bodies = await Promise.all(urls.map((u) => agent.get(u)));
      return JSON.stringify(bodies.map((b) => b.body));
    }

    it('starts an assessment (engineer or manager only)', async () => {
      const url = `/api/people/${engineer.id}/assessments`;
      const body = { targetLevelId: confirmed };
      expect((await t.agent().post(url, body)).status).toBe(401);
      expect((await as.peer.post(url, body)).status).toBe(404);
      expect((await as.otherManager.post(url, body)).status).toBe(404);
      expect((await as.director.post(url, body)).status).toBe(403);
      expect((await as.admin.post(url, body)).status).toBe(403);
      const started = await as.engineer.post<AssessmentDetail>(url, body);
      expect(started.status).toBe(201);
      assessment = started.body;
      expect(assessment.items.length).toBeGreaterThan(5);
      expect(assessment).toMatchObject({
        status: 'in_progress',
        mySide: 'engineer',
        summary: null,
      });
      expect(assessment.abilities).toEqual({ rate: true, submit: true });
    });

    it('keeps each unsubmitted side visible to its author alone', async () => {
      const [first, second, ...rest] = assessment.items;
      await as.engineer.put(`/api/assessments/${assessment.id}/ratings`, {
        ratings: assessment.items.map((i) => ({
          itemId: i.id,
          rating: 'demonstrating_consistently',
          evidence: 'ENGINEER-SECRET',
        })),
      });
      const saved = await as.manager.put<AssessmentDetail>(
        `/api/assessments/${assessment.id}/ratings`,
        {
          ratings: [
            { itemId: first?.id, rating: 'gap', evidence: 'MANAGER-SECRET' },
            { itemId: second?.id, rating: 'showing_signs', evidence: 'MANAGER-SECRET' },
            ...rest.map((i) => ({
              itemId: i.id,
              rating: 'demonstrating_consistently',
              evidence: '',
            })),
          ],
        },
      );
      expect(saved.status).toBe(200);
      expect(saved.body.mySide).toBe('manager');
      expect(saved.body.items.find((i) => i.id === first?.id)?.mine?.rating).toBe('gap');

      const engineerView = await everythingVisibleTo(as.engineer);
      expect(engineerView).toContain('ENGINEER-SECRET');
      expect(engineerView).not.toContain('MANAGER-SECRET');
      const managerView = await everythingVisibleTo(as.manager);
      expect(managerView).toContain('MANAGER-SECRET');
      expect(managerView).not.toContain('ENGINEER-SECRET');
      for (const agent of others()) {
        const view = await everythingVisibleTo(agent);
        for (const marker of leakMarkers) expect(view).not.toContain(marker);
        expect(view).not.toContain('"gap"');
        expect(view).not.toContain('demonstrating_consistently');
      }
      const detail = await as.engineer.get<AssessmentDetail>(`/api/assessments/${assessment.id}`);
      expect(detail.body.items.every((i) => i.manager === null && i.engineer === null)).toBe(true);
      expect(detail.body.items.every((i) => i.isDisagreement === null)).toBe(true);
      expect(detail.body.summary).toBeNull();
    });

    it('answers 401 to the anonymous on every career endpoint', async () => {
      const anon = t.agent();
      const responses = await Promise.all([
        anon.get(`/api/people/${engineer.id}/assessments`),
        anon.get(`/api/people/${engineer.id}/gap-analysis`),
        anon.get(`/api/assessments/${assessment.id}`),
        anon.put(`/api/assessments/${assessment.id}/ratings`, { ratings: [] }),
        anon.post(`/api/assessments/${assessment.id}/submissions`, {}),
      ]);
      expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    });

    it('shows leaders and admins that it exists, never its ratings', async () => {
      for (const who of ['director', 'admin'] as const) {
        const listed = await as[who].get<AssessmentList>(`/api/people/${engineer.id}/assessments`);
        expect(listed.status).toBe(200);
        expect(listed.body.items[0]).toMatchObject({ id: assessment.id, canOpen: false });
        expect((await as[who].get(`/api/assessments/${assessment.id}`)).status).toBe(403);
        const write = await as[who].put(`/api/assessments/${assessment.id}/ratings`, {
          ratings: [],
        });
        expect(write.status).toBe(403);
      }
      for (const who of ['peer', 'otherManager'] as const) {
        expect((await as[who].get(`/api/people/${engineer.id}/assessments`)).status).toBe(404);
        expect((await as[who].get(`/api/assessments/${assessment.id}`)).status).toBe(404);
        expect(
          (await as[who].post(`/api/assessments/${assessment.id}/submissions`, {})).status,
        ).toBe(404);
      }
      expect((await t.agent().get(`/api/assessments/${assessment.id}`)).status).toBe(401);
    });

    it('refuses to submit an incomplete side', async () => {
      const fresh = await as.manager.post<AssessmentDetail>(
        `/api/people/${engineer.id}/assessments`,
        {
          targetLevelId: junior,
        },
      );
      const response = await as.manager.post<{ message: string }>(
        `/api/assessments/${fresh.body.id}/submissions`,
        {},
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/still without a rating/);
    });

    it('validates ratings and item ids', async () => {
      const url = `/api/assessments/${assessment.id}/ratings`;
      const item = assessment.items[0]?.id;
      const badRating = await as.engineer.put(url, {
        ratings: [{ itemId: item, rating: 'excellent', evidence: '' }],
      });
      expect(badRating.status).toBe(400);
      const foreign = await as.engineer.put<{ field: string }>(url, {
        ratings: [{ itemId: '00000000-0000-4000-8000-000000000000', rating: 'gap', evidence: '' }],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.field).toBe('ratings');
      const missing = await as.engineer.get(
        '/api/assessments/00000000-0000-4000-8000-000000000000',
      );
      expect(missing.status).toBe(404);
      const wrongLevel = await as.engineer.post(`/api/people/${engineer.id}/assessments`, {
        targetLevelId: '00000000-0000-4000-8000-000000000000',
      });
      expect(wrongLevel.status).toBe(400);
      const unrevealedBase = await as.engineer.post(`/api/people/${engineer.id}/assessments`, {
        targetLevelId: confirmed,
        basedOnId: assessment.id,
      });
      expect(unrevealedBase.status).toBe(409);
    });

    it('stays blind after one side submits, then reveals with disagreements first', async () => {
      const submitted = await as.engineer.post<AssessmentDetail>(
        `/api/assessments/${assessment.id}/submissions`,
        {},
      );
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('in_progress');
      expect(submitted.body.abilities).toEqual({ rate: false, submit: false });
      const locked = await as.engineer.put(`/api/assessments/${assessment.id}/ratings`, {
        ratings: [],
      });
      expect(locked.status).toBe(409);
      const managerView = await everythingVisibleTo(as.manager);
      expect(managerView).not.toContain('ENGINEER-SECRET');
      const gap = await as.engineer.get<GapAnalysis>(
        `/api/people/${engineer.id}/gap-analysis?targetLevelId=${confirmed}`,
      );
      expect(gap.body.summary.unassessed).toBe(gap.body.summary.total);

      const revealed = await as.manager.post<AssessmentDetail>(
        `/api/assessments/${assessment.id}/submissions`,
        {},
      );
      expect(revealed.status).toBe(200);
      expect(revealed.body.status).toBe('revealed');
      expect(revealed.body.revealedAt).toEqual(expect.any(String));
      const [first, second, third] = revealed.body.items;
      expect(first?.isDisagreement).toBe(true);
      expect(second?.isDisagreement).toBe(true);
      expect(third?.isDisagreement).toBe(false);
      expect(first?.engineer?.evidence).toBe('ENGINEER-SECRET');
      expect(revealed.body.summary).toMatchObject({
        disagreements: 2,
        engineer: { demonstrating_consistently: assessment.items.length, gap: 0 },
        manager: { gap: 1, showing_signs: 1 },
      });
      const engineerView = await as.engineer.get<AssessmentDetail>(
        `/api/assessments/${assessment.id}`,
      );
      expect(engineerView.body.summary?.disagreements).toBe(2);
      for (const agent of others()) {
        const view = await everythingVisibleTo(agent);
        for (const marker of leakMarkers) expect(view).not.toContain(marker);
      }
    });

    it('gives the gap analysis to the person and their manager only', async () => {
      const url = `/api/people/${engineer.id}/gap-analysis?targetLevelId=${confirmed}`;
      const gap = await as.engineer.get<GapAnalysis>(url);
      expect(gap.status).toBe(200);
      expect(gap.body.targetLevel?.name).toBe('Confirmed');
      expect(gap.body.summary).toMatchObject({ remaining: 2, unassessed: 0 });
      expect(gap.body.summary.met).toBe(gap.body.summary.total - 2);
      expect((await as.manager.get(url)).status).toBe(200);
      for (const who of ['director', 'admin', 'peer', 'otherManager'] as const)
        expect((await as[who].get(url)).status, who).toBe(404);
      expect((await t.agent().get(url)).status).toBe(401);
      const byDefault = await as.engineer.get<GapAnalysis>(
        `/api/people/${engineer.id}/gap-analysis`,
      );
      // Placed at Confirmed, so the default target is the next level, Senior.
      expect(byDefault.body.targetLevel?.name).toBe('Senior');
      expect(byDefault.body.current?.level.name).toBe('Confirmed');
    });

    it("shows the ladder sync-up on the engineer's timeline as level and dates only", async () => {
      const url = `/api/people/${engineer.id}/timeline?types=assessment`;
      for (const who of ['engineer', 'manager'] as const) {
        const timeline = await as[who].get<Timeline>(url);
        expect(timeline.status, who).toBe(200);
        const item = timeline.body.items.find((i) => i.assessmentId === assessment.id);
        expect(item, who).toMatchObject({
          type: 'assessment',
          title: 'Ladder sync-up against Confirmed revealed',
          status: 'revealed',
          at: expect.any(String),
        });
        expect(JSON.stringify(timeline.body), who).not.toMatch(/SECRET|demonstrating/);
      }
      for (const who of ['director', 'peer', 'otherManager'] as const)
        expect((await as[who].get(url)).status, who).toBe(404);
    });

    it("audits the manager's reads of ratings, never the engineer's own", async () => {
      const events = await t.db
        .selectFrom('audit_events')
        .select(['action', 'actor_id', 'target_id'])
        .where('subject_person_id', '=', engineer.id)
        .execute();
      expect(events.some((e) => e.action === 'assessment.read' && e.actor_id === manager.id)).toBe(
        true,
      );
      expect(
        events.some((e) => e.action === 'gap-analysis.read' && e.actor_id === manager.id),
      ).toBe(true);
      // Refused attempts are audited too (ADR 070); the engineer's own reads never are.
      expect(events.some((e) => e.actor_id === engineer.id && e.action !== 'authz.denied')).toBe(
        false,
      );
    });

    it('starts the next assessment from the previous one', async () => {
      const next = await as.manager.post<AssessmentDetail>(
        `/api/people/${engineer.id}/assessments`,
        {
          targetLevelId: confirmed,
          basedOnId: assessment.id,
        },
      );
      expect(next.status).toBe(201);
      expect(next.body.basedOnId).toBe(assessment.id);
      expect(next.body.items.filter((i) => i.mine?.rating === 'gap')).toHaveLength(1);
      const engineerSide = await as.engineer.get<AssessmentDetail>(
        `/api/assessments/${next.body.id}`,
      );
      expect(
        engineerSide.body.items.every((i) => i.mine?.rating === 'demonstrating_consistently'),
      ).toBe(true);
      const list = await as.engineer.get<AssessmentList>(`/api/people/${engineer.id}/assessments`);
      expect(list.body.items.length).toBe(3);
    });

    it('follows the reporting line at request time: a former manager loses access', async () => {
      const started = await as.manager.post<AssessmentDetail>(
        `/api/people/${engineer.id}/assessments`,
        {
          targetLevelId: confirmed,
        },
      );
      await as.manager.put(`/api/assessments/${started.body.id}/ratings`, {
        ratings: [
          { itemId: started.body.items[0]?.id, rating: 'gap', evidence: 'OLD-MANAGER-DRAFT' },
        ],
      });
      await as.admin.post('/api/reporting-lines', {
        reportId: engineer.id,
        managerId: otherManager.id,
        startsOn: '2026-03-02',
      });
      expect((await as.manager.get(`/api/assessments/${started.body.id}`)).status).toBe(404);
      const takeover = await as.otherManager.get<AssessmentDetail>(
        `/api/assessments/${started.body.id}`,
      );
      expect(takeover.status).toBe(200);
      expect(JSON.stringify(takeover.body)).not.toContain('OLD-MANAGER-DRAFT');
      expect(takeover.body.items.every((i) => i.mine === null)).toBe(true);
      const saved = await as.otherManager.put<AssessmentDetail>(
        `/api/assessments/${started.body.id}/ratings`,
        { ratings: [{ itemId: started.body.items[1]?.id, rating: 'showing_signs', evidence: '' }] },
      );
      expect(saved.body.items.filter((i) => i.mine !== null)).toHaveLength(1);
    });
  });

  // Last: moving the clock ends the other sessions.
  it('makes a future placement current on its date', async () => {
    t.clock.advance(100 * 24 * 3600 * 1000);
    const later = await (
      await t.agentFor(peer)
    ).get<PlacementList>(`/api/people/${peer.id}/placements`);
    expect(later.body.current?.track.name).toBe('Management');
    expect(later.body.current?.isTrackChange).toBe(true);
  });
});
