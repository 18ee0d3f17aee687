import type { CompiledQuery, DialectAdapter, Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Transaction } from './client.ts';

/** Stands for one named value while a prepared query is built; never reaches the database. */
class Placeholder {
  constructor(readonly name: string) {
    Object.freeze(this);
  }

  /** Text made from a placeholder would end up in the SQL as "[object Object]": refuse it. */
  [Symbol.toPrimitive](): never {
    throw new Error(
      `prepared query: "${this.name}" was used as text while building; pass it where a value goes`,
    );
  }
}

/** Each parameter of the compiled text: a placeholder's name, or a value the query itself holds. */
type Slot = { name: string } | { value: unknown };

/** A query builder, or `sql` raw text, that compiles against a database handle. */
interface Buildable<O> {
  compile(db: Transaction): CompiledQuery<O>;
}

interface Template {
  compiled: CompiledQuery;
  slots: readonly Slot[];
}

/** A query whose shape never changes, built and compiled once per database; each run binds values. */
export interface PreparedQuery<P, O> {
  /** Every row the query returns. */
  all(db: Transaction, values: P): Promise<O[]>;
  /** The first row, or undefined. */
  first(db: Transaction, values: P): Promise<O | undefined>;
}

/**
 * Builds a query once with placeholders for its values, compiles it once per database (engine),
 * and from then on only binds values and runs it: the query builder and compiler cost more than
 * many of the queries they produce (ADR 108). `build` receives `params`, whose every property is
 * a placeholder for the value of that name; use them where a value goes (`where('id', '=',
 * params.id)`, `${params.today}` in `sql`). The shape must not depend on the values: no `in`
 * lists, no optional filters, no values read while building. A placeholder takes a value, never
 * null or undefined (`= null` matches nothing); write `is null` in the query instead.
 */
export function preparedQuery<P extends Record<string, unknown>, O>(
  build: (db: Kysely<DB>, params: P) => Buildable<O>,
): PreparedQuery<P, O> {
  const templates = new WeakMap<DialectAdapter, Template>();
  const placeholders = new Proxy({} as P, {
    get: (_target, name) => {
      if (typeof name !== 'string') throw new Error('a prepared query names its values');
      return new Placeholder(name);
    },
  });

  const templateFor = (db: Transaction): Template => {
    const adapter = db.getExecutor().adapter;
    let template = templates.get(adapter);
    if (!template) {
      const compiled = build(db, placeholders).compile(db);
      template = {
        compiled,
        slots: compiled.parameters.map((p) =>
          p instanceof Placeholder ? { name: p.name } : { value: p },
        ),
      };
      templates.set(adapter, template);
    }
    return template;
  };

  const run = async (db: Transaction, values: P): Promise<O[]> => {
    const { compiled, slots } = templateFor(db);
    const parameters = slots.map((slot) => {
      if (!('name' in slot)) return slot.value;
      const value = values[slot.name];
      if (value === undefined || value === null)
        throw new Error(`prepared query: no value for "${slot.name}"`);
      return value;
    });
    const result = await db.executeQuery<O>({ ...compiled, parameters } as CompiledQuery<O>);
    return result.rows;
  };

  return {
    all: run,
    first: async (db, values) => (await run(db, values))[0],
  };
}
