import { z } from 'zod';

/** zip (JSON and Markdown in one archive, the default), or either file alone. */
export const exportFormats = ['zip', 'json', 'markdown'] as const;

export const personalExportQuerySchema = z
  .object({ format: z.enum(exportFormats).default('zip') })
  .strict();
export type PersonalExportQuery = z.infer<typeof personalExportQuerySchema>;
