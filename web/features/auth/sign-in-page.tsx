import {
  Alert,
  Button,
  Divider,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { signInRequestSchema } from '../../../shared/schemas/auth.ts';
import { ssoErrorMessages } from '../../../shared/schemas/sso.ts';
import type { SsoProviders } from '../../../shared/schemas/sso.ts';
import { api } from '../../lib/api.ts';
import { useFormState, zodFieldErrors } from '../../lib/forms.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { useSession } from '../../lib/session.ts';
import { useSignIn } from './api.ts';

const labels = { email: 'Email', password: 'Password' };

/** Only same-site paths, so a crafted link cannot send people elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const form = useFormState({ email: '', password: '' });
  const sso = useQuery({
    queryKey: ['sso-providers'],
    queryFn: () => api<SsoProviders>('/api/sso/providers'),
  });
  const ssoError = params.get('error');
  const ssoMessage = ssoError ? (ssoErrorMessages[ssoError] ?? null) : null;

  if (session.data && !signIn.isSuccess) return <Navigate to={next} replace />;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const errors = zodFieldErrors(signInRequestSchema, form.values, labels, ['email', 'password']);
    if (errors) return form.setErrors(errors);
    signIn.mutate(form.values, {
      onSuccess: () => void navigate(next, { replace: true }),
      onError: (error) => form.showServerError(error, labels),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz={26}>
            Sign in
          </Title>
          <Text c="dimmed" mt={4}>
            Welcome back. Use the email your organisation has for you.
          </Text>
        </div>
        {ssoMessage && (
          <Alert color="red" role="alert" title="Single sign-on did not work">
            {ssoMessage}
          </Alert>
        )}
        {sso.data?.isEnabled && (
          <>
            <Button component="a" href={sso.data.loginUrl} variant="default" fullWidth>
              Sign in with {sso.data.displayName}
            </Button>
            <Divider label="or with a password" labelPosition="center" />
          </>
        )}
        {form.formError && (
          <Alert color="red" role="alert" title="Could not sign in">
            {form.formError}
          </Alert>
        )}
        <TextInput
          label={labels.email}
          type="email"
          autoComplete="username"
          required
          value={form.values.email}
          onChange={(e) => form.setValue('email', e.currentTarget.value)}
          error={form.errors.email}
        />
        <PasswordInput
          label={labels.password}
          autoComplete="current-password"
          required
          value={form.values.password}
          onChange={(e) => form.setValue('password', e.currentTarget.value)}
          error={form.errors.password}
        />
        <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
          Sign in
        </Button>
        <Text size="sm" c="dimmed" ta="center">
          Forgotten your password, or never had one? Ask an administrator for a new link.
        </Text>
      </Stack>
    </form>
  );
}
