import { z } from 'zod';

export const PEOPLE_CSV_COLUMNS = [
  'email',
  'name',
  'title',
  'team',
  'manager_email',
  'start_date',
  'timezone',
] as const;

export const peopleImportRequestSchema = z
  .object({
    csv: z
      .string()
      .min(1, { message: 'is empty; choose a CSV file with a header row' })
      .max(5_000_000, { message: 'must be at most 5 MB' }),
    mode: z.enum(['preview', 'apply']),
  })
  .strict();
export type PeopleImportRequest = z.infer<typeof peopleImportRequestSchema>;

export const importRowChangeSchema = z.object({
  row: z.number().int(),
  email: z.string(),
  name: z.string(),
  changes: z.array(z.string()),
});
export type ImportRowChange = z.infer<typeof importRowChangeSchema>;

export const importRejectionSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  reason: z.string(),
});
export type ImportRejection = z.infer<typeof importRejectionSchema>;

export const peopleImportResultSchema = z.object({
  mode: z.enum(['preview', 'apply']),
  isApplied: z.boolean(),
  creates: z.array(importRowChangeSchema),
  updates: z.array(importRowChangeSchema),
  unchanged: z.number().int(),
  rejections: z.array(importRejectionSchema),
});
export type PeopleImportResult = z.infer<typeof peopleImportResultSchema>;
