import { describe, expect, it } from 'vitest';
import { buildOrganisation } from './org-shape.ts';
import type { SyntheticPerson } from './org-shape.ts';

const TODAY = 20_000;

describe('the shape of a synthetic organisation', () => {
  for (const size of [1_000, 10_000, 100_000]) {
    it(`has about one manager in ten and at most six levels at ${size} people`, () => {
      const people = buildOrganisation({ people: size, seed: 'shape', today: TODAY, years: 5 });
      expect(people).toHaveLength(size);
      expect(people.filter((p) => p.isManager)).toHaveLength(size / 10);
      expect(Math.max(...people.map((p) => p.depth))).toBeLessThanOrEqual(5);
      expect(new Set(people.map((p) => p.email)).size).toBe(size);
      // Managers have about ten direct reports today.
      const reports = new Map<number, number>();
      for (const p of people)
        if (p.managerIndex !== null && p.leaveDay === null)
          reports.set(p.managerIndex, (reports.get(p.managerIndex) ?? 0) + 1);
      const spans = [...reports.values()];
      expect(spans.reduce((a, b) => a + b, 0) / spans.length).toBeGreaterThan(8);
      expect(spans.reduce((a, b) => a + b, 0) / spans.length).toBeLessThan(11);
    });
  }

  it('gives everyone but the head a continuous reporting history ending with today’s manager', () => {
    const people = buildOrganisation({ people: 5_000, seed: 'history', today: TODAY, years: 5 });
    const byIndex = (index: number): SyntheticPerson => {
      const person = people[index];
      if (!person) throw new Error(`no person ${index}`);
      return person;
    };
    expect(byIndex(0).spells).toEqual([]);
    for (const person of people.slice(1)) {
      const spells = person.spells;
      expect(spells.length).toBeGreaterThan(0);
      expect(spells[0]?.startDay).toBe(person.joinDay);
      expect(spells.at(-1)?.managerIndex).toBe(person.managerIndex);
      expect(spells.at(-1)?.endDay).toBe(person.leaveDay);
      for (const [k, spell] of spells.entries()) {
        expect(spell.managerIndex).not.toBe(person.index);
        expect(byIndex(spell.managerIndex).isManager).toBe(true);
        expect(byIndex(spell.managerIndex).joinDay).toBeLessThanOrEqual(spell.startDay);
        const next = spells[k + 1];
        if (next) expect(next.startDay).toBe(spell.endDay);
      }
    }
    expect(people.filter((p) => p.spells.length > 1).length).toBeGreaterThan(people.length / 10);
    expect(people.filter((p) => p.leaveDay !== null).length).toBeGreaterThan(people.length / 40);
  });

  it('is the same for the same seed and differs for another', () => {
    const options = { people: 500, today: TODAY, years: 5 };
    const a = buildOrganisation({ ...options, seed: 'one' });
    expect(buildOrganisation({ ...options, seed: 'one' })).toEqual(a);
    expect(buildOrganisation({ ...options, seed: 'two' }).map((p) => p.id)).not.toEqual(
      a.map((p) => p.id),
    );
  });
});
