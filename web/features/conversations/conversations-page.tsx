import { Button, EmptyState, Skeleton, Stack, Tabs, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarPlus, IconMessages } from '@tabler/icons-react';
import type { Conversation } from '../../../shared/schemas/conversations.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useSignedInSession } from '../../lib/session.ts';
import { useConversations } from './api.ts';
import { ConversationCard } from './conversation-card.tsx';
import { ScheduleModal } from './schedule-modal.tsx';

function List({
  items,
  viewerId,
  empty,
}: {
  items: Conversation[];
  viewerId: string;
  empty: string;
}) {
  if (items.length === 0) return <EmptyState icon={<IconMessages aria-hidden />} title={empty} />;
  return (
    <Stack gap="sm">
      {items.map((c) => (
        <ConversationCard key={c.id} conversation={c} viewerId={viewerId} />
      ))}
    </Stack>
  );
}

/** Conversations the viewer takes part in, and — as metadata — those of their part of the org. */
export default function ConversationsPage() {
  const session = useSignedInSession();
  const me = session.person.id;
  const conversations = useConversations();
  const [isScheduling, scheduling] = useDisclosure(false);
  const items = conversations.data?.items ?? [];
  const now = new Date().toISOString();
  const mine = items.filter((c) => c.access === 'participant');
  const upcoming = mine.filter(
    (c) => c.status !== 'completed' && c.status !== 'cancelled' && c.endsAt >= now,
  );
  const past = mine.filter((c) => !upcoming.includes(c));
  const team = items.filter((c) => c.access === 'metadata');

  return (
    <Page>
      <PageHeader
        title="Conversations"
        description="Career conversations you take part in. Prepare privately, hold them with a guide, and keep every summary."
        actions={
          <Button
            leftSection={<IconCalendarPlus size={16} aria-hidden />}
            onClick={scheduling.open}
          >
            Propose a conversation
          </Button>
        }
      />
      {conversations.isPending && <Skeleton h={120} />}
      {conversations.isError && (
        <QueryError error={conversations.error} onRetry={() => void conversations.refetch()} />
      )}
      {conversations.isSuccess && (
        <Tabs defaultValue="upcoming" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="upcoming">Upcoming ({upcoming.length})</Tabs.Tab>
            <Tabs.Tab value="past">Past ({past.length})</Tabs.Tab>
            {team.length > 0 && <Tabs.Tab value="team">My org ({team.length})</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="upcoming">
            <List items={[...upcoming].reverse()} viewerId={me} empty="Nothing scheduled yet" />
          </Tabs.Panel>
          <Tabs.Panel value="past">
            <List items={past} viewerId={me} empty="No past conversations" />
          </Tabs.Panel>
          <Tabs.Panel value="team">
            <Title order={2} fz="md" mb="xs" c="dimmed">
              Dates and status only — what was said stays with each pair.
            </Title>
            <List items={team} viewerId={me} empty="Nothing here" />
          </Tabs.Panel>
        </Tabs>
      )}
      <ScheduleModal opened={isScheduling} onClose={scheduling.close} />
    </Page>
  );
}
