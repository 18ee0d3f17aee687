import {
  ActionIcon,
  Alert,
  Button,
  CopyButton,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconRefresh, IconTrash } from '@tabler/icons-react';
import type { ReminderKind } from '../../../shared/schemas/cadence.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import {
  useCalendarFeed,
  useCreateCalendarFeed,
  useReminderPreferences,
  useRevokeCalendarFeed,
  useUpdateReminderPreferences,
} from './api.ts';

const reminderTexts: Record<ReminderKind, { label: string; description: string }> = {
  engineer_prep: {
    label: 'Prep prompts',
    description: 'A few days before a conversation, a nudge to think through the prep prompts.',
  },
  acknowledgement: {
    label: 'Summaries to acknowledge',
    description:
      'When your manager sends a summary, and once more if it is still waiting after the week.',
  },
  plan_check: {
    label: 'Monthly plan check',
    description: 'When the monthly check-in on your development plan comes up.',
  },
  manager_prep: {
    label: 'Preparing as a manager',
    description: 'The day before you meet a report, a reminder to go through the prep checklist.',
  },
  summary: {
    label: 'Summaries you owe',
    description: 'When a summary is due after a conversation you held, and if it runs late.',
  },
  weekly_digest: {
    label: 'Weekly digest',
    description: 'Monday morning, in your own time zone: what is overdue with your reports.',
  },
  calendar_invites: {
    label: 'Calendar invitations',
    description: 'An invitation, update or cancellation by email for each career conversation.',
  },
};

const groups: { title: string; kinds: ReminderKind[] }[] = [
  { title: 'About your own career', kinds: ['engineer_prep', 'acknowledgement', 'plan_check'] },
  { title: 'If people report to you', kinds: ['manager_prep', 'summary', 'weekly_digest'] },
  { title: 'Calendar', kinds: ['calendar_invites'] },
];

function Reminders() {
  const preferences = useReminderPreferences();
  const update = useUpdateReminderPreferences();
  const isOn = (kind: ReminderKind) =>
    preferences.data?.items.find((i) => i.kind === kind)?.isEnabled ?? true;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="reminders-title">
      <Title order={2} fz="lg" id="reminders-title">
        Email reminders
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="md">
        Each reminder follows a due date from your organisation’s cadence and is sent once. Turn off
        what does not help you.
      </Text>
      {preferences.isPending && <Skeleton h={240} />}
      {preferences.isError && (
        <QueryError error={preferences.error} onRetry={() => void preferences.refetch()} />
      )}
      {preferences.data && (
        <Stack gap="lg">
          {groups.map((group) => (
            <Stack key={group.title} gap="sm">
              <Text fw={600} size="sm">
                {group.title}
              </Text>
              {group.kinds.map((kind) => (
                <Switch
                  key={kind}
                  label={reminderTexts[kind].label}
                  description={reminderTexts[kind].description}
                  checked={isOn(kind)}
                  disabled={update.isPending}
                  onChange={(event) => update.mutate({ [kind]: event.currentTarget.checked })}
                />
              ))}
            </Stack>
          ))}
          {update.isError && (
            <Text c="red" size="sm" role="alert">
              {messageOf(update.error)}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function CalendarFeedCard() {
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const url = feed.data?.url ?? null;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="feed-title">
      <Title order={2} fz="lg" id="feed-title">
        Your calendar feed
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="md">
        Subscribe from Google Calendar, Outlook or Apple Calendar to see your career conversations
        and what falls due, kept up to date. Titles are neutral and nothing anyone wrote is in it.
      </Text>
      {feed.isPending && <Skeleton h={80} />}
      {feed.isError && <QueryError error={feed.error} onRetry={() => void feed.refetch()} />}
      {feed.data && !url && (
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          Create my feed address
        </Button>
      )}
      {url && (
        <Stack gap="md">
          <Alert color="indigo" variant="light" title="Keep this address to yourself">
            Anyone who has it can read your calendar of career conversations. If it leaks, replace
            it: the old address stops working at once.
          </Alert>
          <TextInput
            label="Feed address"
            value={url}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            rightSection={
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                    <ActionIcon
                      variant="subtle"
                      onClick={copy}
                      aria-label={copied ? 'Copied' : 'Copy the feed address'}
                    >
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            }
            description={
              feed.data?.createdAt ? `Created ${formatDateTime(feed.data.createdAt)}` : undefined
            }
          />
          <List size="sm" spacing={4}>
            <List.Item>Google Calendar: Other calendars → From URL → paste the address.</List.Item>
            <List.Item>Outlook: Add calendar → Subscribe from web → paste the address.</List.Item>
            <List.Item>
              Apple Calendar: File → New Calendar Subscription → paste the address.
            </List.Item>
          </List>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => create.mutate()}
              loading={create.isPending}
            >
              Replace the address
            </Button>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => revoke.mutate()}
              loading={revoke.isPending}
            >
              Turn the feed off
            </Button>
          </Group>
        </Stack>
      )}
      {(create.isError || revoke.isError) && (
        <Text c="red" size="sm" role="alert" mt="sm">
          {messageOf(create.error ?? revoke.error)}
        </Text>
      )}
    </Paper>
  );
}

/** Each person's reminder choices and secret calendar feed. */
export default function NotificationsPage() {
  return (
    <Page size={820}>
      <PageHeader
        title="Notifications and calendar"
        description="Choose which reminders reach you by email, and follow your career conversations in your own calendar."
      />
      <Stack gap="xl">
        <Reminders />
        <CalendarFeedCard />
      </Stack>
    </Page>
  );
}
