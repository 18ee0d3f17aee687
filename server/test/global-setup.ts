import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dropDatabase, openDatabase, recreatePostgresDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateUrl: string;
  }
}

/** Migrates one template database per run; each test file then clones it (see harness.ts). */
export default async function setup(project: TestProject) {
  const engine = process.env.TEST_DB_ENGINE ?? project.config.env?.TEST_DB_ENGINE ?? 'sqlite';
  let templateUrl: string;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const base = new URL(
      process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    base.pathname = `/trajectory_tpl_${randomBytes(4).toString('hex')}`;
    templateUrl = base.toString();
    await recreatePostgresDatabase(templateUrl);
    cleanup = () => dropDatabase(templateUrl);
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trajectory-test-'));
    templateUrl = `file:${path.join(dir, 'template.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const database = await openDatabase(templateUrl, { poolSize: 1 });
  await migrateToLatest(database);
  await database.close();
  project.provide('templateUrl', templateUrl);
  return cleanup;
}
