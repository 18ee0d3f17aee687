import type { ContractGoal, ReviewCadence } from '../schemas/contracts.ts';
import { reviewCadenceLabels } from '../schemas/contracts.ts';

/** What two versions are compared on: the content, without who saved or agreed it. */
export interface ComparableVersion {
  version: number;
  developmentGoal: string;
  managerCommitment: string;
  engineerCommitment: string;
  evidenceOfSuccess: string;
  reviewCadence: ReviewCadence;
  nextReviewOn: string;
  caveat: string;
  isCaveatNoneKnown: boolean;
  notHere: string;
  transitionSupport: string;
  goals: ContractGoal[];
}

export interface VersionChange {
  /** Stable key for lists, e.g. `caveat` or `goal:<id>:dueOn`. */
  key: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

const parts: { key: keyof ComparableVersion; label: string }[] = [
  { key: 'developmentGoal', label: 'Development goal' },
  { key: 'managerCommitment', label: 'Manager and organisation commitment' },
  { key: 'engineerCommitment', label: 'Engineer commitment' },
  { key: 'evidenceOfSuccess', label: 'Evidence of success' },
];

const goalFields: { key: keyof ContractGoal; label: string }[] = [
  { key: 'description', label: 'description' },
  { key: 'successCriteria', label: 'success criteria' },
  { key: 'supportNeeded', label: 'support needed' },
  { key: 'dueOn', label: 'due date' },
];

function caveatText(v: ComparableVersion): string {
  return v.isCaveatNoneKnown ? 'None known' : v.caveat;
}

function reviewText(v: ComparableVersion): string {
  return `${reviewCadenceLabels[v.reviewCadence]}; next review ${v.nextReviewOn}`;
}

function goalText(goal: ContractGoal): string {
  return `${goal.description} (due ${goal.dueOn}). Success: ${goal.successCriteria} Support: ${goal.supportNeeded}`;
}

function textChange(key: string, label: string, before: string, after: string): VersionChange[] {
  if (before === after) return [];
  if (before === '') return [{ key, label, kind: 'added', before: null, after }];
  if (after === '') return [{ key, label, kind: 'removed', before, after: null }];
  return [{ key, label, kind: 'changed', before, after }];
}

/**
 * Field-by-field differences from `before` to `after` (any two versions, in either order).
 * Goals are matched by their stable id, so an edited goal shows as changed, not removed + added.
 */
export function compareVersions(
  before: ComparableVersion,
  after: ComparableVersion,
): VersionChange[] {
  const changes: VersionChange[] = [];
  for (const part of parts)
    changes.push(
      ...textChange(part.key, part.label, String(before[part.key]), String(after[part.key])),
    );
  changes.push(...textChange('review', 'Review cadence', reviewText(before), reviewText(after)));
  changes.push(...textChange('caveat', 'Honest caveat', caveatText(before), caveatText(after)));
  changes.push(...textChange('notHere', 'Not available here', before.notHere, after.notHere));
  changes.push(
    ...textChange(
      'transitionSupport',
      'Transition support',
      before.transitionSupport,
      after.transitionSupport,
    ),
  );
  const beforeGoals = new Map(before.goals.map((goal) => [goal.id, goal]));
  after.goals.forEach((goal, index) => {
    const label = `Goal ${index + 1}`;
    const old = beforeGoals.get(goal.id);
    if (!old) {
      changes.push({
        key: `goal:${goal.id}`,
        label,
        kind: 'added',
        before: null,
        after: goalText(goal),
      });
      return;
    }
    for (const field of goalFields)
      changes.push(
        ...textChange(
          `goal:${goal.id}:${field.key}`,
          `${label} · ${field.label}`,
          old[field.key],
          goal[field.key],
        ),
      );
  });
  const afterIds = new Set(after.goals.map((goal) => goal.id));
  before.goals.forEach((goal, index) => {
    if (!afterIds.has(goal.id))
      changes.push({
        key: `goal:${goal.id}`,
        label: `Goal ${index + 1} (version ${before.version})`,
        kind: 'removed',
        before: goalText(goal),
        after: null,
      });
  });
  return changes;
}
