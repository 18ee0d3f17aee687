import { describe, expect, it } from 'vitest';
import {
  contractFieldsSchema,
  contractOutcomeSchema,
  createCommitmentSchema,
  isOneSentence,
  isVagueCommitment,
  saveContractSchema,
} from './contracts.ts';
import type { ContractFieldsInput } from './contracts.ts';

const valid: ContractFieldsInput = {
  developmentGoal: 'Lead the design of a cross-team service, from proposal to launch.',
  managerCommitment: 'A stretch project and introductions.',
  engineerCommitment: 'Write the proposal by April.',
  evidenceOfSuccess: 'Two teams use the service.',
  reviewCadence: 'quarterly',
  nextReviewOn: '2026-06-01',
  caveat: 'The promotion budget is decided elsewhere.',
  isCaveatNoneKnown: false,
  goals: [
    {
      description: 'Proposal',
      successCriteria: 'Accepted',
      supportNeeded: 'Reviews',
      dueOn: '2026-04-30',
    },
    {
      description: 'Reviews',
      successCriteria: 'Two held',
      supportNeeded: 'Invitations',
      dueOn: '2026-05-31',
    },
  ],
};

/** The first issue's path and message, as the API's 400 would name them. */
function firstIssue(input: unknown, schema = contractFieldsSchema) {
  const result = schema.safeParse(input);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return { field: issue?.path.join('.'), message: issue?.message };
}

describe('contract validation', () => {
  it('accepts a complete contract and fills the optional parts', () => {
    const parsed = contractFieldsSchema.parse(valid);
    expect(parsed).toMatchObject({ notHere: '', transitionSupport: '', changeNote: '' });
  });

  it('wants the development goal as one sentence', () => {
    expect(isOneSentence('Lead design reviews for the platform team.')).toBe(true);
    expect(isOneSentence('Own the API (v2.1) design, e.g. the billing endpoints.')).toBe(true);
    expect(isOneSentence('Lead design. Mentor juniors.')).toBe(false);
    expect(isOneSentence('Lead design!  And more')).toBe(false);
    expect(isOneSentence('Lead design\nMentor')).toBe(false);
    expect(firstIssue({ ...valid, developmentGoal: 'Lead design. Mentor juniors.' })).toEqual({
      field: 'developmentGoal',
      message: 'must be one sentence naming the capability',
    });
    expect(firstIssue({ ...valid, developmentGoal: '   ' })).toEqual({
      field: 'developmentGoal',
      message: 'is required',
    });
  });

  it('requires the caveat, or "none known" chosen explicitly — not both', () => {
    expect(firstIssue({ ...valid, caveat: '' })).toEqual({
      field: 'caveat',
      message: 'is required: write what cannot be promised, or choose "none known"',
    });
    expect(firstIssue({ ...valid, caveat: '', isCaveatNoneKnown: true })).toBeNull();
    expect(firstIssue({ ...valid, isCaveatNoneKnown: true })).toEqual({
      field: 'caveat',
      message: 'must be empty when "none known" is chosen',
    });
    const { isCaveatNoneKnown: _omitted, ...withoutChoice } = valid;
    expect(firstIssue(withoutChoice)?.field).toBe('isCaveatNoneKnown');
  });

  it('requires the review cadence and the next review date', () => {
    expect(firstIssue({ ...valid, reviewCadence: undefined })).toEqual({
      field: 'reviewCadence',
      message: 'is required',
    });
    expect(firstIssue({ ...valid, nextReviewOn: undefined })).toEqual({
      field: 'nextReviewOn',
      message: 'is required: a date like 2026-01-31',
    });
    expect(firstIssue({ ...valid, nextReviewOn: '2026-02-30' })).toEqual({
      field: 'nextReviewOn',
      message: 'must be a real calendar date',
    });
  });

  it('wants two or three goals, each complete', () => {
    const goal = valid.goals[0];
    expect(firstIssue({ ...valid, goals: [goal] })).toEqual({
      field: 'goals',
      message: 'needs 2 or 3 goals',
    });
    expect(firstIssue({ ...valid, goals: [goal, goal, goal, goal] })?.message).toBe(
      'needs 2 or 3 goals',
    );
    expect(firstIssue({ ...valid, goals: [goal, { ...goal, successCriteria: '' }] })).toEqual({
      field: 'goals.1.successCriteria',
      message: 'is required',
    });
    const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(
      firstIssue({
        ...valid,
        goals: [
          { ...goal, id },
          { ...goal, id },
        ],
      }),
    ).toEqual({
      field: 'goals',
      message: 'has the same goal twice',
    });
  });

  it('refuses an engineer commitment that names no action', () => {
    expect(isVagueCommitment('I will try harder.')).toBe(true);
    expect(isVagueCommitment('Do better')).toBe(true);
    expect(isVagueCommitment('Try harder at writing design docs: one a month.')).toBe(false);
    expect(firstIssue({ ...valid, engineerCommitment: 'Try harder' })?.field).toBe(
      'engineerCommitment',
    );
  });

  it('needs "not here" before transition support', () => {
    expect(firstIssue({ ...valid, transitionSupport: 'Introductions.' })?.field).toBe('notHere');
    expect(
      firstIssue({ ...valid, notHere: 'A research role.', transitionSupport: 'Introductions.' }),
    ).toBeNull();
  });

  it('keeps baseVersion optional so that leaving it out is a 428, not a 400', () => {
    expect(saveContractSchema.safeParse(valid).success).toBe(true);
    expect(saveContractSchema.safeParse({ ...valid, baseVersion: 1.5 }).success).toBe(false);
  });

  it('wants an outcome note unless resuming', () => {
    expect(contractOutcomeSchema.safeParse({ status: 'active' }).success).toBe(true);
    expect(firstIssue({ status: 'completed', note: ' ' }, contractOutcomeSchema as never)).toEqual({
      field: 'note',
      message: 'is required: say in a sentence how it ended or why it pauses',
    });
  });

  it('wants a due date on every commitment', () => {
    expect(
      createCommitmentSchema.safeParse({ owner: 'manager', text: 'Book the course' }).success,
    ).toBe(false);
    expect(
      createCommitmentSchema.parse({
        owner: 'manager',
        text: 'Book the course',
        dueOn: '2026-04-01',
      }),
    ).toMatchObject({ goalId: null });
  });
});
