import { useId } from 'react';
import {
  Anchor,
  Badge,
  Checkbox,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Commitment } from '../../../shared/schemas/contracts.ts';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { useCommitments, useSetCommitmentDone } from './api.ts';

interface ListProps {
  /** Heading level of the list's title (2 on the home page). */
  titleOrder?: 2 | 3 | 4;
}

/**
 * The signed-in manager's "I owe" list: every open promise they made to their reports, overdue
 * first, plus promises handed over by a previous manager that wait for them. Self-contained.
 */
export function OwedCommitments({ titleOrder = 2 }: ListProps) {
  return (
    <CommitmentList
      view="owed"
      titleOrder={titleOrder}
      title="What I owe"
      description="Promises you made to the people you manage, most urgent first."
      empty="You owe nothing right now. Promises you make in conversations and development contracts appear here."
    />
  );
}

/** The signed-in engineer's "promised to me" list: what their manager committed to. */
export function PromisedToMe({ titleOrder = 2 }: ListProps) {
  return (
    <CommitmentList
      view="promised"
      titleOrder={titleOrder}
      title="Promised to me"
      description="What your manager committed to do for you, most urgent first."
      empty="No open promises from your manager. When they commit to something for you, it shows here with its due date."
    />
  );
}

function CommitmentList({
  view,
  title,
  description,
  empty,
  titleOrder,
}: {
  view: 'owed' | 'promised';
  title: string;
  description: string;
  empty: string;
  titleOrder: 2 | 3 | 4;
}) {
  const headingId = useId();
  const query = useCommitments(view);
  const setDone = useSetCommitmentDone();
  const items = query.data?.items ?? [];
  const overdue = items.filter((item) => item.isOverdue).length;
  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={titleOrder} fz="lg" id={headingId}>
          {title}
        </Title>
        {overdue > 0 && (
          <Badge color="red" variant="light">
            {overdue} overdue
          </Badge>
        )}
      </Group>
      <Text c="dimmed" size="sm" mt={2} mb="sm">
        {description}
      </Text>
      {query.isPending && (
        <Group gap="xs" aria-live="polite">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Loading…
          </Text>
        </Group>
      )}
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        </Paper>
      )}
      {items.length > 0 && (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => (
            <CommitmentRow
              key={item.id}
              item={item}
              view={view}
              isSaving={setDone.isPending && setDone.variables?.id === item.id}
              onDone={(isDone) => setDone.mutate({ id: item.id, isDone })}
            />
          ))}
        </Stack>
      )}
      {setDone.isError && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {messageOf(setDone.error)}
        </Text>
      )}
    </section>
  );
}

function CommitmentRow({
  item,
  view,
  isSaving,
  onDone,
}: {
  item: Commitment;
  view: 'owed' | 'promised';
  isSaving: boolean;
  onDone: (isDone: boolean) => void;
}) {
  const other = view === 'owed' ? item.engineer.name : item.manager.name;
  const link = item.contractId
    ? { to: `/contracts/${item.contractId}`, label: 'development contract' }
    : item.conversationId
      ? { to: `/conversations/${item.conversationId}`, label: 'conversation' }
      : null;
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={2}
          aria-label={`Done: ${item.text}`}
          checked={item.isDone}
          disabled={!item.abilities.update || isSaving}
          onChange={(event) => onDone(event.currentTarget.checked)}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {item.text}
          </Text>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {view === 'owed' ? `For ${other}` : `From ${other}`}
            </Text>
            {link && (
              <Anchor component={Link} to={link.to} size="sm">
                Open the {link.label}
                <VisuallyHidden> for “{item.text}”</VisuallyHidden>
              </Anchor>
            )}
          </Group>
          {item.isAwaitingTakeOver && (
            <Text size="sm" fw={500}>
              <IconAlertTriangle
                size={14}
                color="var(--mantine-color-orange-6)"
                aria-hidden
                style={{ verticalAlign: -2, marginRight: 4 }}
              />
              {view === 'owed'
                ? `Made by ${item.manager.name} before you became ${item.engineer.name}’s manager: take it over or renegotiate it.`
                : `Made by ${item.manager.name}; waiting for your new manager to take it over or renegotiate it.`}
            </Text>
          )}
        </Stack>
        {item.dueOn && (
          <Badge
            variant={item.isOverdue ? 'filled' : 'light'}
            color={item.isOverdue ? 'red' : 'gray'}
            style={{ flexShrink: 0 }}
          >
            {item.isOverdue
              ? `Overdue · ${formatDate(item.dueOn)}`
              : `Due ${formatDate(item.dueOn)}`}
          </Badge>
        )}
      </Group>
    </Paper>
  );
}
