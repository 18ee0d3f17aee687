import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../test/harness.ts';
import type { TestHarness } from '../test/harness.ts';

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

describe('route coverage: every operation that is not public answers 401 to the anonymous', () => {
  let t: TestHarness;
  let operations: { method: string; path: string; isPublic: boolean }[] = [];
  beforeAll(async () => {
    t = await createTestHarness();
    const document = (await t.agent().get<OpenApiDocument>('/api/openapi.json')).body;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, SAMPLE_ID),
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
      })),
    );
  });
  afterAll(() => t.close());

  it('documents a handful of public operations and many protected ones', () => {
    const publicOnes = operations
      .filter((op) => op.isPublic)
      .map((op) => `${op.method} ${op.path}`);
    expect(publicOnes.length).toBeLessThanOrEqual(12);
    expect(operations.filter((op) => !op.isPublic).length).toBeGreaterThan(20);
  });

  it('refuses each protected operation with 401 before looking at its input, even with a bad body', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => !o.isPublic && o.path.startsWith('/api/'))) {
      const response = await t
        .agent()
        .request(
          op.method,
          op.path.replace(SAMPLE_ID, 'not-a-uuid'),
          op.method === 'GET' || op.method === 'DELETE' ? undefined : '{"unexpected":',
        );
      if (response.status !== 401) failures.push(`${op.method} ${op.path} → ${response.status}`);
    }
    expect(failures).toEqual([]);
    console.warn(
      `route coverage: ${operations.filter((o) => !o.isPublic).length} protected operations answer 401 to the anonymous`,
    );
  });

  it('still answers JSON 404 for an API route that does not exist', async () => {
    expect((await t.agent().get('/api/definitely-not-a-route')).status).toBe(404);
  });
});
