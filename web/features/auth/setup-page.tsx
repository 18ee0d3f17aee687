import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { setupRequestSchema } from '../../../shared/schemas/auth.ts';
import { useFormState, zodFieldErrors } from '../../lib/forms.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { PASSWORD_HINT } from './password-hint.ts';
import { useCompleteSetup } from './api.ts';

const labels = {
  organizationName: 'Organisation name',
  name: 'Your name',
  email: 'Your work email',
  password: 'Password',
};

export default function SetupPage() {
  usePageTitle('Set up Trajectory');
  const navigate = useNavigate();
  const setup = useCompleteSetup();
  const form = useFormState({ organizationName: '', name: '', email: '', password: '' });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const errors = zodFieldErrors(setupRequestSchema, form.values, labels, [
      'organizationName',
      'name',
      'email',
      'password',
    ]);
    if (errors) return form.setErrors(errors);
    setup.mutate(form.values, {
      onSuccess: (session) => {
        notifications.show({
          color: 'green',
          title: `Welcome, ${session.person.name}`,
          message: `${session.organization.name} is ready. Start by adding your people.`,
        });
        void navigate('/', { replace: true });
      },
      onError: (error) => form.showServerError(error, labels),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz={26}>
            Set up Trajectory
          </Title>
          <Text c="dimmed" mt={4}>
            Name your organisation and create the first administrator account. You can add everyone
            else once you are in.
          </Text>
        </div>
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        <TextInput
          label={labels.organizationName}
          placeholder="Acme Engineering"
          required
          value={form.values.organizationName}
          onChange={(e) => form.setValue('organizationName', e.currentTarget.value)}
          error={form.errors.organizationName}
          data-autofocus
        />
        <TextInput
          label={labels.name}
          autoComplete="name"
          required
          value={form.values.name}
          onChange={(e) => form.setValue('name', e.currentTarget.value)}
          error={form.errors.name}
        />
        <TextInput
          label={labels.email}
          type="email"
          autoComplete="email"
          required
          value={form.values.email}
          onChange={(e) => form.setValue('email', e.currentTarget.value)}
          error={form.errors.email}
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
        <Button type="submit" loading={setup.isPending} fullWidth mt="xs">
          Create organisation
        </Button>
      </Stack>
    </form>
  );
}
