import { z } from 'zod';

/** A SCIM bearer token as listed to admins: never the secret itself. */
export const scimTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ScimToken = z.infer<typeof scimTokenSchema>;

export const scimTokenListSchema = z.object({ items: z.array(scimTokenSchema) });
export type ScimTokenList = z.infer<typeof scimTokenListSchema>;

/** A token just created: the only time `token` is ever shown. */
export const createdScimTokenSchema = scimTokenSchema.extend({ token: z.string() });
export type CreatedScimToken = z.infer<typeof createdScimTokenSchema>;

export const createScimTokenSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(80, { message: 'must be at most 80 characters' }),
  })
  .strict();
export type CreateScimToken = z.infer<typeof createScimTokenSchema>;
