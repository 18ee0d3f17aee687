import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../../test/harness.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type {
  FrameworkList,
  FrameworkVersionDetail,
  ImportPreview,
} from '../../../shared/schemas/frameworks.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/frameworks');
const fixture = (name: string) => ({
  name,
  content: readFileSync(path.join(FIXTURES, name), 'utf8'),
});

describe('framework API', () => {
  let t: TestHarness;
  let admin: TestPerson;
  let engineer: TestPerson;
  let asAdmin: Agent;
  let asEngineer: Agent;
  let list: FrameworkList;
  let active: FrameworkVersionDetail;

  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({ isAdmin: true });
    engineer = await t.buildPerson({ managerId: admin.id });
    asAdmin = await t.agentFor(admin);
    asEngineer = await t.agentFor(engineer);
    list = (await asEngineer.get<FrameworkList>('/api/frameworks')).body;
    active = (
      await asEngineer.get<FrameworkVersionDetail>(
        `/api/framework-versions/${list.activeVersionId}`,
      )
    ).body;
  });
  afterAll(() => t.close());

  it('installs and activates the built-in framework on first use', () => {
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      isBuiltIn: true,
      name: 'Trajectory engineering framework',
    });
    expect(list.abilities).toEqual({ manage: false });
    expect(active.tracks.map((tr) => tr.name)).toEqual([
      'Individual contributor',
      'Management',
      'Product',
    ]);
    expect(active.tracks[0]?.levels.map((l) => l.name)).toEqual([
      'Junior',
      'Confirmed',
      'Senior',
      'Staff',
      'Senior Staff',
      'Principal',
    ]);
    expect(active.competencies.length).toBeGreaterThanOrEqual(4);
    expect(active.competencies.length).toBeLessThanOrEqual(6);
    // Every IC level has criteria in the five core competencies.
    const core = active.competencies.filter((c) => c.key !== 'product-sense');
    for (const level of active.tracks[0]?.levels ?? []) {
      for (const competency of core) {
        expect(
          active.criteria.some((c) => c.levelId === level.id && c.competencyId === competency.id),
          `${level.name} × ${competency.name}`,
        ).toBe(true);
      }
    }
    expect(active.abilities).toEqual({ edit: false, activate: false, export: true });
  });

  it('answers 401 to the anonymous on every framework endpoint', async () => {
    const anon = t.agent();
    const id = active.id;
    const criterion = active.criteria[0]?.id ?? '';
    const responses = await Promise.all([
      anon.get('/api/frameworks'),
      anon.get(`/api/framework-versions/${id}`),
      anon.get(`/api/framework-versions/${id}/export`),
      anon.post(`/api/framework-versions/${id}/activations`, {}),
      anon.patch(`/api/framework-criteria/${criterion}`, { text: 'x' }),
      anon.post('/api/framework-imports', { mode: 'preview', files: [fixture('monzo/web.md')] }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('refuses changes to non-admins with 403', async () => {
    const criterion = active.criteria[0];
    const level = active.tracks[0]?.levels[0];
    const competency = active.competencies[0];
    const responses = await Promise.all([
      asEngineer.post(`/api/framework-versions/${active.id}/activations`, {}),
      asEngineer.patch(`/api/framework-criteria/${criterion?.id}`, { text: 'Changed' }),
      asEngineer.patch(`/api/framework-levels/${level?.id}`, { name: 'Changed' }),
      asEngineer.patch(`/api/framework-competencies/${competency?.id}`, { name: 'Changed' }),
      asEngineer.post('/api/framework-imports', {
        mode: 'preview',
        files: [fixture('monzo/web.md')],
      }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
  });

  it('answers 404 for an unknown version and 400 for a malformed id', async () => {
    const missing = await asEngineer.get(
      '/api/framework-versions/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
    expect((await asEngineer.get('/api/framework-versions/nope')).status).toBe(400);
  });

  it('lets admins edit wording of criteria, levels and competencies', async () => {
    const criterion = active.criteria[0];
    const edited = await asAdmin.patch<FrameworkVersionDetail>(
      `/api/framework-criteria/${criterion?.id}`,
      {
        text: 'Ships small changes with tests.',
        examples: ['A bug fix with a regression test.'],
        baseVersion: criterion?.version,
      },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.criteria.find((c) => c.id === criterion?.id)).toMatchObject({
      text: 'Ships small changes with tests.',
      examples: ['A bug fix with a regression test.'],
    });
    const level = await asAdmin.patch<FrameworkVersionDetail>(
      `/api/framework-levels/${active.tracks[0]?.levels[0]?.id}`,
      { code: 'E1', baseVersion: active.tracks[0]?.levels[0]?.version },
    );
    expect(level.body.tracks[0]?.levels[0]?.code).toBe('E1');
    const competency = await asAdmin.patch<FrameworkVersionDetail>(
      `/api/framework-competencies/${active.competencies[0]?.id}`,
      { name: 'Engineering craft', baseVersion: active.competencies[0]?.version },
    );
    expect(competency.body.competencies[0]?.name).toBe('Engineering craft');
    const blank = await asAdmin.patch(`/api/framework-criteria/${criterion?.id}`, { text: ' ' });
    expect(blank.status).toBe(400);
  });

  it('previews an import without storing anything, then applies it in one go', async () => {
    const preview = await asAdmin.post<ImportPreview>('/api/framework-imports', {
      mode: 'preview',
      files: [fixture('monzo/web.md')],
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      mode: 'preview',
      format: 'monzo',
      name: 'Web Engineering Framework',
      versionId: null,
    });
    expect(preview.body.tracks[0]?.levels).toHaveLength(6);
    expect(preview.body.warnings.some((w) => w.includes('sparse'))).toBe(true);
    const before = await asAdmin.get<FrameworkList>('/api/frameworks');
    expect(before.body.items).toHaveLength(1);

    const applied = await asAdmin.post<ImportPreview>('/api/framework-imports', {
      mode: 'apply',
      files: [fixture('monzo/web.md')],
    });
    expect(applied.status).toBe(200);
    expect(applied.body.versionId).toEqual(expect.any(String));
    const version = await asAdmin.get<FrameworkVersionDetail>(
      `/api/framework-versions/${applied.body.versionId}`,
    );
    expect(version.body.isActive).toBe(false);
    expect(version.body.criteria).toHaveLength(applied.body.criteriaCount);
    expect(version.body.abilities).toEqual({ edit: true, activate: true, export: true });
  });

  it('adds an import as a new version of an existing framework', async () => {
    const frameworkId = list.items[0]?.id;
    const exported = await asAdmin.get<{ content: string; fileName: string }>(
      `/api/framework-versions/${active.id}/export?format=json`,
    );
    expect(exported.status).toBe(200);
    expect(exported.body.fileName).toMatch(/\.json$/);
    const applied = await asAdmin.post<ImportPreview>('/api/framework-imports', {
      mode: 'apply',
      frameworkId,
      files: [{ name: 'framework.json', content: exported.body.content }],
    });
    expect(applied.status).toBe(200);
    expect(applied.body.format).toBe('native');
    const after = await asAdmin.get<FrameworkList>('/api/frameworks');
    const framework = after.body.items.find((f) => f.id === frameworkId);
    expect(framework?.versions.map((v) => v.number)).toEqual([2, 1]);
  });

  it('reports malformed files with their location and stores nothing', async () => {
    const response = await asAdmin.post<{ error: string; message: string; field: string }>(
      '/api/framework-imports',
      {
        mode: 'apply',
        format: 'financial-times',
        files: [{ name: 'broken.yml', content: 'name: X\nlevels:\n  - id: a\n    name: [oops\n' }],
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation');
    expect(response.body.message).toMatch(/^broken\.yml, line \d+, column \d+: is not valid YAML/);
    const unknownFramework = await asAdmin.post('/api/framework-imports', {
      mode: 'preview',
      frameworkId: '00000000-0000-4000-8000-000000000000',
      files: [fixture('monzo/web.md')],
    });
    expect(unknownFramework.status).toBe(400);
    const empty = await asAdmin.post('/api/framework-imports', { mode: 'preview', files: [] });
    expect(empty.status).toBe(400);
  });

  it('refuses content that could not be exported and imported back', async () => {
    const long = 'x'.repeat(2100);
    const content = `---\nlevels: 1\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria: ["${long}"]\n---\n`;
    const response = await asAdmin.post<{ message: string }>('/api/framework-imports', {
      mode: 'preview',
      files: [{ name: 'long.md', content }],
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(
      /long\.md: cannot be stored as a Trajectory framework: tracks\.0\.levels\.0\.criteria\.a\.0/,
    );
  });

  it('answers 401 to the anonymous on wording edits of levels and competencies', async () => {
    const anon = t.agent();
    const level = await anon.patch(`/api/framework-levels/${active.tracks[0]?.levels[0]?.id}`, {
      name: 'x',
    });
    const competency = await anon.patch(
      `/api/framework-competencies/${active.competencies[0]?.id}`,
      { name: 'x' },
    );
    expect([level.status, competency.status]).toEqual([401, 401]);
  });

  it('activates another version (admins) and keeps exactly one active', async () => {
    const frameworks = (await asAdmin.get<FrameworkList>('/api/frameworks')).body;
    const other = frameworks.items.flatMap((f) => f.versions).find((v) => !v.isActive);
    const response = await asAdmin.post<FrameworkVersionDetail>(
      `/api/framework-versions/${other?.id}/activations`,
      {},
    );
    expect(response.status).toBe(200);
    expect(response.body.isActive).toBe(true);
    const after = (await asAdmin.get<FrameworkList>('/api/frameworks')).body;
    expect(after.items.flatMap((f) => f.versions).filter((v) => v.isActive)).toHaveLength(1);
    expect(after.activeVersionId).toBe(other?.id);
  });

  it('exports YAML that imports back to the same matrix', async () => {
    const exported = await asEngineer.get<{ content: string; mediaType: string }>(
      `/api/framework-versions/${active.id}/export`,
    );
    expect(exported.body.mediaType).toBe('application/yaml');
    const preview = await asAdmin.post<ImportPreview>('/api/framework-imports', {
      mode: 'preview',
      files: [{ name: 'x.yaml', content: exported.body.content }],
    });
    expect(preview.body.criteriaCount).toBe(active.criteria.length);
    expect(preview.body.tracks.map((tr) => tr.name)).toEqual(active.tracks.map((tr) => tr.name));
  });

  it('documents every framework and career route in the OpenAPI document', async () => {
    const doc = await t.agent().get<{ paths: Record<string, unknown> }>('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/frameworks',
        '/api/framework-versions/{id}',
        '/api/framework-versions/{id}/export',
        '/api/framework-versions/{id}/activations',
        '/api/framework-criteria/{id}',
        '/api/framework-levels/{id}',
        '/api/framework-competencies/{id}',
        '/api/framework-imports',
        '/api/people/{id}/placements',
        '/api/people/{id}/assessments',
        '/api/people/{id}/gap-analysis',
        '/api/assessments/{id}',
        '/api/assessments/{id}/ratings',
        '/api/assessments/{id}/submissions',
      ]),
    );
  });
});
