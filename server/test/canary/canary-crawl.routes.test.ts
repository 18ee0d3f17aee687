import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKinds } from '../../../shared/schemas/conversations.ts';
import { createLogger } from '../../logger.ts';
import { buildWorld, cloneAgent, subjects } from '../access-matrix/world.ts';
import type { Subject, World } from '../access-matrix/world.ts';
import { seedCanaries } from './canary-seed.ts';
import type { Canary, SeededIds } from './canary-seed.ts';

/**
 * The canary crawl (issue 7, security.md §9): a unique string in every C2–C6 field of a seeded
 * organisation; then, for every subject, every GET operation of the OpenAPI document with its
 * path parameters filled from the seed, list filters and a search, the subject's own export, every
 * email addressed to them and their calendar feed. A canary may appear only where its class lets
 * that subject read it. The server log and the audit trail may hold no canary at all.
 */

interface Seen {
  where: string;
  text: string;
}

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});

/** Which seeded ids fill a path parameter, by the collection the path names. */
function idsFor(path: string, ids: SeededIds, w: World): string[] {
  const collection = /\/api\/([a-z-]+)\/\{/.exec(path)?.[1] ?? '';
  const pools: Record<string, string[]> = {
    people: Object.values(w.people).map((p) => p.id),
    conversations: ids.conversations,
    'action-items': ids.actionItems,
    'what-matters': ids.whatMatters,
    assessments: ids.assessments,
    'framework-versions': [w.ids.frameworkVersion],
    contracts: ids.contracts,
    'contract-handovers': ids.handovers,
  };
  return pools[collection] ?? [...Object.values(pools).flat()];
}

async function crawlApi(
  w: World,
  subject: Subject,
  ids: SeededIds,
  paths: string[],
): Promise<Seen[]> {
  const urls = new Set<string>([
    '/api/conversations?status=completed',
    `/api/conversations?engineerId=${w.people.engineer.id}`,
    `/api/action-items?engineerId=${w.people.engineer.id}`,
    '/api/action-items?isOpen=false',
    '/api/people?query=CANARY',
    `/api/people?managerId=${w.people.manager.id}`,
    '/api/audit-events?limit=200',
  ]);
  for (const path of paths) {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    if (params.length === 0) urls.add(path);
    else if (params.length === 1 && params[0] === 'kind')
      for (const kind of conversationKinds) urls.add(path.replace('{kind}', kind));
    else if (params.length === 1 && params[0] === 'id')
      for (const id of idsFor(path, ids, w)) urls.add(path.replace('{id}', id));
    else if (params.length === 1 && params[0] === 'key')
      for (const key of [...Object.values(w.people).map((p) => p.id), 'other'])
        urls.add(path.replace('{key}', key));
    else if (params.includes('token'))
      continue; // each subject's own feed is crawled below
    else throw new Error(`the crawl does not know how to fill ${path}`);
  }
  const agent = cloneAgent(w.t, w.agents[subject]);
  const seen: Seen[] = [];
  for (const url of urls) {
    const response = await agent.get(url);
    expect(response.status, `${subject} GET ${url}`).toBeLessThan(500);
    seen.push({
      where: `GET ${url}`,
      text: typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
    });
  }
  return seen;
}

/** The subject's own export, as zip (both files) and JSON. */
async function crawlExport(w: World, subject: Subject): Promise<Seen[]> {
  if (subject === 'anonymous') return [];
  const person = w.people[subject];
  const response = await w.t.app.request(`/api/people/${person.id}/export`, {
    headers: { cookie: w.agents[subject].cookie ?? '' },
  });
  if (response.status !== 200) return [];
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return Object.entries(files).map(([name, bytes]) => ({
    where: `export ${name}`,
    text: strFromU8(bytes),
  }));
}

describe('canary crawl: no private content reaches anyone its class does not allow', () => {
  let w: World;
  let canaries: Canary[] = [];
  let ids: SeededIds;
  let getPaths: string[] = [];
  const found = new Map<Subject, Seen[]>();
  let requests = 0;

  beforeAll(async () => {
    w = await buildWorld({ logger: createLogger('debug', logStream) });
    ({ canaries, ids } = await seedCanaries(w, (label) => `CANARY-${label}-${randomUUID()}`));
    const doc = await w.agents.admin.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    getPaths = Object.entries(doc.body.paths)
      .filter(
        ([path, operations]) =>
          'get' in operations && !path.includes('openapi') && !path.includes('/docs'),
      )
      .map(([path]) => path);
  }, 180_000);
  afterAll(async () => {
    if (w) await w.t.close();
  });

  it.each(subjects)('as %s', async (subject) => {
    const api = await crawlApi(w, subject, ids, getPaths);
    requests += api.length;
    const seen = [...api, ...(await crawlExport(w, subject))];
    if (subject !== 'anonymous') {
      const person = w.people[subject];
      const mails = await w.t.db
        .selectFrom('outbox_messages')
        .select(['subject', 'text_body', 'html_body', 'ical_body'])
        .where((eb) =>
          eb.or([eb('recipient_id', '=', person.id), eb('to_address', '=', person.email)]),
        )
        .execute();
      for (const mail of mails)
        seen.push({ where: `email "${mail.subject}"`, text: JSON.stringify(mail) });
      for (const sent of w.t.sent.filter((m) => m.to === person.email))
        seen.push({ where: `sent mail "${sent.subject}"`, text: JSON.stringify(sent) });
      if (subject !== 'deactivated') {
        const feed = await cloneAgent(w.t, w.agents[subject]).post<{ url: string | null }>(
          '/api/calendar-feed',
        );
        if (feed.status === 201 && feed.body.url) {
          const response = await w.t.app.request(new URL(feed.body.url).pathname);
          seen.push({ where: 'calendar feed', text: await response.text() });
        }
      }
    }
    found.set(subject, seen);
    const leaks = canaries.flatMap((canary) =>
      canary.readers.includes(subject)
        ? []
        : seen
            .filter((s) => s.text.includes(canary.text))
            .map((s) => `${canary.label} in ${s.where}`),
    );
    expect(leaks, `leaks to ${subject}`).toEqual([]);
  });

  it('reaches every canary through at least one of its readers, so the crawl can see content at all', () => {
    const unseen = canaries
      .filter((canary) =>
        canary.readers.every(
          (reader) => !(found.get(reader) ?? []).some((s) => s.text.includes(canary.text)),
        ),
      )
      .map((c) => c.label);
    expect(unseen).toEqual([]);
  });

  it('keeps every canary out of the server log and the audit trail', async () => {
    const log = logLines.join('');
    expect(logLines.length).toBeGreaterThan(100);
    const audit = JSON.stringify(await w.t.db.selectFrom('audit_events').selectAll().execute());
    const inLog = canaries.filter((c) => log.includes(c.text)).map((c) => c.label);
    const inAudit = canaries.filter((c) => audit.includes(c.text)).map((c) => c.label);
    expect({ inLog, inAudit }).toEqual({ inLog: [], inAudit: [] });
    const mails = await w.t.db.selectFrom('outbox_messages').select('id').execute();
    console.warn(
      `canary crawl (${w.t.database.engine}): ${canaries.length} canaries placed; ${getPaths.length} GET operations → ${requests} requests over ${subjects.length} subjects, plus exports, ${mails.length} outbox emails, calendar feeds and ${logLines.length} log lines: 0 leaks`,
    );
  });
});
