import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import { updateCadencePolicySchema } from '../../../shared/schemas/cadence.ts';
import type { CadenceSettings } from '../../../shared/schemas/cadence.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError, messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import {
  useCadenceSettings,
  useMailSettings,
  useUpdateCadencePolicy,
  useUpdateMailSettings,
} from './api.ts';

type Field = keyof CadencePolicy;

const fields: { key: Field; label: string; unit: string; description: string }[] = [
  {
    key: 'initialWithinDays',
    label: 'First conversation',
    unit: 'days',
    description: 'How soon a new manager holds the first career conversation.',
  },
  {
    key: 'quarterlyEveryDays',
    label: 'Quarterly review',
    unit: 'days',
    description: 'Time between progress reviews against the development plan.',
  },
  {
    key: 'annualEveryDays',
    label: 'Full career conversation',
    unit: 'days',
    description: 'Where now, where to and closing the gap, once per cycle.',
  },
  {
    key: 'planCheckEveryDays',
    label: 'Plan check',
    unit: 'days',
    description: 'How often an active development plan gets a short check-in.',
  },
  {
    key: 'prepLeadDays',
    label: 'Prep prompts',
    unit: 'days before',
    description: 'When the engineer is asked to prepare.',
  },
  {
    key: 'summaryWithinHours',
    label: 'Summary',
    unit: 'hours after',
    description: 'When the manager’s written summary is due.',
  },
  {
    key: 'acknowledgeWithinDays',
    label: 'Acknowledgement',
    unit: 'days after',
    description: 'When the engineer acknowledges the summary or asks for a change.',
  },
  {
    key: 'staleAfterDays',
    label: 'Stale plan',
    unit: 'days',
    description: 'A plan nobody has referenced for this long counts as stale.',
  },
  {
    key: 'dueSoonDays',
    label: 'Due soon',
    unit: 'days',
    description: 'From how far ahead an obligation shows as due soon.',
  },
];

/** An error about one of the policy's fields, shown under that field rather than below the form. */
function isFieldError(error: unknown): error is ApiError & { field: Field } {
  return error instanceof ApiError && fields.some((f) => f.key === error.field);
}

function PolicyForm() {
  const settings = useCadenceSettings();
  if (settings.isError)
    return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Skeleton h={360} />;
  return <PolicyEditor data={settings.data} />;
}

