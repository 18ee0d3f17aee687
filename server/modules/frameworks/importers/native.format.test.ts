import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nativeFrameworkSchema } from '../../../../shared/schemas/frameworks.ts';
import { ImportError } from '../framework-model.ts';
import type { FrameworkModel } from '../framework-model.ts';
import { loadDefaultFramework } from '../frameworks.service.ts';
import { exportNative, importNative } from './native.format.ts';

const key = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,11}$/);
/** Text as people write it: accents, emoji, quotes, colons, leading dashes and new lines. */
const text = fc
  .string({
    unit: fc.constantFrom(
      'a',
      'Z',
      ' ',
      'é',
      '🚀',
      ':',
      '"',
      "'",
      '#',
      '-',
      '\n',
      '{',
      '*',
      '&',
      '1',
    ),
    minLength: 1,
    maxLength: 40,
  })
  .filter((s) => s.trim().length > 0);
const optionalText = fc.oneof(fc.constant(''), text);

/** Frameworks with unique keys whose criteria only use declared competencies. */
const frameworkArb: fc.Arbitrary<FrameworkModel> = fc
  .uniqueArray(fc.record({ key, name: text, description: optionalText }), {
    minLength: 1,
    maxLength: 4,
    selector: (c) => c.key,
  })
  .chain((competencies) =>
    fc.record({
      name: text,
      description: optionalText,
      competencies: fc.constant(competencies),
      tracks: fc.uniqueArray(
        fc.record({
          key,
          name: text,
          description: optionalText,
          levels: fc.uniqueArray(
            fc.record({
              key,
              name: text,
              code: fc.option(fc.stringMatching(/^[A-Z]{1,3}[0-9]{1,2}$/), { nil: null }),
              summary: optionalText,
              criteria: fc.array(
                fc.record({
                  competency: fc.constantFrom(...competencies.map((c) => c.key)),
                  text,
                  examples: fc.array(text, { maxLength: 2 }),
                }),
                { maxLength: 5 },
              ),
            }),
            { minLength: 1, maxLength: 4, selector: (l) => l.key },
          ),
        }),
        { minLength: 1, maxLength: 3, selector: (t) => t.key },
      ),
    }),
  );

/** The native format groups criteria by competency, so compare in that order. */
function canonical(model: FrameworkModel): FrameworkModel {
  const order = model.competencies.map((c) => c.key);
  return {
    ...model,
    tracks: model.tracks.map((t) => ({
      ...t,
      levels: t.levels.map((l) => ({
        ...l,
        criteria: order.flatMap((k) => l.criteria.filter((c) => c.competency === k)),
      })),
    })),
  };
}

describe('native format', () => {
  test.prop([frameworkArb, fc.constantFrom('yaml' as const, 'json' as const)], { numRuns: 150 })(
    'export then import gives back the same framework',
    (model, format) => {
      const file = { name: `f.${format}`, content: exportNative(model, format) };
      expect(importNative(file).model).toEqual(canonical(model));
    },
  );

  it('loads the built-in default framework', () => {
    const model = loadDefaultFramework();
    expect(model.tracks.map((t) => t.key)).toEqual(['ic', 'management', 'product']);
    for (const level of model.tracks.flatMap((t) => t.levels)) {
      expect(level.criteria.length, level.name).toBeGreaterThanOrEqual(5);
      expect(level.code).not.toBeNull();
    }
    const round = importNative({ name: 'x.yaml', content: exportNative(model, 'yaml') });
    expect(round.model).toEqual(model);
  });

  const valid = [
    'format: trajectory-framework/v1',
    'name: Mini',
    'competencies:',
    '  - key: craft',
    '    name: Craft',
    'tracks:',
    '  - key: ic',
    '    name: IC',
    '    levels:',
    '      - key: one',
    '        name: One',
    '        criteria:',
    '          craft:',
    '            - Writes code',
  ].join('\n');

  const failures: [string, string, RegExp][] = [
    [
      'an unknown key',
      valid.replace('name: Mini', 'name: Mini\ncolour: red'),
      /line 1, column 1: unknown key "colour"/,
    ],
    [
      'a wrong type',
      valid.replace('        name: One', '        name: [One]'),
      /line 11, column 15: "name": expected string, received array/,
    ],
    [
      'duplicate level keys',
      valid + '\n      - key: one\n        name: Again',
      /line 15, column 14: the level key "one" appears twice/,
    ],
    [
      'an undeclared competency',
      valid.replace('          craft:', '          art:'),
      /line 14, column 13: refers to competency "art"/,
    ],
    [
      'a truncated file',
      valid.slice(0, 60),
      /line 4, column 4: item 1 of "competencies": expected object, received null/,
    ],
    ['no levels', valid.split('\n').slice(0, 9).join('\n') + ' []', /"levels": Too small/],
    ['the wrong format marker', valid.replace('v1', 'v9'), /line 1, column 9: "format"/],
  ];
  it.each(failures)('rejects %s with its location', (_, content, expected) => {
    let caught: unknown;
    try {
      importNative({ name: 'f.yaml', content });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as ImportError).message).toMatch(expected);
  });

  it('locates JSON problems by pointer', () => {
    const json = JSON.stringify({
      format: 'trajectory-framework/v1',
      name: 'J',
      competencies: [{ key: 'a', name: 'A' }],
      tracks: [{ key: 't', name: 'T', levels: [{ key: 'l', name: 7 }] }],
    });
    expect(() => importNative({ name: 'f.json', content: json })).toThrow(
      /f\.json, at \/tracks\/0\/levels\/0\/name: "name": expected string, received number/,
    );
  });
});

describe('the documented JSON Schema', () => {
  /** The documentation adds titles and descriptions; everything else must match the validator. */
  function withoutProse(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutProse);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !['title', 'description', '$id'].includes(key))
        .map(([key, inner]) => [key, withoutProse(inner)]),
    );
  }

  it('docs/framework-format.schema.json describes exactly what the importer accepts', () => {
    const file = path.resolve(import.meta.dirname, '../../../../docs/framework-format.schema.json');
    const documented: unknown = JSON.parse(readFileSync(file, 'utf8'));
    expect(withoutProse(documented)).toEqual(withoutProse(z.toJSONSchema(nativeFrameworkSchema)));
  });
});
