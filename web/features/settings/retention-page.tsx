import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import type { RetentionSettings } from '../../../shared/schemas/retention.ts';
import {
  RETENTION_BOUNDS,
  updateRetentionSettingsSchema,
} from '../../../shared/schemas/retention.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError, messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useRetentionSettings, useUpdateRetentionSettings } from './retention-api.ts';

type Field = 'privateReflectionsMonths' | 'formerEmployeesMonths';

interface PeriodValue {
  isLimited: boolean;
  months: number;
}

type FormValues = Record<Field, PeriodValue>;

const SUGGESTED: Record<Field, number> = {
  privateReflectionsMonths: 24,
  formerEmployeesMonths: 12,
};

const fromSettings = (settings: RetentionSettings): FormValues => ({
  privateReflectionsMonths: {
    isLimited: settings.privateReflectionsMonths !== null,
    months: settings.privateReflectionsMonths ?? SUGGESTED.privateReflectionsMonths,
  },
  formerEmployeesMonths: {
    isLimited: settings.formerEmployeesMonths !== null,
    months: settings.formerEmployeesMonths ?? SUGGESTED.formerEmployeesMonths,
  },
});

const periods: { key: Field; title: string; switchLabel: string; explanation: string }[] = [
  {
    key: 'privateReflectionsMonths',
    title: 'Private notes and unshared preparation',
    switchLabel: 'Remove private notes and preparation after a while',
    explanation:
      'Private notes (an engineer’s own, and a manager’s about their reports), preparation answers that were never shared and a manager’s talking points. Each is removed once it has not been edited for this many months. Anything shared with the other person stays.',
  },
  {
    key: 'formerEmployeesMonths',
    title: 'People who have left',
    switchLabel: 'Remove what people who left wrote, and what was written about them',
    explanation:
      'Counted from the day someone is deactivated. Then the text of their conversations, summaries, action items, development contracts, What Matters exercises and assessments is removed, with their own private notes. Their name stays in the directory, and the fact that conversations happened and plans existed stays in the figures.',
  },
];

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const update = useUpdateRetentionSettings();
  const [values, setValues] = useState<FormValues>(() => fromSettings(settings));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // The version this form started from (ADR 080): saving over another admin's change is refused.
  const baseVersion = useRef(settings.version);
  const stale =
    update.error instanceof ApiError && update.error.isStale
      ? (update.error.current as RetentionSettings)
      : null;
  const set = (key: Field, value: Partial<PeriodValue>) =>
    setValues((current) => ({ ...current, [key]: { ...current[key], ...value } }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const monthsOf = (key: Field) => (values[key].isLimited ? values[key].months : null);
    const parsed = updateRetentionSettingsSchema.safeParse({
      privateReflectionsMonths: monthsOf('privateReflectionsMonths'),
      formerEmployeesMonths: monthsOf('formerEmployeesMonths'),
    });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0]) as Field] = issue.message;
      return setErrors(next);
    }
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
      <Stack gap="lg">
        {settings.version === 0 && (
          <Alert color="blue" title="Nothing is removed yet">
            No retention periods have been set, so Trajectory keeps everything until you choose
            otherwise.
          </Alert>
        )}
        {periods.map(({ key, title, switchLabel, explanation }) => (
          <Stack key={key} gap="xs">
            <Title order={2} fz="lg">
              {title}
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              {explanation}
            </Text>
            <Switch
              label={switchLabel}
              checked={values[key].isLimited}
              onChange={(event) => set(key, { isLimited: event.currentTarget.checked })}
            />
            {values[key].isLimited ? (
              <NumberInput
                label="Months"
                description={`Between ${RETENTION_BOUNDS[key].min} and ${RETENTION_BOUNDS[key].max}.`}
                value={values[key].months}
                onChange={(value) => set(key, { months: typeof value === 'number' ? value : NaN })}
                min={RETENTION_BOUNDS[key].min}
                max={RETENTION_BOUNDS[key].max}
                allowDecimal={false}
                error={errors[key]}
                maw={200}
              />
            ) : (
              <Text size="sm">Kept for as long as Trajectory runs.</Text>
            )}
          </Stack>
        ))}
        {stale ? (
          <Alert color="orange" role="alert" title="Someone else changed these periods">
            <Text size="sm" mb="sm">
              Another admin saved the retention periods after you opened this page, so yours were
              not saved. Load theirs to review them, then make your change again.
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
              Load the saved periods
            </Button>
          </Alert>
        ) : (
          update.isError && (
            <Alert color="red" role="alert" title="The periods were not saved">
              {messageOf(update.error)}
            </Alert>
          )
        )}
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed">
            {settings.updatedAt
              ? `Last changed ${formatDateTime(settings.updatedAt)}${settings.updatedBy ? ` by ${settings.updatedBy.name}` : ''}.`
              : ''}
          </Text>
          <Group gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {update.isSuccess ? 'Saved.' : ''}
            </Text>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Admin settings: how long private reflections and the content of people who left are kept. */
export default function RetentionPage() {
  const settings = useRetentionSettings();
  return (
    <Page size={860}>
      <PageHeader
        title="Data retention"
        description="Choose how long Trajectory keeps private writing and the records of people who have left. Removal happens once a day and cannot be undone."
      />
      <Stack gap="xl">
        <Paper withBorder p="lg" radius="md">
          <Stack gap="xs">
            <Title order={2} fz="lg">
              What is never removed by these settings
            </Title>
            <List size="sm" spacing={4}>
              <List.Item>Shared records of people who are still here.</List.Item>
              <List.Item>
                Dates, kinds and outcomes of conversations, and whether a plan existed, so the
                coverage figures stay right.
              </List.Item>
              <List.Item>
                The audit trail: it holds who did what and when, never what anyone wrote.
              </List.Item>
              <List.Item>
                Backups: removed information stays in them until the backups themselves expire.
              </List.Item>
            </List>
          </Stack>
        </Paper>
        {settings.isPending && <Skeleton height={420} radius="md" />}
        {settings.isError && (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        )}
        {settings.data && <RetentionForm settings={settings.data} />}
      </Stack>
    </Page>
  );
}
