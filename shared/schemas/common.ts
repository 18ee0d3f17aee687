import { z } from 'zod';

/** Every error the API returns has this shape: a stable id, a sentence, and the field when one is at fault. */
export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof errorSchema>;

export const idSchema = z.uuid({ message: 'must be an id' });
export const idParamSchema = z.object({
  id: idSchema,
});

/** A calendar date without a time, `YYYY-MM-DD`. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-01-31' })
  .refine(
    (value) => {
      // zod runs this even when the pattern failed, so it must not throw on any string.
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    },
    { message: 'must be a real calendar date' },
  );

export const timestampSchema = z.string();

/** Names of IANA time zones this runtime knows. */
/**
 * Any zone the runtime's time-zone database accepts. `Intl.supportedValuesOf` lists only canonical
 * (sometimes outdated) names, so it would refuse current ones such as Asia/Kolkata or Europe/Kyiv.
 */
function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().max(64).refine(isKnownTimeZone, {
  message: 'must be an IANA time zone such as Europe/London',
});

export const emailSchema = z
  .string()
  .trim()
  .max(254, { message: 'must be at most 254 characters' })
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((value) => value.toLowerCase());

export const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(max, { message: `must be at most ${max} characters` });

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(200, { message: 'must be at most 200' })
    .default(50),
});

export const healthSchema = z.object({ status: z.literal('ok'), database: z.literal('ok') });

/**
 * The version a write to a shared, editable record started from (ADR 080). Optional in the schema
 * so that leaving it out answers 428 (precondition required) rather than 400.
 */
export const baseVersionSchema = z
  .number()
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be at least 0' })
  .max(2_000_000_000, { message: 'must be at most 2000000000' })
  .optional();

/** 409 body when a write named a stale version: the record as it is now, with its version. */
export function staleVersionSchemaOf<T extends z.ZodType>(current: T) {
  return z.object({
    error: z.literal('stale_version'),
    message: z.string(),
    field: z.string(),
    current,
  });
}
