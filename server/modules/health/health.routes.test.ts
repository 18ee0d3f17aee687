import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { healthRoutes } from './health.routes.ts';

describe('GET /api/health', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
  });
  afterAll(() => t.close());

  it('answers ok without signing in when the database answers', async () => {
    const response = await t.agent().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers JSON 404 for an unknown API route', async () => {
    const response = await t.agent().get('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });

  it('publishes the OpenAPI document', async () => {
    const response = await t
      .agent()
      .get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toContain('/api/people');
  });
});

describe('GET /api/health when the database does not answer', () => {
  it('answers 503 in the error format', async () => {
    const app = healthRoutes({
      ping: async () => {
        throw new Error('connection refused');
      },
    });
    const response = await app.request('/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: 'unavailable',
      message: 'The database does not answer.',
    });
  });
});

describe('the API edge', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
  });
  afterAll(() => t.close());

  it('answers JSON 404 for unknown routes with any method', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      const response = await t.agent().request(method, '/api/no-such-thing', {});
      expect(response.status, method).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found' });
    }
  });

  it('refuses a body over the size limit with 413 before parsing it', async () => {
    const response = await t
      .agent()
      .post('/api/sessions', { email: 'a@example.test', password: 'x'.repeat(7 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: 'too_large' });
  });

  it('tags every response with a request id', async () => {
    const response = await t.agent().get('/api/health');
    expect(response.headers.get('x-request-id')).toMatch(/.{8,}/);
  });
});
