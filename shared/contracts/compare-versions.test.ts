import { describe, expect, it } from 'vitest';
import type { ComparableVersion } from './compare-versions.ts';
import { compareVersions } from './compare-versions.ts';

const goal = (id: string, description: string, dueOn = '2026-05-01') => ({
  id,
  description,
  successCriteria: 'Accepted',
  supportNeeded: 'Review time',
  dueOn,
});

const v1: ComparableVersion = {
  version: 1,
  developmentGoal: 'Lead a cross-team design.',
  managerCommitment: 'Stretch project.',
  engineerCommitment: 'Write the proposal.',
  evidenceOfSuccess: 'Accepted proposal.',
  reviewCadence: 'quarterly',
  nextReviewOn: '2026-06-01',
  caveat: 'Promotion budget is not decided here.',
  isCaveatNoneKnown: false,
  notHere: '',
  transitionSupport: '',
  goals: [goal('g1', 'Write the proposal'), goal('g2', 'Run two reviews')],
};

describe('compareVersions', () => {
  it('finds no change between a version and itself', () => {
    expect(compareVersions(v1, v1)).toEqual([]);
  });

  it('reports each changed part, matching goals by id', () => {
    const v2: ComparableVersion = {
      ...v1,
      version: 2,
      engineerCommitment: 'Write the proposal by April.',
      reviewCadence: 'monthly',
      caveat: '',
      isCaveatNoneKnown: true,
      notHere: 'A research role.',
      goals: [goal('g2', 'Run two reviews', '2026-06-15'), goal('g3', 'Mentor a joiner')],
    };
    expect(compareVersions(v1, v2)).toEqual([
      {
        key: 'engineerCommitment',
        label: 'Engineer commitment',
        kind: 'changed',
        before: 'Write the proposal.',
        after: 'Write the proposal by April.',
      },
      {
        key: 'review',
        label: 'Review cadence',
        kind: 'changed',
        before: 'Every quarter; next review 2026-06-01',
        after: 'Every month; next review 2026-06-01',
      },
      {
        key: 'caveat',
        label: 'Honest caveat',
        kind: 'changed',
        before: 'Promotion budget is not decided here.',
        after: 'None known',
      },
      {
        key: 'notHere',
        label: 'Not available here',
        kind: 'added',
        before: null,
        after: 'A research role.',
      },
      {
        key: 'goal:g2:dueOn',
        label: 'Goal 1 · due date',
        kind: 'changed',
        before: '2026-05-01',
        after: '2026-06-15',
      },
      expect.objectContaining({ key: 'goal:g3', kind: 'added', label: 'Goal 2' }),
      expect.objectContaining({ key: 'goal:g1', kind: 'removed', label: 'Goal 1 (version 1)' }),
    ]);
  });

  it('compares in either direction', () => {
    const v3 = { ...v1, version: 3, developmentGoal: 'Lead the platform design.' };
    expect(compareVersions(v3, v1)[0]).toMatchObject({
      before: 'Lead the platform design.',
      after: 'Lead a cross-team design.',
    });
  });
});
