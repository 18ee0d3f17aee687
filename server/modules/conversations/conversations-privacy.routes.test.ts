import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness } from '../../test/harness.ts';
import type { ActionItem } from '../../../shared/schemas/conversations.ts';
import { conversationKinds } from '../../../shared/schemas/conversations.ts';
import {
  buildCast,
  createConversationHarness,
  completeConversation,
  createWhatMatters,
  roles,
  scheduleConversation,
  validWhatMatters,
} from './conversations.fixtures.ts';
import type { Cast, Role } from './conversations.fixtures.ts';

const canary = (label: string) => `CANARY-${label}-${randomUUID()}`;

/**
 * Plants a canary in every private field (C5, C6, unshared C4) and in the shared record (C2),
 * then reads every GET operation in the OpenAPI document as every role with every id we know.
 */
describe('private content never reaches anyone but its author', () => {
  let t: TestHarness;
  let cast: Cast;
  const planted: { text: string; readers: Role[] }[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createConversationHarness();
    cast = await buildCast(t);
    const { agents, people } = cast;
    const plant = (label: string, readers: Role[]) => {
      const text = canary(label);
      planted.push({ text, readers });
      return text;
    };

    const c = await scheduleConversation(agents.manager, people.engineer.id, {
      kind: 'performance',
      agenda: plant('C2-agenda', ['engineer', 'manager']),
    });
    const base = `/api/conversations/${c.id}`;
    const ok = async (promise: Promise<{ status: number; body: unknown }>) => {
      const response = await promise;
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      return response;
    };
    await ok(
      agents.engineer.put(`${base}/prep/answers/p1`, { answer: plant('C5-draft', ['engineer']) }),
    );
    await ok(
      agents.engineer.put(`${base}/prep/answers/p2`, {
        answer: plant('C2-shared-prep', ['engineer', 'manager']),
      }),
    );
    await ok(agents.engineer.post(`${base}/prep/shares`, { keys: ['p2'] }));
    await ok(agents.engineer.put(`${base}/private-note`, { body: plant('C5-note', ['engineer']) }));
    await ok(agents.manager.put(`${base}/private-note`, { body: plant('C6-note', ['manager']) }));
    await ok(
      agents.manager.patch(`${base}/manager-prep`, {
        talkingPoints: plant('C6-talking', ['manager']),
      }),
    );
    await ok(
      agents.manager.put(`/api/people/${people.engineer.id}/private-note`, {
        body: plant('C6-person', ['manager']),
      }),
    );
    await ok(
      agents.manager.put(`${base}/shared-notes`, {
        text: plant('C2-notes', ['engineer', 'manager']),
        version: 0,
      }),
    );
    const item = await ok(
      agents.engineer.post(`${base}/action-items`, {
        owner: 'engineer',
        text: plant('C2-action', ['engineer', 'manager']),
      }),
    );
    await completeConversation(agents.manager, c.id);
    const { draftVersion } = (await agents.manager.get<{ draftVersion: number }>(`${base}/summary`))
      .body;
    await ok(
      agents.manager.put(`${base}/summary/draft`, {
        discussed: plant('C2-draft', ['manager']),
        baseVersion: draftVersion,
      }),
    );
    const hidden = await createWhatMatters(agents.engineer, {
      values: validWhatMatters.values.map((v, i) =>
        i === 0 ? { ...v, note: plant('C4-private', ['engineer']) } : v,
      ),
    });
    const shared = await createWhatMatters(agents.engineer, {
      values: validWhatMatters.values.map((v, i) =>
        i === 0 ? { ...v, note: plant('C4-shared', ['engineer', 'manager']) } : v,
      ),
    });
    await ok(agents.engineer.put(`/api/what-matters/${shared.id}/share`, {}));
    const later = await scheduleConversation(agents.manager, people.engineer.id);
    ids.push(
      c.id,
      later.id,
      (item.body as ActionItem).id,
      hidden.id,
      shared.id,
      ...Object.values(people).map((p) => p.id),
    );
  });
  afterAll(() => t.close());

  async function crawl(agent: Agent): Promise<{ url: string; status: number; text: string }[]> {
    const doc = await cast.agents.admin.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    const urls = new Set<string>(['/api/conversations', '/api/action-items']);
    for (const [path, operations] of Object.entries(doc.body.paths)) {
      if (!('get' in operations) || path.includes('openapi') || path.includes('/docs')) continue;
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (params.length === 0) urls.add(path);
      else if (params.length === 1 && params[0] === 'kind')
        for (const kind of conversationKinds) urls.add(path.replace('{kind}', kind));
      else if (params.length === 1) for (const id of ids) urls.add(path.replace(/\{\w+\}/, id));
    }
    const seen = [];
    for (const url of urls) {
      const response = await agent.get(url);
      seen.push({ url, status: response.status, text: JSON.stringify(response.body) });
    }
    return seen;
  }

  for (const role of roles) {
    it(`as ${role}`, async () => {
      const responses = await crawl(cast.agents[role]);
      expect(responses.length).toBeGreaterThan(40);
      expect(responses.every((r) => r.status < 500)).toBe(true);
      const all = responses.map((r) => `${r.url} ${r.text}`).join('\n');
      for (const { text, readers } of planted) {
        const label = text.split('-').slice(1, 3).join('-');
        if (readers.includes(role)) expect(all, `${role} should read ${label}`).toContain(text);
        else {
          const leak = responses.find((r) => r.text.includes(text));
          expect(leak?.url, `${label} leaked to ${role}`).toBeUndefined();
        }
      }
    });
  }
});
