import { z } from 'zod';
import { emailSchema, requiredText, timestampSchema } from './common.ts';

export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 256;

/** Length over composition (NIST SP 800-63B): the common-password check happens on the server. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, {
    message: `must be at least ${PASSWORD_MIN_LENGTH} characters; a few words make a good one`,
  })
  .max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });

export const setupStatusSchema = z.object({ isSetupNeeded: z.boolean() });

export const setupRequestSchema = z
  .object({
    organizationName: requiredText(120),
    name: requiredText(120),
    email: emailSchema,
    password: newPasswordSchema,
  })
  .strict();
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const signInRequestSchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1, { message: 'is required' }).max(PASSWORD_MAX_LENGTH),
  })
  .strict();
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  isPeopleTeam: z.boolean(),
  /** Whether anyone reports to this person today (shows the team view in the menu). */
  hasReports: z.boolean(),
  timezone: z.string(),
});

export const sessionSchema = z.object({
  person: sessionPersonSchema,
  organization: z.object({ name: z.string() }),
  csrfToken: z.string(),
  expiresAt: timestampSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const passwordTokenParamSchema = z.object({
  token: z.string().min(20).max(200),
});

export const passwordTokenInfoSchema = z.object({
  purpose: z.enum(['invite', 'reset']),
  name: z.string(),
  email: z.string(),
  expiresAt: timestampSchema,
});
export type PasswordTokenInfo = z.infer<typeof passwordTokenInfoSchema>;

export const passwordRequestSchema = z
  .object({ token: z.string().min(20).max(200), password: newPasswordSchema })
  .strict();

export const passwordLinkSchema = z.object({
  url: z.string(),
  expiresAt: timestampSchema,
  isEmailed: z.boolean(),
});
export type PasswordLink = z.infer<typeof passwordLinkSchema>;
