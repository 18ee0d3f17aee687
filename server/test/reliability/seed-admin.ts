import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { upsertCredentials } from '../../modules/auth/auth.repository.ts';
import { hashPassword } from '../../modules/auth/passwords.ts';
import { insertOrganization } from '../../modules/organization/organization.repository.ts';
import { insertPerson } from '../../modules/people/people.repository.ts';

/** An organisation with one admin who signs in with a password, for tests of a child server. */
export async function seedAdmin(
  database: Database,
  input: { organization: string; email: string; password: string },
): Promise<void> {
  const now = new Date().toISOString();
  const adminId = randomUUID();
  await insertOrganization(database.db, input.organization, now);
  await insertPerson(database.db, {
    id: adminId,
    email: input.email,
    name: 'Admin',
    title: '',
    team: '',
    timezone: 'UTC',
    start_date: null,
    is_admin: true,
    is_people_team: false,
    is_active: true,
    deactivated_at: null,
    created_at: now,
    updated_at: now,
  });
  await upsertCredentials(database.db, adminId, await hashPassword(input.password), now);
}
