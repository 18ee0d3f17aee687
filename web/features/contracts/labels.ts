import type { CheckInStatus, ContractStatus } from '../../../shared/schemas/contracts.ts';

export const contractStatusLabels: Record<ContractStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  active: { label: 'Active', color: 'teal' },
  paused: { label: 'Paused', color: 'grape' },
  completed: { label: 'Completed', color: 'blue' },
  superseded: { label: 'Superseded', color: 'gray' },
};

export const checkInLabels: Record<CheckInStatus, { label: string; color: string }> = {
  on_track: { label: 'On track', color: 'teal' },
  at_risk: { label: 'At risk', color: 'orange' },
  off_track: { label: 'Off track', color: 'red' },
};

/** The six parts, in the order the contract reads, with a line of help written for first-timers. */
export const partLabels = {
  developmentGoal: {
    label: 'Development goal',
    help: 'One sentence: the capability being built, and how it connects to where the engineer wants to go.',
  },
  managerCommitment: {
    label: 'What the manager and the organisation commit to',
    help: 'Stretch work, introductions, time, sponsorship. Each promise here should also become a tracked commitment with a due date.',
  },
  engineerCommitment: {
    label: 'What the engineer commits to',
    help: 'Concrete actions someone could check, not an intention such as “try harder”.',
  },
  evidenceOfSuccess: {
    label: 'Evidence of success',
    help: 'What both of you will be able to see when this is working.',
  },
  reviewCadence: {
    label: 'Review cadence',
    help: 'How often you look at progress together. Short check-ins happen monthly regardless.',
  },
  nextReviewOn: { label: 'Next review', help: 'The date of the next review conversation.' },
  caveat: {
    label: 'Honest caveat',
    help: 'What the organisation cannot offer or promise. A plan, not a promise.',
  },
  notHere: {
    label: 'Not available here',
    help: 'Parts of what the engineer wants that this organisation cannot provide, said plainly.',
  },
  transitionSupport: {
    label: 'Transition support',
    help: 'Optional: how the organisation will help with what is not available here.',
  },
  changeNote: { label: 'What changed', help: 'A few words for the version history.' },
} as const;

export const goalLabels = {
  description: 'Goal',
  successCriteria: 'Success criteria',
  supportNeeded: 'Support needed',
  dueOn: 'Due',
} as const;
