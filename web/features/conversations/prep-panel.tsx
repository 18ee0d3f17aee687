import { Badge, Button, EmptyState, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconLock, IconShare } from '@tabler/icons-react';
import type { Conversation } from '../../../shared/schemas/conversations.ts';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { usePrep, useSavePrepAnswer, useSharePrep, useTimeline } from './api.ts';
import { AutosaveTextarea } from './autosave-textarea.tsx';

/** What was agreed last time and what is still open, so preparing starts from there. */
function LastTime({ engineerId }: { engineerId: string }) {
  const timeline = useTimeline(engineerId, ['summary']);
  const last = timeline.data?.lastSummary;
  if (!timeline.isSuccess || (!last && timeline.data.openActionItems.length === 0)) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Last time">
      <Text fw={600} mb={4}>
        Last time
      </Text>
      {last && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
          {last.goals || last.discussed}
        </Text>
      )}
      {timeline.data.openActionItems.length > 0 && (
        <Text size="sm" mt={4}>
          Still open: {timeline.data.openActionItems.map((item) => item.text).join(' · ')}
        </Text>
      )}
    </Paper>
  );
}

/**
 * The engineer's prep: every prompt with a private draft, shared one by one or all at once. The
 * manager sees only what was shared.
 */
export function PrepPanel({
  conversation,
  viewerId,
}: {
  conversation: Conversation;
  viewerId: string;
}) {
  const prep = usePrep(conversation.id);
  const save = useSavePrepAnswer(conversation.id);
  const share = useSharePrep(conversation.id);
  const isEngineer = conversation.engineer.id === viewerId;
  if (prep.isPending) return <Skeleton h={200} />;
  if (prep.isError) return <QueryError error={prep.error} onRetry={() => void prep.refetch()} />;
  const { items, abilities } = prep.data;
  const unshared = items.filter((i) => i.answer && !i.isShared);

  if (!isEngineer)
    return items.length === 0 ? (
      <EmptyState
        icon={<IconLock aria-hidden />}
        title="Nothing shared yet"
        description={`${conversation.engineer.name}'s prep answers stay private until they choose to share them.`}
      />
    ) : (
      <Stack>
        {items.map((item) => (
          <Paper key={item.key} withBorder p="md" radius="md">
            <Text fw={600} mb={4}>
              {item.prompt}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{item.answer}</Text>
          </Paper>
        ))}
      </Stack>
    );

  return (
    <Stack>
      <LastTime engineerId={conversation.engineer.id} />
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          Your answers are private drafts. Only what you share is visible to{' '}
          {conversation.manager.name}; nobody else ever sees them.
        </Text>
        {abilities.share && (
          <Button
            variant="light"
            leftSection={<IconShare size={16} aria-hidden />}
            disabled={unshared.length === 0}
            loading={share.isPending}
            onClick={() => share.mutate({ all: true })}
          >
            Share all answers
          </Button>
        )}
      </Group>
      {share.isError && (
        <Text c="red" size="sm" role="alert">
          {messageOf(share.error)}
        </Text>
      )}
      {items.map((item, index) => (
        <Paper key={item.key} withBorder p="md" radius="md">
          <AutosaveTextarea
            label={`${index + 1}. ${item.prompt}`}
            initialValue={item.answer}
            readOnly={!abilities.answer}
            onSave={(answer) => save.mutateAsync({ key: item.key, answer })}
          />
          <Group justify="flex-end" mt="xs">
            {item.isShared ? (
              <Badge color="teal" variant="light" leftSection={<IconShare size={12} aria-hidden />}>
                Shared
              </Badge>
            ) : (
              <>
                <Badge
                  color="gray"
                  variant="light"
                  leftSection={<IconLock size={12} aria-hidden />}
                >
                  Private
                </Badge>
                {abilities.share && (
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={`Share answer ${index + 1}`}
                    disabled={!item.answer}
                    onClick={() => share.mutate({ keys: [item.key] })}
                  >
                    Share
                  </Button>
                )}
              </>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
