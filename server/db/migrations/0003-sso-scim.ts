import type { Kysely } from 'kysely';

/**
 * Single sign-on (OpenID Connect settings, linked identities, logins in flight) and SCIM
 * provisioning (tokens, the SCIM view of people, manager references waiting for their person).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text')
    .addColumn('client_id', 'text')
    .addColumn('client_secret_sealed', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_jit_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_password_admins_only', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('sso_identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('sso_identities_issuer_subject_key', ['issuer', 'subject'])
    .execute();
  await db.schema
    .createIndex('sso_identities_person_idx')
    .on('sso_identities')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('sso_pending_logins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('scim_users')
    .addColumn('person_id', 'text', (c) =>
      c.primaryKey().references('people.id').onDelete('cascade'),
    )
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_name_key', 'text', (c) => c.notNull().unique())
    .addColumn('external_id', 'text')
    .addColumn('employee_number', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scim_users_external_id_idx')
    .on('scim_users')
    .column('external_id')
    .execute();
  await db.schema
    .createIndex('scim_users_employee_number_idx')
    .on('scim_users')
    .column('employee_number')
    .execute();

  await db.schema
    .createTable('scim_pending_managers')
    .addColumn('report_id', 'text', (c) =>
      c.primaryKey().references('people.id').onDelete('cascade'),
    )
    .addColumn('manager_ref', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
