import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../harness.ts';
import type { TestHarness } from '../harness.ts';
import { operationsOf } from './openapi-operations.ts';
import type { OpenApiDocument, Operation } from './openapi-operations.ts';

/**
 * ADR 080 as a test: every PUT/PATCH operation in the OpenAPI document either writes under a
 * version precondition (declares 428 and a 409 carrying `current`), or is listed here with the
 * reason it needs none. A new operation that is neither fails, so nobody adds a silent
 * last-writer-wins edit by accident.
 */
const NEEDS_NO_PRECONDITION: Record<string, string> = {
  'PATCH /api/people/{id}':
    'directory fields (C0) patched one by one by admins and SCIM, which cannot send versions; every change is audited',
  'PATCH /api/conversations/{id}':
    'a reschedule goes back to "proposed" and the other person confirms it again; the agenda is edited before the meeting by its proposer',
  'PUT /api/conversations/{id}/prep/answers/{key}': "the engineer's own private draft: one author",
  'PATCH /api/conversations/{id}/manager-prep':
    "the manager's own checklist and talking points: one author",
  'PUT /api/conversations/{id}/private-note': 'a private note: one author',
  'PUT /api/people/{id}/private-note': "a manager's private note: one author",
  'PATCH /api/action-items/{id}':
    'single-field state changes (done, due date) that are idempotent; the owner edits the text',
  'PUT /api/what-matters/{id}/share': 'an idempotent on/off switch of the owner',
  'PATCH /api/reminder-preferences': "the person's own preferences: one author",
  'PUT /api/contract-handovers/{id}': "the outgoing manager's own handover note: one author",
  'PUT /api/assessments/{id}/ratings': "each side's own blind ratings: one author per side",
};

/**
 * Shared settings that ADR 080 covers but whose owners have not added the precondition yet.
 * Listed so the gap is visible; the test fails as soon as one gains it (then move it out).
 */
const AWAITING_PRECONDITION: Record<string, string> = {};

describe('version preconditions on shared, editable records (ADR 080)', () => {
  let t: TestHarness;
  let writes: Operation[] = [];
  beforeAll(async () => {
    t = await createTestHarness();
    const doc = (await t.agent().get<OpenApiDocument>('/api/openapi.json')).body;
    writes = operationsOf(doc).filter((op) => op.method === 'PUT' || op.method === 'PATCH');
  });
  afterAll(() => t.close());

  it('classifies every PUT and PATCH operation of the document', () => {
    const unclassified = writes
      .filter((op) => !op.responses.has(428))
      .map((op) => op.key)
      .filter((key) => !(key in NEEDS_NO_PRECONDITION) && !(key in AWAITING_PRECONDITION));
    expect(
      unclassified,
      'a PUT/PATCH without 428: add the version precondition (ADR 080) or list it here with the reason',
    ).toEqual([]);
    const stale = Object.keys({ ...NEEDS_NO_PRECONDITION, ...AWAITING_PRECONDITION }).filter(
      (key) => !writes.some((op) => op.key === key && !op.responses.has(428)),
    );
    expect(stale, 'listed operations that no longer exist or now have a precondition').toEqual([]);
    const awaiting = Object.keys(AWAITING_PRECONDITION);
    if (awaiting.length)
      console.warn(`ADR 080: still without a precondition: ${awaiting.join(', ')}`);
  });

  it('documents the current version in the 409 of every guarded write', () => {
    const guarded = writes.filter((op) => op.responses.has(428));
    expect(guarded.length).toBeGreaterThanOrEqual(9);
    for (const op of guarded) {
      const conflict = op.responses.get(409);
      expect(conflict?.properties?.current, `${op.key}: 409 must carry "current"`).toBeDefined();
      const hasIfMatch = op.parameters.some((p) => p.in === 'header' && /^if-match$/i.test(p.name));
      const hasBodyVersion = Boolean(
        op.body?.properties?.baseVersion ?? op.body?.properties?.version,
      );
      expect(hasIfMatch || hasBodyVersion, `${op.key}: no way to send the version`).toBe(true);
    }
  });
});
