import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { SsoSettings } from '../../../shared/schemas/sso.ts';
import { updateSsoSettingsSchema } from '../../../shared/schemas/sso.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError, messageOf } from '../../lib/api.ts';
import { useSsoSettings, useUpdateSsoSettings } from './api.ts';
import { CopyField } from './copy-field.tsx';
import { ScimTokensCard } from './scim-tokens-card.tsx';

interface FormValues {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  isJitEnabled: boolean;
  isPasswordSignInAdminsOnly: boolean;
}

const fromSettings = (settings: SsoSettings): FormValues => ({
  issuer: settings.issuer,
  clientId: settings.clientId,
  clientSecret: '',
  displayName: settings.displayName,
  isJitEnabled: settings.isJitEnabled,
  isPasswordSignInAdminsOnly: settings.isPasswordSignInAdminsOnly,
});

function OidcForm({ settings }: { settings: SsoSettings }) {
  const update = useUpdateSsoSettings();
  const [values, setValues] = useState<FormValues>(() => fromSettings(settings));
  const [errors, setErrors] = useState<Partial<Record<keyof FormValues, string>>>({});
  const isByEnvironment = settings.source === 'environment';
  // The version this form started from (ADR 080): saving over someone else's change is refused.
  const baseVersion = useRef(settings.version);
  const stale =
    update.error instanceof ApiError && update.error.isStale
      ? (update.error.current as SsoSettings)
      : null;
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      ...values,
      ...(values.clientSecret === '' ? { clientSecret: undefined } : {}),
    };
    const parsed = updateSsoSettingsSchema.safeParse(body);
    if (!parsed.success) {
      const next: Partial<Record<keyof FormValues, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]) as keyof FormValues;
        next[key] = issue.message;
      }
      return setErrors(next);
    }
    if (!isByEnvironment && values.issuer && !values.clientId)
      return setErrors({ clientId: 'Client ID is required with an issuer.' });
    setErrors({});
    update.mutate(
      { ...parsed.data, baseVersion: baseVersion.current },
      {
        onSuccess: (saved) => {
          baseVersion.current = saved.version;
          setValues(fromSettings(saved));
        },
      },
    );
  }

  return (
    <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg">
            Single sign-on (OpenID Connect)
          </Title>
          <Text c="dimmed" size="sm" maw={620}>
            People sign in through your identity provider. Register Trajectory there as a web
            application using the redirect URI below, then enter what the provider gives you.
          </Text>
        </div>
        <CopyField
          label="Redirect URI"
          value={settings.redirectUri}
          description="Also called the sign-in redirect URI or callback URL."
        />
        {isByEnvironment && (
          <Alert color="blue" title="Set by the server’s environment">
            The issuer, client ID and secret come from OIDC_ISSUER, OIDC_CLIENT_ID and
            OIDC_CLIENT_SECRET. The switches below are still saved here.
          </Alert>
        )}
        <TextInput
          label="Issuer URL"
          description="For example https://your-org.okta.com or https://login.microsoftonline.com/<tenant-id>/v2.0. Leave empty to turn single sign-on off."
          value={values.issuer}
          onChange={(event) => set('issuer', event.currentTarget.value)}
          error={errors.issuer}
          disabled={isByEnvironment}
          inputMode="url"
        />
        <TextInput
          label="Client ID"
          value={values.clientId}
          onChange={(event) => set('clientId', event.currentTarget.value)}
          error={errors.clientId}
          disabled={isByEnvironment}
          autoComplete="off"
        />
        <PasswordInput
          label="Client secret"
          description={
            settings.hasClientSecret
              ? 'A secret is saved. It is never shown; type a new one to replace it.'
              : 'Not saved yet.'
          }
          placeholder={settings.hasClientSecret ? '••••••••••••' : ''}
          value={values.clientSecret}
          onChange={(event) => set('clientSecret', event.currentTarget.value)}
          error={errors.clientSecret}
          disabled={isByEnvironment}
          autoComplete="new-password"
        />
        <TextInput
          label="Button label"
          description="Shown on the sign-in page as “Sign in with …”, for example Okta."
          value={values.displayName}
          onChange={(event) => set('displayName', event.currentTarget.value)}
          error={errors.displayName}
          maxLength={80}
        />
        <Switch
          label="Create accounts at first sign-in"
          description="Off: only people already in Trajectory (added by hand, import or SCIM) can sign in. Leave off when SCIM provisioning is on."
          checked={values.isJitEnabled}
          onChange={(event) => set('isJitEnabled', event.currentTarget.checked)}
        />
        <Switch
          label="Only admins may sign in with a password"
          description="Everyone else must use single sign-on. Admins keep their password as a way back in if the provider fails."
          checked={values.isPasswordSignInAdminsOnly}
          onChange={(event) => set('isPasswordSignInAdminsOnly', event.currentTarget.checked)}
        />
        {stale ? (
          <Alert color="orange" role="alert" title="Someone else changed these settings">
            <Text size="sm" mb="sm">
              Another admin saved the settings after you opened this page, so yours were not saved.
              Load theirs to review them, then make your change again.
            </Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                baseVersion.current = stale.version;
                setValues(fromSettings(stale));
                update.reset();
              }}
            >
              Load the saved settings
            </Button>
          </Alert>
        ) : (
          update.isError && (
            <Alert color="red" role="alert" title="The settings were not saved">
              {messageOf(update.error)}
            </Alert>
          )
        )}
        <Group justify="flex-end" gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {update.isSuccess ? 'Saved.' : ''}
          </Text>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Admin settings for single sign-on and SCIM provisioning. */
export default function SsoSettingsPage() {
  const settings = useSsoSettings();
  return (
    <Page size={860}>
      <PageHeader
        title="Single sign-on and provisioning"
        description="Connect your identity provider so people sign in with it and leavers lose access automatically. Setup steps for Okta, Microsoft Entra ID, Google Workspace and Keycloak are in docs/sso.md."
      />
      <Stack gap="xl">
        {settings.isPending && <Skeleton height={420} radius="md" />}
        {settings.isError && (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        )}
        {settings.data && (
          <>
            <OidcForm settings={settings.data} />
            <ScimTokensCard scimBaseUrl={settings.data.scimBaseUrl} />
          </>
        )}
      </Stack>
    </Page>
  );
}
