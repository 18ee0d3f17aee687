import { describe, expect, it } from 'vitest';
import {
  conversationKinds,
  questionBankContentSchema,
} from '../../../shared/schemas/conversations.ts';
import { listeningGuide } from './listening-guide.content.ts';
import { defaultBanks, kindInfos } from './question-banks.content.ts';

describe('built-in question banks', () => {
  for (const kind of conversationKinds) {
    it(`${kind}: 8–15 prep prompts and 8–15 guide prompts, none shared between the two`, () => {
      const bank = questionBankContentSchema.parse(defaultBanks[kind]);
      const guide = bank.managerGuide.flatMap((section) => section.prompts);
      expect(bank.engineerPrompts.length).toBeGreaterThanOrEqual(8);
      expect(bank.engineerPrompts.length).toBeLessThanOrEqual(15);
      expect(guide.length).toBeGreaterThanOrEqual(8);
      expect(guide.length).toBeLessThanOrEqual(15);
      const prep = new Set(bank.engineerPrompts.map((p) => p.text));
      expect(guide.filter((text) => prep.has(text))).toEqual([]);
      expect(kindInfos[kind].purpose.length).toBeGreaterThan(40);
    });
  }

  it('gives the quarterly guide the five parts of DESIGN §2.2 with their minutes', () => {
    expect(defaultBanks.quarterly.managerGuide.map((s) => s.minutes)).toEqual([15, 15, 10, 15, 5]);
  });

  it('names the four signals the issue asks for, each with a question', () => {
    const keys = listeningGuide.signals.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['boredom', 'ambition', 'burnout', 'polished']));
    for (const signal of listeningGuide.signals) expect(signal.question).toMatch(/\?$/);
  });
});
