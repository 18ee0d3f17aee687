import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type { Contract } from '../../../shared/schemas/contracts.ts';
import { createConversationHarness } from '../conversations/conversations.fixtures.ts';
import { activeContract, agree, validContract } from './contracts.fixtures.ts';

/** Text of a PDF as poppler's pdftotext reads it (what a person copying from the file would get). */
function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'contract-pdf-'));
  try {
    const file = path.join(dir, 'contract.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('development contract export', () => {
  let t: TestHarness;
  let engineer: TestPerson;
  let asEngineer: Agent;
  let asManager: Agent;
  let contract: Contract;

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    const manager = await t.buildPerson({ name: 'Mina Manager' });
    engineer = await t.buildPerson({ name: 'Zoë Ødegård-Łukasik', managerId: manager.id });
    asEngineer = await t.agentFor(engineer);
    asManager = await t.agentFor(manager);
    const active = await activeContract(asEngineer, asManager, engineer.id);
    await asEngineer.post(`/api/contracts/${active.id}/check-ins`, {
      status: 'on_track',
      note: 'Proposal outline reviewed.',
    });
    const saved = await asManager.put<Contract>(`/api/contracts/${active.id}`, {
      ...validContract({ developmentGoal: 'Lead the design of the billing platform end to end.' }),
      baseVersion: 1,
    });
    expect(saved.status).toBe(200);
    contract = await agree(asEngineer, saved.body);
  });
  afterAll(() => t.close());

  it('gives the engineer Markdown with every version, the caveat and the check-ins', async () => {
    const response = await asEngineer.get<string>(
      `/api/contracts/${contract.id}/export?format=markdown`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="development-contract-2026-03-02\.md"/,
    );
    const text = response.body;
    expect(text).toContain('# Development contract — Zoë Ødegård-Łukasik');
    expect(text).toContain('## Current version (2) — waiting for both to agree');
    expect(text).toContain('Lead the design of the billing platform end to end.');
    expect(text).toContain('## Version 1');
    expect(text).toContain(validContract().developmentGoal);
    expect(text).toContain(validContract().caveat);
    expect(text).toContain('Proposal outline reviewed.');
  });

  it('gives the engineer a PDF whose extracted text holds the goal and the caveat', async () => {
    const response = await asEngineer.request(
      'GET',
      `/api/contracts/${contract.id}/export?format=pdf`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const raw = await t.app.request(`/api/contracts/${contract.id}/export?format=pdf`, {
      headers: { cookie: asEngineer.cookie ?? '' },
    });
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Zoë Ødegård-Łukasik');
    expect(text).toContain('Lead the design of the billing platform end to end.');
    expect(text).toContain(validContract().developmentGoal);
    expect(text).toContain('A staff promotion depends on the calibration budget');
    expect(text).toContain('Honest caveat');
  });

  it('is the engineer’s alone, and every export is audited without content', async () => {
    const byManager = await asManager.get(`/api/contracts/${contract.id}/export?format=pdf`);
    expect(byManager.status).toBe(403);
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id', 'subject_person_id', 'decision', 'reason'])
      .where('target_id', '=', contract.id)
      .where('action', 'like', 'contract.export%')
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'contract.export.markdown',
          actor_id: engineer.id,
          decision: 'allow',
        }),
        expect.objectContaining({
          action: 'contract.export.pdf',
          actor_id: engineer.id,
          decision: 'allow',
        }),
      ]),
    );
    expect(JSON.stringify(events)).not.toContain('billing');
    const bad = await asEngineer.get(`/api/contracts/${contract.id}/export?format=docx`);
    expect(bad).toMatchObject({ status: 400, body: { field: 'format' } });
  });
});
