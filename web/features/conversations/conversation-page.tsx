import {
  Anchor,
  Badge,
  Button,
  DataList,
  Group,
  Paper,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowLeft,
  IconCalendarEvent,
  IconCheck,
  IconPlayerPlay,
  IconX,
} from '@tabler/icons-react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Conversation } from '../../../shared/schemas/conversations.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useConversation, useConversationTransition } from './api.ts';
import { kindLabels, statusLabels, summaryLabels } from './labels.ts';
import { ContractCard } from './contract-card.tsx';
import { ManagerPrepPanel } from './manager-prep-panel.tsx';
import { PrepPanel } from './prep-panel.tsx';
import { RescheduleModal } from './reschedule-modal.tsx';
import { SummaryPanel } from './summary-panel.tsx';

const historyLabels: Record<string, string> = {
  proposed: 'Proposed',
  confirmed: 'Confirmed',
  rescheduled: 'Moved',
  cancelled: 'Cancelled',
  completed: 'Held',
};

function Overview({ conversation }: { conversation: Conversation }) {
  const transition = useConversationTransition(conversation.id);
  const [isMoving, moving] = useDisclosure(false);
  const { abilities } = conversation;
  const nameOf = (id: string) =>
    id === conversation.engineer.id ? conversation.engineer.name : conversation.manager.name;
  return (
    <Stack>
      <ContractCard conversation={conversation} />
      <Paper withBorder radius="md" p="md">
        <DataList labelWidth={160}>
          {conversation.localStarts.map((local) => (
            <DataList.Item key={local.personId}>
              <DataList.ItemLabel>For {nameOf(local.personId)}</DataList.ItemLabel>
              <DataList.ItemValue>
                {local.display} ({local.timezone})
              </DataList.ItemValue>
            </DataList.Item>
          ))}
          <DataList.Item>
            <DataList.ItemLabel>Length</DataList.ItemLabel>
            <DataList.ItemValue>{conversation.durationMinutes} minutes</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Place or link</DataList.ItemLabel>
            <DataList.ItemValue>{conversation.place || '—'}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Agenda</DataList.ItemLabel>
            <DataList.ItemValue style={{ whiteSpace: 'pre-wrap' }}>
              {conversation.agenda || '—'}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
        <Group mt="md">
          {abilities.confirm && (
            <Button
              leftSection={<IconCheck size={16} aria-hidden />}
              onClick={() => transition.mutate({ action: 'confirmation' })}
            >
              Confirm the time
            </Button>
          )}
          {abilities.reschedule && (
            <Button
              variant="default"
              leftSection={<IconCalendarEvent size={16} aria-hidden />}
              onClick={moving.open}
            >
              Move
            </Button>
          )}
          {abilities.complete && (
            <Button variant="light" onClick={() => transition.mutate({ action: 'completion' })}>
              Mark as held
            </Button>
          )}
          {abilities.cancel && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconX size={16} aria-hidden />}
              onClick={() => transition.mutate({ action: 'cancellation' })}
            >
              Cancel
            </Button>
          )}
        </Group>
        {transition.isError && (
          <Text c="red" size="sm" role="alert" mt="xs">
            {messageOf(transition.error)}
          </Text>
        )}
      </Paper>
      {isMoving && (
        <RescheduleModal conversation={conversation} opened={isMoving} onClose={moving.close} />
      )}
      {conversation.history && (
        <Paper withBorder radius="md" p="md" component="section" aria-label="Schedule history">
          <Title order={2} fz="md" mb="sm">
            Schedule history
          </Title>
          <Timeline bulletSize={16} lineWidth={2}>
            {conversation.history.map((event) => (
              <Timeline.Item
                key={`${event.at}-${event.action}`}
                title={`${historyLabels[event.action] ?? event.action} by ${event.actor?.name ?? 'someone'}`}
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(event.at)} · for {formatDateTime(event.startsAt)}
                </Text>
                {event.reason && <Text size="sm">{event.reason}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      )}
    </Stack>
  );
}

/** One conversation: overview, prep (each side), the summary, and a way into conversation mode. */
export default function ConversationPage() {
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const [params, setParams] = useSearchParams();
  const conversation = useConversation(id);
  if (conversation.isPending) return <Skeleton h={300} />;
  if (conversation.isError) return <QueryError error={conversation.error} />;
  const c = conversation.data;
  const me = session.person.id;
  const other = c.engineer.id === me ? c.manager : c.engineer;
  const isManager = c.manager.id === me;
  const tab = params.get('tab') ?? 'overview';
  const status = statusLabels[c.status];
  const summary = summaryLabels[c.summaryStatus];
  return (
    <Page>
      <PageHeader
        title={
          c.access === 'participant'
            ? `${kindLabels[c.kind]} with ${other.name}`
            : `${kindLabels[c.kind]}: ${c.engineer.name} with ${c.manager.name}`
        }
        description={(c.localStarts.find((l) => l.personId === me) ?? c.localStarts[0])?.display}
        before={
          <Anchor component={Link} to="/conversations" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden /> Conversations
            </Group>
          </Anchor>
        }
        actions={
          <>
            <Badge color={status.color} variant="light" size="lg">
              {status.label}
            </Badge>
            <Badge color={summary.color} variant="outline" size="lg">
              {summary.label}
            </Badge>
            {isManager && (
              <Button component={Link} to={`/people/${c.engineer.id}/timeline`} variant="default">
                Timeline
              </Button>
            )}
            {c.access === 'participant' && c.status !== 'cancelled' && (
              <Button
                component={Link}
                to={`/conversations/${c.id}/mode`}
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
              >
                Conversation mode
              </Button>
            )}
          </>
        }
      />
      {c.access === 'metadata' ? (
        <Text c="dimmed">
          You can see when this conversation happens; what is said stays with the pair.
        </Text>
      ) : (
        <Tabs
          value={tab}
          onChange={(value) => setParams(value ? { tab: value } : {})}
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="overview">Overview</Tabs.Tab>
            <Tabs.Tab value="prep">{isManager ? 'Shared prep' : 'My prep'}</Tabs.Tab>
            {isManager && <Tabs.Tab value="manager-prep">Manager prep</Tabs.Tab>}
            <Tabs.Tab value="summary">Summary</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="overview">
            <Overview conversation={c} />
          </Tabs.Panel>
          <Tabs.Panel value="prep">
            <PrepPanel conversation={c} viewerId={me} />
          </Tabs.Panel>
          {isManager && (
            <Tabs.Panel value="manager-prep">
              <ManagerPrepPanel conversation={c} />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="summary">
            <SummaryPanel conversation={c} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Page>
  );
}
