import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const sqlRating = sql`rating is null or rating in ('demonstrating_consistently', 'showing_signs', 'gap')`;
const sqlSide = sql`side in ('engineer', 'manager')`;

/**
 * Career frameworks (framework → version → tracks → levels, competencies, criteria), placements
 * of people on levels, and blind ladder assessments. An assessment is revealed exactly when both
 * of its sides are submitted; that is derived, never stored, so two people submitting at once
 * cannot leave it half revealed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('builtin_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('framework_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('framework_id', 'text', (c) =>
      c.notNull().references('frameworks.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('activated_at', 'timestamptz')
    .addUniqueConstraint('framework_versions_number_uq', ['framework_id', 'number'])
    .execute();

  await db.schema
    .createTable('framework_tracks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('framework_tracks_key_uq', ['version_id', 'key'])
    .execute();

  await db.schema
    .createTable('framework_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('track_id', 'text', (c) =>
      c.notNull().references('framework_tracks.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('framework_levels_key_uq', ['track_id', 'key'])
    .execute();

  await db.schema
    .createTable('framework_competencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('framework_competencies_key_uq', ['version_id', 'key'])
    .execute();

  await db.schema
    .createTable('framework_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('level_id', 'text', (c) =>
      c.notNull().references('framework_levels.id').onDelete('cascade'),
    )
    .addColumn('competency_id', 'text', (c) =>
      c.notNull().references('framework_competencies.id').onDelete('cascade'),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('examples_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('framework_criteria_version_idx')
    .on('framework_criteria')
    .columns(['version_id', 'position'])
    .execute();
  await db.schema
    .createIndex('framework_criteria_level_idx')
    .on('framework_criteria')
    .column('level_id')
    .execute();

  await db.schema
    .createTable('placements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('framework_versions.id'))
    .addColumn('track_id', 'text', (c) => c.notNull().references('framework_tracks.id'))
    .addColumn('level_id', 'text', (c) => c.notNull().references('framework_levels.id'))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('placements_person_idx')
    .on('placements')
    .columns(['person_id', 'effective_on'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('framework_versions.id'))
    .addColumn('target_level_id', 'text', (c) => c.notNull().references('framework_levels.id'))
    .addColumn('based_on_id', 'text', (c) => c.references('assessments.id').onDelete('set null'))
    .addColumn('started_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessments_person_idx')
    .on('assessments')
    .columns(['person_id', 'created_at'])
    .execute();

  // Criterion text is copied so an assessment reads the same after the framework's wording changes.
  await db.schema
    .createTable('assessment_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('criterion_id', 'text', (c) =>
      c.references('framework_criteria.id').onDelete('set null'),
    )
    .addColumn('competency_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('examples_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_items_assessment_idx')
    .on('assessment_items')
    .column('assessment_id')
    .execute();

  await db.schema
    .createTable('assessment_sides')
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('side', 'text', (c) => c.notNull().check(sqlSide))
    .addColumn('author_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_sides_pk', ['assessment_id', 'side'])
    .execute();

  await db.schema
    .createTable('assessment_ratings')
    .addColumn('item_id', 'text', (c) =>
      c.notNull().references('assessment_items.id').onDelete('cascade'),
    )
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('side', 'text', (c) => c.notNull().check(sqlSide))
    .addColumn('rating', 'text', (c) => c.check(sqlRating))
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_ratings_pk', ['item_id', 'side'])
    .execute();
}
