import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  PasswordInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { newPasswordSchema } from '../../../shared/schemas/auth.ts';
import { ApiError, messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { fieldMessage, useFormState } from '../../lib/forms.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { useChoosePassword, usePasswordToken } from './api.ts';
import { PASSWORD_HINT } from './password-hint.ts';

const labels = { password: 'New password', confirmation: 'Repeat the password' };

/** The token travels in the URL fragment, so it never reaches server logs or Referer headers. */
function tokenFromHash(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ''));
}

export default function SetPasswordPage() {
  const [token] = useState(tokenFromHash);
  const info = usePasswordToken(token);
  const choose = useChoosePassword();
  const navigate = useNavigate();
  const form = useFormState({ password: '', confirmation: '' });
  const isInvite = info.data?.purpose !== 'reset';
  usePageTitle(isInvite ? 'Choose your password' : 'Choose a new password');

  if (token.length < 20 || info.isError) {
    const isGone = token.length < 20 || (info.error instanceof ApiError && info.error.status < 500);
    return (
      <Stack gap="md">
        <Title order={1} fz={26}>
          This link cannot be used
        </Title>
        <Alert color="orange" role="alert">
          {isGone
            ? 'It has expired, was already used, or was copied incompletely. Ask an administrator for a new link.'
            : messageOf(info.error)}
        </Alert>
        <Anchor component={Link} to="/sign-in">
          Go to sign in
        </Anchor>
      </Stack>
    );
  }
  if (info.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Checking your link">
        <Skeleton h={30} w="70%" />
        <Skeleton h={16} />
        <Skeleton h={36} />
        <Skeleton h={36} />
      </Stack>
    );
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = newPasswordSchema.safeParse(form.values.password);
    if (!parsed.success) {
      return form.setErrors({
        password: fieldMessage(labels.password, parsed.error.issues[0]?.message ?? 'is not valid'),
      });
    }
    if (form.values.password !== form.values.confirmation) {
      return form.setErrors({ confirmation: 'The two passwords are not the same.' });
    }
    choose.mutate(
      { token, password: form.values.password },
      {
        onSuccess: (session) => {
          notifications.show({
            color: 'green',
            title: 'Password saved',
            message: `You are signed in as ${session.person.name}.`,
          });
          void navigate('/', { replace: true });
        },
        onError: (error) => form.showServerError(error, labels),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz={26}>
            {isInvite ? `Welcome, ${info.data.name}` : 'Choose a new password'}
          </Title>
          <Text c="dimmed" mt={4}>
            {isInvite
              ? 'Choose a password to finish setting up your Trajectory account.'
              : `Choose a new password for ${info.data.name}.`}{' '}
            This link works once, until {formatDateTime(info.data.expiresAt)}.
          </Text>
        </div>
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        <TextInput
          label="Email"
          value={info.data.email}
          readOnly
          variant="filled"
          autoComplete="username"
        />
        <PasswordInput
          label={labels.password}
          description={PASSWORD_HINT}
          autoComplete="new-password"
          required
          value={form.values.password}
          onChange={(e) => form.setValue('password', e.currentTarget.value)}
          error={form.errors.password}
        />
        <PasswordInput
          label={labels.confirmation}
          autoComplete="new-password"
          required
          value={form.values.confirmation}
          onChange={(e) => form.setValue('confirmation', e.currentTarget.value)}
          error={form.errors.confirmation}
        />
        <Button type="submit" loading={choose.isPending} fullWidth mt="xs">
          Save password and sign in
        </Button>
      </Stack>
    </form>
  );
}
