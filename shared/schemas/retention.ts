import { z } from 'zod';
import { baseVersionSchema } from './common.ts';

/** Bounds of the retention periods, in months (ADR 075). */
export const RETENTION_BOUNDS = {
  /** At least a quarter, so preparation for a conversation weeks away is never removed before it. */
  privateReflectionsMonths: { min: 3, max: 120 },
  /** At least a month after someone leaves, for handovers and questions. */
  formerEmployeesMonths: { min: 1, max: 120 },
} as const;

const monthsOf = (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`;

const monthsSchema = (bounds: { min: number; max: number }) =>
  z
    .number({ message: 'must be a number of months, or null to keep' })
    .int({ message: 'must be a whole number of months' })
    .min(bounds.min, { message: `must be at least ${monthsOf(bounds.min)}` })
    .max(bounds.max, { message: `must be at most ${monthsOf(bounds.max)}` })
    .nullable();

/** The organisation's retention periods as admins see them; null means "keep". */
export const retentionSettingsSchema = z.object({
  /** Private notes and unshared preparation are removed this many months after their last edit. */
  privateReflectionsMonths: z.number().int().nullable(),
  /** A former employee's content is removed this many months after they were deactivated. */
  formerEmployeesMonths: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Send it back as `baseVersion` (or If-Match) when saving (ADR 080); 0 before the first save. */
  version: z.number().int(),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** Saving the retention periods (admins). Both are required; null keeps that content. */
export const updateRetentionSettingsSchema = z
  .object({
    privateReflectionsMonths: monthsSchema(RETENTION_BOUNDS.privateReflectionsMonths),
    formerEmployeesMonths: monthsSchema(RETENTION_BOUNDS.formerEmployeesMonths),
    baseVersion: baseVersionSchema,
  })
  .strict();
export type UpdateRetentionSettings = z.infer<typeof updateRetentionSettingsSchema>;

/** What one retention pass removed, by kind of record; counts only. */
export interface RetentionPassCounts {
  privateReflections: number;
  formerEmployees: number;
  rowsDeleted: number;
  rowsStripped: number;
}
