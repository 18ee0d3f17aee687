import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError, checkSize, sparseLevelWarnings } from '../framework-model.ts';
import type { ImportFile } from '../framework-model.ts';
import { detectFormat, parseFramework } from './detect-format.ts';
import { importFinancialTimes } from './financial-times.importer.ts';
import { importMonzo } from './monzo.importer.ts';
import { importUnidays } from './unidays.importer.ts';
import { toNative } from './native.format.ts';
import { nativeFrameworkSchema } from '../../../../shared/schemas/frameworks.ts';

/** The shared folder beside the repository (CI clones it there too). */
const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/frameworks');
const read = (name: string): ImportFile => ({
  name,
  content: readFileSync(path.join(FIXTURES, name), 'utf8'),
});

function errorOf(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

function listFiles(dir: string): string[] {
  return readdirSync(path.join(FIXTURES, dir)).flatMap((entry) => {
    const relative = path.join(dir, entry);
    return statSync(path.join(FIXTURES, relative)).isDirectory() ? listFiles(relative) : [relative];
  });
}

describe('every published sample file', () => {
  const samples = listFiles('.').filter(
    (f) => /\.(md|yml|yaml|json)$/.test(f) && f !== 'README.md',
  );

  it('covers all three formats', () => {
    expect(samples.filter((f) => f.startsWith('monzo/'))).toHaveLength(4);
    expect(samples.filter((f) => f.startsWith('financial-times/'))).toHaveLength(2);
    expect(samples.filter((f) => f.startsWith('unidays/')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(samples)('%s is recognised and imports (with its catalogues)', (name) => {
    const files = [read(name)];
    // A UNiDAYS role tree needs the catalogues it references.
    if (name.startsWith('unidays/') && !name.endsWith('core-competencies.json'))
      files.push(read('unidays/core-competencies.json'));
    if (name === 'unidays/roles/creative.json') files.push(read('unidays/creative.json'));
    const result = parseFramework(files, 'auto');
    expect(result.format).toBe(
      name.startsWith('monzo/')
        ? 'monzo'
        : name.startsWith('financial')
          ? 'financial-times'
          : 'unidays',
    );
    const criteria = result.model.tracks.flatMap((t) => t.levels.flatMap((l) => l.criteria));
    expect(criteria.length).toBeGreaterThan(0);
    // What was imported can be exported and imported back.
    expect(nativeFrameworkSchema.safeParse(toNative(result.model)).success).toBe(true);
    for (const criterion of criteria) {
      expect(criterion.text.trim()).toBe(criterion.text);
      expect(result.model.competencies.some((c) => c.key === criterion.competency)).toBe(true);
    }
  });
});

describe('Monzo-style Markdown', () => {
  it('reads the web framework: six levels, topics as competencies, examples kept', () => {
    const { model, warnings } = importMonzo([read('monzo/web.md')]);
    expect(model.name).toBe('Web Engineering Framework');
    expect(model.tracks[0]?.levels.map((l) => l.code)).toEqual([
      'L1',
      'L2',
      'L3',
      'L4',
      'L5',
      'L6',
    ]);
    expect(model.competencies.map((c) => c.name)).toEqual([
      'Communication',
      'Impact',
      'Leadership',
      'Influence',
      'Mastery',
    ]);
    const withExamples = model.tracks[0]?.levels[1]?.criteria.filter((c) => c.examples.length > 0);
    expect(withExamples?.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    // Leadership starts at level 3: the preview warns about the sparse levels.
    expect(sparseLevelWarnings(model).join('\n')).toMatch(
      /Leadership" has no criteria at Level 1, Level 2/,
    );
  });

  it('reads the product framework with four levels', () => {
    const { model } = importMonzo([read('monzo/product.md')]);
    expect(model.tracks[0]?.levels).toHaveLength(4);
  });

  it('makes one track per file and merges topics by name', () => {
    const { model } = importMonzo([read('monzo/web.md'), read('monzo/mobile.md')]);
    expect(model.tracks.map((t) => t.name)).toEqual([
      'Web Engineering Framework',
      'Mobile Engineering Framework',
    ]);
    expect(model.competencies).toHaveLength(5);
  });

  it('handles missing optional fields, emoji, multi-line text and sparse levels', () => {
    const content = [
      '---',
      'title: "🚀 Rocket Team"',
      'topics:',
      '  - name: "data_work"',
      '    content:',
      '      - level: 2',
      '        criteria:',
      '          - |',
      '            Builds dashboards',
      '            that people use 📈',
      '  - name: "ops"',
      '    title: "🔥 On call"',
      '    content: []',
      '---',
      '# Body is ignored',
    ].join('\n');
    const { model } = importMonzo([{ name: 'rocket.md', content }]);
    expect(model.name).toBe('Rocket Team');
    expect(model.competencies.map((c) => c.name)).toEqual(['Data work', 'On call']);
    expect(model.tracks[0]?.levels).toHaveLength(2);
    expect(model.tracks[0]?.levels[1]?.criteria[0]?.text).toBe(
      'Builds dashboards\nthat people use 📈',
    );
    expect(sparseLevelWarnings(model)).toContain(
      'Rocket Team: level "Level 1" has no criteria at all.',
    );
  });

  it('warns about keys it does not know', () => {
    const content =
      '---\ntitle: X\nlevels: 1\nowner: someone\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria: ["Does a thing"]\n---\n';
    const { warnings } = importMonzo([{ name: 'x.md', content }]);
    expect(warnings).toEqual(['x.md, line 4, column 8: ignored unknown key "owner".']);
  });

  const cases: [string, string, RegExp][] = [
    ['no front matter', '# Just markdown\n', /line 1, column 1: must start with YAML front matter/],
    [
      'truncated front matter',
      readFileSync(path.join(FIXTURES, 'monzo/web.md'), 'utf8').slice(0, 900),
      /the front matter is not closed/,
    ],
    [
      'truncated YAML inside the front matter',
      '---\ntitle: "Broken\ntopics: []\n---\n',
      /line \d+, column \d+: is not valid YAML/,
    ],
    [
      'levels of the wrong type',
      '---\nlevels: six\ntopics: []\n---\n',
      /line 2, column 9: "levels" must be a whole number/,
    ],
    [
      'topics of the wrong type',
      '---\nlevels: 2\ntopics: many\n---\n',
      /line 3, column 9: "topics" must be a list/,
    ],
    ['no topics', '---\nlevels: 2\ntopics: []\n---\n', /"topics" must list at least one topic/],
    [
      'zero levels',
      '---\nlevels: 0\ntopics:\n  - name: a\n---\n',
      /line 2, column 9: "levels" must be between 1 and 30/,
    ],
    [
      'duplicate topics',
      '---\nlevels: 1\ntopics:\n  - name: a\n  - name: a\n---\n',
      /line 5, column 11: the topic "a" appears twice/,
    ],
    [
      'a level out of range',
      '---\nlevels: 2\ntopics:\n  - name: a\n    content:\n      - level: 3\n---\n',
      /line 6, column 16: "level" must be between 1 and 2/,
    ],
    [
      'a criterion that is not text',
      '---\nlevels: 1\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria:\n          - {a: 1}\n---\n',
      /line 8, column 13: Each criterion must be a non-empty text/,
    ],
    [
      'duplicate YAML keys',
      '---\ntitle: a\ntitle: b\ntopics: []\n---\n',
      /line 3, column 1: is not valid YAML: Map keys must be unique/,
    ],
    ['topics without any level', '---\ntopics:\n  - name: a\n---\n', /no topic has any level/],
  ];
  it.each(cases)('rejects %s with its location', (_, content, expected) => {
    expect(errorOf(() => importMonzo([{ name: 'bad.md', content }])).message).toMatch(expected);
  });
});

describe('Financial Times YAML job families', () => {
  it('reads the engineering family: levels in order, themes as competencies', () => {
    const { model, warnings } = importFinancialTimes([read('financial-times/engineering-v1.yml')]);
    expect(model.name).toBe('Engineering (Legacy)');
    expect(model.tracks[0]?.levels.map((l) => l.name)).toEqual([
      'Junior Engineer',
      'Engineer',
      'Senior Engineer 1',
      'Senior Engineer 2',
    ]);
    expect(model.competencies.map((c) => c.key)).toEqual([
      'technical',
      'communication',
      'delivery',
      'leadership',
    ]);
    const junior = model.tracks[0]?.levels[0]?.criteria ?? [];
    expect(junior[0]?.examples.length).toBeGreaterThan(0);
    expect(warnings.some((w) => w.includes('"proficiency" was ignored'))).toBe(true);
  });

  it('merges two families into two tracks', () => {
    const { model } = importFinancialTimes([
      read('financial-times/engineering-v1.yml'),
      read('financial-times/operations.yml'),
    ]);
    expect(model.tracks.map((t) => t.name)).toEqual(['Engineering (Legacy)', 'Operations']);
    expect(model.competencies).toHaveLength(4);
  });

  const base = [
    'name: Family',
    'levels:',
    '  - id: one',
    '    name: One',
    'themes:',
    '  - id: tech',
    '    name: Tech',
    'competencies:',
    '  - id: c1',
    '    summary: Does the work',
    '    level: one',
    '    theme: tech',
  ].join('\n');

  it('accepts the minimal shape, with optional fields left out', () => {
    const { model } = importFinancialTimes([{ name: 'f.yml', content: base }]);
    expect(model.tracks[0]?.levels[0]?.criteria).toEqual([
      { competency: 'tech', text: 'Does the work', examples: [] },
    ]);
  });

  const cases: [string, string, RegExp][] = [
    [
      'truncated YAML',
      readFileSync(path.join(FIXTURES, 'financial-times/operations.yml'), 'utf8').slice(0, 1200) +
        '\n    summary: "unfinished',
      /line \d+, column \d+: is not valid YAML/,
    ],
    [
      'levels of the wrong type',
      base.replace('levels:\n  - id: one\n    name: One', 'levels: 4'),
      /line 2, column 9: "levels" must be a list/,
    ],
    [
      'no levels',
      base.replace('levels:\n  - id: one\n    name: One', 'levels: []'),
      /"levels" must list at least one level/,
    ],
    [
      'duplicate level ids',
      base.replace('    name: One', '    name: One\n  - id: one\n    name: Again'),
      /line 5, column 9: the level id "one" appears twice/,
    ],
    [
      'duplicate competency ids',
      `${base}\n  - id: c1\n    summary: Again\n    level: one\n    theme: tech`,
      /line 13, column 9: the competency id "c1" appears twice/,
    ],
    [
      'an unknown level',
      base.replace('level: one', 'level: two'),
      /line 11, column 12: refers to level "two"/,
    ],
    [
      'an unknown theme',
      base.replace('theme: tech', 'theme: art'),
      /line 12, column 12: refers to theme "art"/,
    ],
    [
      'a missing summary',
      base.replace('    summary: Does the work\n', ''),
      /line 9, column 5: The competency "summary" must be a non-empty text/,
    ],
    ['a scalar document', 'just text', /The job family must be a mapping/],
  ];
  it.each(cases)('rejects %s with its location', (_, content, expected) => {
    expect(errorOf(() => importFinancialTimes([{ name: 'f.yml', content }])).message).toMatch(
      expected,
    );
  });
});

describe('UNiDAYS JSON catalogues and role trees', () => {
  it('makes a track per catalogue when no role tree is given', () => {
    const { model, warnings } = importUnidays([
      read('unidays/core-competencies.json'),
      read('unidays/product.json'),
    ]);
    expect(model.tracks.map((t) => t.name)).toEqual(['Core', 'Product']);
    expect(model.competencies.find((c) => c.key === 'core-competencies-attitude')?.name).toBe(
      'Attitude',
    );
    expect(warnings).toContain(
      'No role tree was included: each catalogue became a track with numbered levels.',
    );
  });

  it('follows a role tree to the referenced catalogue levels and skips JSON schemas', () => {
    const { model, warnings } = importUnidays([
      read('unidays/roles/creative.json'),
      read('unidays/core-competencies.json'),
      read('unidays/creative.json'),
      read('unidays/roles-schema.json'),
      read('unidays/competencies-schema.json'),
    ]);
    expect(model.tracks.map((t) => t.name)).toEqual(['Creative Design']);
    const level = model.tracks[0]?.levels[0];
    expect(level?.name).toBe('Creative Designer');
    expect(new Set(level?.criteria.map((c) => c.competency)).size).toBe(9);
    expect(warnings.filter((w) => w.includes('JSON schema'))).toHaveLength(2);
  });

  const catalogue = (topics: unknown) => JSON.stringify({ title: 'Cat', path: 'cat', topics });
  const topic = {
    title: 'T',
    path: 't',
    levels: [{ title: 'L1', path: '1', criteria: ['Does it'] }],
  };
  const cases: [string, ImportFile[], RegExp][] = [
    [
      'invalid JSON',
      [{ name: 'c.json', content: '{"title": "x",\n  "topics": [\n' }],
      /c\.json, line \d+, column \d+: is not valid JSON/,
    ],
    [
      'criteria of the wrong type',
      [
        {
          name: 'c.json',
          content: catalogue([{ ...topic, levels: [{ title: 'L', path: '1', criteria: 'x' }] }]),
        },
      ],
      /at \/topics\/0\/levels\/0\/criteria: "criteria" must be a list/,
    ],
    [
      'duplicate topic paths',
      [{ name: 'c.json', content: catalogue([topic, topic]) }],
      /at \/topics\/1\/path: the topic path "t" appears twice/,
    ],
    [
      'a topic without levels',
      [{ name: 'c.json', content: catalogue([{ ...topic, levels: [] }]) }],
      /at \/topics\/0\/levels: a topic must list at least one level/,
    ],
    [
      'an empty catalogue',
      [{ name: 'c.json', content: catalogue([]) }],
      /at \/topics: "topics" must list at least one topic/,
    ],
    [
      'a role reference that does not resolve',
      [
        { name: 'c.json', content: catalogue([topic]) },
        {
          name: 'r.json',
          content: JSON.stringify({
            title: 'Roles',
            roles: [
              {
                title: 'R',
                path: 'r',
                levels: [{ title: 'A', path: 'a', competencies: { required: ['cat/t/9'] } }],
              },
            ],
          }),
        },
      ],
      /r\.json, at \/roles\/0\/levels\/0\/competencies\/required\/0: refers to "cat\/t\/9"/,
    ],
    [
      'only a role tree',
      [{ name: 'r.json', content: '{"title": "R", "roles": []}' }],
      /no competency catalogue found/,
    ],
    [
      'an unknown kind of file',
      [{ name: 'x.json', content: '{"title": "x"}' }],
      /is neither a competency catalogue/,
    ],
  ];
  it.each(cases)('rejects %s with a JSON pointer or position', (_, files, expected) => {
    expect(errorOf(() => importUnidays(files)).message).toMatch(expected);
  });
});

describe('limits and detection', () => {
  it('refuses a huge file before parsing it', () => {
    const content = `name: Huge\nsummary: "${'x'.repeat(2_100_000)}"\n`;
    expect(errorOf(() => importFinancialTimes([{ name: 'huge.yml', content }])).message).toMatch(
      /huge\.yml: is too large \(2100 kB\); the limit is 2 MB/,
    );
  });

  it('refuses a framework with too many criteria', () => {
    const criteria = Array.from({ length: 5001 }, (_, i) => `          - "Criterion ${i}"`).join(
      '\n',
    );
    const content = `---\nlevels: 1\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria:\n${criteria}\n---\n`;
    const { model } = importMonzo([{ name: 'big.md', content }]);
    expect(errorOf(() => checkSize(model, 'big.md')).message).toMatch(
      /5001 criteria; a framework may have at most 5000/,
    );
  });

  it('detects each format from name and content', () => {
    expect(detectFormat(read('monzo/web.md'))).toBe('monzo');
    expect(detectFormat(read('financial-times/operations.yml'))).toBe('financial-times');
    expect(detectFormat(read('unidays/product.json'))).toBe('unidays');
    expect(detectFormat({ name: 'f.yaml', content: 'format: trajectory-framework/v1\n' })).toBe(
      'native',
    );
    expect(detectFormat({ name: 'notes.txt', content: 'hello' })).toBeNull();
    expect(
      errorOf(() => parseFramework([{ name: 'notes.txt', content: 'hello' }], 'auto')).message,
    ).toMatch(/not a format Trajectory recognises/);
    expect(
      errorOf(() => parseFramework([read('monzo/web.md'), read('unidays/product.json')], 'auto'))
        .message,
    ).toMatch(/mix several formats/);
  });
});
