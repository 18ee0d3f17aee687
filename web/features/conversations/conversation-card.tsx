import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Conversation } from '../../../shared/schemas/conversations.ts';
import { kindLabels, statusLabels, summaryLabels } from './labels.ts';

/** The start in the viewer's own zone when they take part, else the engineer's. */
export function localStartFor(conversation: Conversation, personId: string): string {
  const mine = conversation.localStarts.find((l) => l.personId === personId);
  return (mine ?? conversation.localStarts[0])?.display ?? conversation.startsAt;
}

export function ConversationCard({
  conversation,
  viewerId,
}: {
  conversation: Conversation;
  viewerId: string;
}) {
  const other =
    conversation.engineer.id === viewerId ? conversation.manager : conversation.engineer;
  const status = statusLabels[conversation.status];
  const summary = summaryLabels[conversation.summaryStatus];
  const title = `${kindLabels[conversation.kind]} with ${other.name}`;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          {conversation.access === 'participant' ? (
            <Anchor component={Link} to={`/conversations/${conversation.id}`} fw={600}>
              {title}
            </Anchor>
          ) : (
            <Text fw={600}>
              {kindLabels[conversation.kind]}: {conversation.engineer.name} with{' '}
              {conversation.manager.name}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {localStartFor(conversation, viewerId)} · {conversation.durationMinutes} min
          </Text>
        </Stack>
        <Group gap="xs">
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
          {conversation.status !== 'cancelled' && (
            <Badge color={summary.color} variant="outline">
              {summary.label}
            </Badge>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
