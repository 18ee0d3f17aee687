import { z } from 'zod';
import { optionalText, timestampSchema } from './common.ts';

/** The six values of the What Matters exercise (DESIGN §2.4). */
export const whatMattersValues = [
  'impact',
  'promotion',
  'compensation',
  'learning',
  'work_life_balance',
  'culture',
] as const;
export const whatMattersValueSchema = z.enum(whatMattersValues);
export type WhatMattersValue = z.infer<typeof whatMattersValueSchema>;

export const whatMattersLabels: Record<WhatMattersValue, string> = {
  impact: 'Impact',
  promotion: 'Promotion / title',
  compensation: 'Compensation',
  learning: 'Learning',
  work_life_balance: 'Work-life balance',
  culture: 'Culture / team',
};

export const TOTAL_POINTS = 100;

const entrySchema = z
  .object({
    value: whatMattersValueSchema,
    rank: z
      .number({ message: 'rank must be a whole number from 1 to 6' })
      .int({ message: 'rank must be a whole number from 1 to 6' })
      .min(1, { message: 'rank must be from 1 to 6' })
      .max(6, { message: 'rank must be from 1 to 6' }),
    points: z
      .number({ message: 'points must be a whole number' })
      .int({ message: 'points must be a whole number' })
      .min(0, { message: 'points cannot be negative' })
      .max(TOTAL_POINTS, { message: 'points must be at most 100' }),
    note: optionalText(2000).default(''),
  })
  .strict();

/** Problems with a set of entries, each naming the field at fault; empty when it is valid. */
export function whatMattersProblems(
  entries: { value: string; rank: number; points: number }[],
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  whatMattersValues.forEach((value) => {
    if (!entries.some((entry) => entry.value === value))
      problems.push({ path: ['values'], message: `${whatMattersLabels[value]} is missing` });
  });
  const seenValues = new Set<string>();
  const rankIndex = new Map<number, number>();
  entries.forEach((entry, index) => {
    if (seenValues.has(entry.value))
      problems.push({ path: ['values', index, 'value'], message: `${entry.value} appears twice` });
    seenValues.add(entry.value);
    if (rankIndex.has(entry.rank))
      problems.push({
        path: ['values', index, 'rank'],
        message: `rank ${entry.rank} is used twice`,
      });
    else rankIndex.set(entry.rank, index);
  });
  const total = entries.reduce((sum, entry) => sum + entry.points, 0);
  if (total !== TOTAL_POINTS)
    problems.push({
      path: ['values'],
      message: `points must add up to ${TOTAL_POINTS} (got ${total})`,
    });
  return problems;
}

export const createWhatMattersSchema = z
  .object({
    values: z.array(entrySchema).length(6, { message: 'give all six values, each once' }),
  })
  .strict()
  .superRefine((input, ctx) => {
    for (const problem of whatMattersProblems(input.values))
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });
export type CreateWhatMatters = z.output<typeof createWhatMattersSchema>;
export type CreateWhatMattersInput = z.input<typeof createWhatMattersSchema>;

export const whatMattersEntrySchema = z.object({
  value: whatMattersValueSchema,
  label: z.string(),
  rank: z.number().int(),
  points: z.number().int(),
  note: z.string(),
});

export const whatMattersSchema = z.object({
  id: z.string(),
  engineer: z.object({ id: z.string(), name: z.string() }),
  createdAt: timestampSchema,
  isShared: z.boolean(),
  sharedAt: timestampSchema.nullable(),
  values: z.array(whatMattersEntrySchema),
  abilities: z.object({ share: z.boolean(), withdraw: z.boolean() }),
});
export type WhatMatters = z.infer<typeof whatMattersSchema>;

/** Exercises newest first, plus one row per exercise (oldest first) for a points-over-time chart. */
export const whatMattersListSchema = z.object({
  items: z.array(whatMattersSchema),
  chart: z.array(z.object({ date: z.string() }).catchall(z.union([z.number(), z.string()]))),
  abilities: z.object({ create: z.boolean() }),
});
export type WhatMattersList = z.infer<typeof whatMattersListSchema>;
