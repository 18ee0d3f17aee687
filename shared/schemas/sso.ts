import { z } from 'zod';
import { baseVersionSchema } from './common.ts';

/** What the sign-in page needs to offer single sign-on; public. */
export const ssoProvidersSchema = z.object({
  isEnabled: z.boolean(),
  displayName: z.string(),
  loginUrl: z.string(),
  isPasswordSignInAdminsOnly: z.boolean(),
});
export type SsoProviders = z.infer<typeof ssoProvidersSchema>;

/** The OpenID Connect settings as admins see them. The client secret is never returned. */
export const ssoSettingsSchema = z.object({
  source: z.enum(['environment', 'database', 'none']),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  displayName: z.string(),
  isJitEnabled: z.boolean(),
  isPasswordSignInAdminsOnly: z.boolean(),
  redirectUri: z.string(),
  scimBaseUrl: z.string(),
  /** Send it back as `baseVersion` (or If-Match) when saving (ADR 080); 0 before the first save. */
  version: z.number().int(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

const issuerSchema = z
  .string()
  .trim()
  .max(500, { message: 'must be at most 500 characters' })
  .refine((value) => value === '' || /^https?:\/\/[^/\s]+/.test(value), {
    message: 'must be the provider’s https:// issuer URL',
  });

/**
 * Saving the settings. Leave `clientSecret` out to keep the stored one; an empty issuer turns
 * single sign-on off. When the provider is set by environment, issuer, client id and secret are
 * ignored.
 */
export const updateSsoSettingsSchema = z
  .object({
    issuer: issuerSchema,
    clientId: z.string().trim().max(500, { message: 'must be at most 500 characters' }),
    clientSecret: z.string().max(2000, { message: 'must be at most 2000 characters' }).optional(),
    displayName: z.string().trim().max(80, { message: 'must be at most 80 characters' }),
    isJitEnabled: z.boolean(),
    isPasswordSignInAdminsOnly: z.boolean(),
    baseVersion: baseVersionSchema,
  })
  .strict();
export type UpdateSsoSettings = z.infer<typeof updateSsoSettingsSchema>;

/** Why a single sign-on attempt ended on the sign-in page, by the `error` query parameter. */
export const ssoErrorMessages: Record<string, string> = {
  sso_unavailable:
    'Single sign-on is not available right now. Try again, or ask an admin to check the settings.',
  sso_expired: 'The sign-in took too long or was started in another browser. Please start again.',
  sso_denied: 'Your identity provider did not sign you in.',
  sso_failed: 'Your identity provider’s answer could not be verified, so you were not signed in.',
  sso_no_account:
    'There is no Trajectory account for you yet. Ask an admin to add you, then sign in again.',
  sso_unverified_email:
    'Your identity provider did not confirm your email address, so it could not be matched to an account. Ask an admin for help.',
  sso_already_linked:
    'Your account is already linked to a different sign-in. Ask an admin for help.',
  sso_inactive: 'Your account is deactivated. Ask an admin if you think this is a mistake.',
  sso_rate_limited: 'Too many sign-in attempts from this network. Wait a minute and try again.',
};