function PolicyEditor({ data }: { data: CadenceSettings }) {
  const update = useUpdateCadencePolicy();
  const [values, setValues] = useState<Record<Field, number | string>>(() => ({ ...data.policy }));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const canEdit = data.abilities.update;
  // The version this form started from (ADR 080): saving over someone else's change is refused.
  const baseVersion = useRef(data.version);
  const stale =
    update.error instanceof ApiError && update.error.isStale
      ? (update.error.current as CadenceSettings)
      : null;

  async function save(next: Record<Field, number | string>) {
    const parsed = updateCadencePolicySchema.safeParse({
      ...Object.fromEntries(
        Object.entries(next).map(([k, v]) => [k, v === '' ? undefined : Number(v)]),
      ),
      baseVersion: baseVersion.current,
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    try {
      const saved = await update.mutateAsync(parsed.data);
      baseVersion.current = saved.version;
      notifications.show({
        color: 'teal',
        message: 'The cadence policy is saved. Every due date now follows it.',
      });
    } catch (error) {
      if (isFieldError(error)) setErrors({ [error.field]: error.message });
    }
  }

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="policy-title">
      <Title order={2} fz="lg" id="policy-title">
        Cadence policy
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="md">
        The one set of rules behind every due date: home pages, reminders, calendars and dashboards.{' '}
        {data.updatedAt && data.updatedBy
          ? `Last changed by ${data.updatedBy.name}, ${formatDateTime(data.updatedAt)}.`
          : 'These are the recommended defaults.'}
      </Text>
      {!canEdit && (
        <Alert variant="light" color="gray" mb="md">
          Only the people team and admins change the policy.
        </Alert>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(values);
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
          {fields.map((f) => (
            <NumberInput
              key={f.key}
              label={f.label}
              description={`${f.description} Default ${data.defaults[f.key]} ${f.unit}.`}
              rightSection={
                <Text size="xs" c="dimmed" pr="xs">
                  {f.unit}
                </Text>
              }
              rightSectionWidth={84}
              allowDecimal={false}
              // Say what is wrong instead of silently changing what was typed.
              clampBehavior="none"
              min={1}
              value={values[f.key]}
              error={errors[f.key]}
              readOnly={!canEdit}
              onChange={(value) => setValues({ ...values, [f.key]: value })}
            />
          ))}
        </SimpleGrid>
        {canEdit && (
          <Group mt="lg" gap="sm">
            <Button type="submit" loading={update.isPending}>
              Save policy
            </Button>
            <Button
              variant="default"
              onClick={() => {
                const defaults = { ...data.defaults };
                setValues(defaults);
                void save(defaults);
              }}
            >
              Go back to the defaults
            </Button>
          </Group>
        )}
        {stale ? (
          <Alert color="orange" role="alert" mt="md" title="Someone else changed the policy">
            <Text size="sm" mb="sm">
              {stale.updatedBy
                ? `${stale.updatedBy.name} saved the policy after you opened this page`
                : 'The policy was saved by someone else after you opened this page'}
              , so your values were not saved. Load the saved policy to review it, then make your
              change again.
            </Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                baseVersion.current = stale.version;
                setValues({ ...stale.policy });
                setErrors({});
                update.reset();
              }}
            >
              Load the saved policy
            </Button>
          </Alert>
        ) : (
          update.isError &&
          !isFieldError(update.error) && (
            <Text c="red" size="sm" role="alert" mt="sm">
              {messageOf(update.error)}
            </Text>
          )
        )}
      </form>
    </Paper>
  );
}

function MailSettingsCard() {
  const settings = useMailSettings();
  const update = useUpdateMailSettings();
  const isStale = update.error instanceof ApiError && update.error.isStale;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="mail-title">
      <Title order={2} fz="lg" id="mail-title">
        What mail may carry
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="md">
        Mail to anyone outside a pair only ever carries links. Mail to the engineer may carry the
        pair’s own summary, so they can read it where they are; turn this on to send links only.
      </Text>
      {settings.isPending && <Skeleton h={40} />}
      {settings.isError && <QueryError error={settings.error} />}
      {settings.data && (
        <Stack gap="sm">
          <Switch
            label="Send links only, never a summary"
            checked={settings.data.isLinkOnly}
            disabled={update.isPending}
            onChange={(event) =>
              update.mutate({
                isLinkOnly: event.currentTarget.checked,
                baseVersion: settings.data.version,
              })
            }
          />
          {isStale ? (
            <Alert color="orange" variant="light" role="alert">
              Another admin changed this setting after you opened the page, so your change was not
              saved. The switch now shows their choice; change it again if you still want to.
            </Alert>
          ) : (
            update.isError && (
              <Alert color="red" variant="light" role="alert">
                {messageOf(update.error)}
              </Alert>
            )
          )}
          {!settings.data.isSmtpConfigured && (
            <Alert color="red" variant="light">
              No mail server is set up (SMTP_URL), so mail waits in the outbox page instead of being
              sent.
            </Alert>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** Admin settings for cadence: the policy (people team too) and the link-only mail switch. */
export default function CadencePolicyPage() {
  const session = useSignedInSession();
  return (
    <Page size={1000}>
      <PageHeader
        title="Cadence and reminders"
        description="How often career conversations happen, when things fall due, and what reminders may say."
      />
      <Stack gap="xl">
        <PolicyForm />
        {session.person.isAdmin && <MailSettingsCard />}
      </Stack>
    </Page>
  );
}
