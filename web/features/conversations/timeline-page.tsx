import { useState } from 'react';
import {
  Anchor,
  Badge,
  Chip,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconCircleCheck,
  IconFileText,
  IconHeart,
  IconMessages,
  IconStairsUp,
} from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { timelineItemTypes } from '../../../shared/schemas/conversations.ts';
import type { TimelineItem, TimelineItemType } from '../../../shared/schemas/conversations.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useTimeline } from './api.ts';

const typeLabels: Record<TimelineItemType, string> = {
  conversation: 'Conversations',
  summary: 'Summaries',
  acknowledgement: 'Acknowledgements',
  what_matters: 'What Matters',
  assessment: 'Ladder sync-ups',
};
const icons: Record<TimelineItemType, React.ReactNode> = {
  conversation: <IconMessages size={12} aria-hidden />,
  summary: <IconFileText size={12} aria-hidden />,
  acknowledgement: <IconCircleCheck size={12} aria-hidden />,
  what_matters: <IconHeart size={12} aria-hidden />,
  assessment: <IconStairsUp size={12} aria-hidden />,
};

function ItemTitle({ item }: { item: TimelineItem }) {
  if (item.conversationId)
    return (
      <Anchor
        component={Link}
        to={`/conversations/${item.conversationId}${item.type === 'conversation' ? '' : '?tab=summary'}`}
      >
        {item.title}
      </Anchor>
    );
  if (item.assessmentId)
    return (
      <Anchor component={Link} to={`/assessments/${item.assessmentId}`}>
        {item.title}
      </Anchor>
    );
  if (item.type === 'what_matters')
    return (
      <Anchor component={Link} to="/what-matters">
        {item.title}
      </Anchor>
    );
  return <>{item.title}</>;
}

/** One engineer's career timeline, filterable; the engineer's own or a report's for their manager. */
export default function TimelinePage() {
  const session = useSignedInSession();
  const { id = session.person.id } = useParams();
  const [types, setTypes] = useState<string[]>([...timelineItemTypes]);
  const timeline = useTimeline(id, types as TimelineItemType[]);
  const isSelf = id === session.person.id;
  return (
    <Page size={900}>
      <PageHeader
        title={isSelf ? 'My timeline' : `Timeline of ${timeline.data?.engineer.name ?? '…'}`}
        description="Conversations, summaries, acknowledgements, What Matters and ladder sync-ups, newest first."
      />
      <Chip.Group multiple value={types} onChange={setTypes}>
        <Group mb="lg" gap="xs" role="group" aria-label="Show">
          {timelineItemTypes.map((type) => (
            <Chip key={type} value={type} size="sm">
              {typeLabels[type]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {timeline.isPending && types.length > 0 && <Skeleton h={200} />}
      {timeline.isError && <QueryError error={timeline.error} />}
      {timeline.isSuccess && (
        <Stack gap="lg">
          {timeline.data.lastSummary && (
            <Paper withBorder radius="md" p="md" component="section" aria-label="Last summary">
              <Title order={2} fz="md" mb={4}>
                Last summary
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                Sent {formatDateTime(timeline.data.lastSummary.sentAt)}
                {timeline.data.lastSummary.nextCheckInOn &&
                  ` · next check-in ${formatDate(timeline.data.lastSummary.nextCheckInOn)}`}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                {timeline.data.lastSummary.discussed || timeline.data.lastSummary.goals}
              </Text>
              {timeline.data.openActionItems.length > 0 && (
                <Text size="sm" mt="xs">
                  Still open: {timeline.data.openActionItems.map((i) => i.text).join(' · ')}
                </Text>
              )}
            </Paper>
          )}
          {timeline.data.items.length === 0 ? (
            <Text c="dimmed">Nothing yet.</Text>
          ) : (
            <Timeline bulletSize={22} lineWidth={2}>
              {timeline.data.items.map((item) => (
                <Timeline.Item
                  key={item.id}
                  bullet={icons[item.type]}
                  title={<ItemTitle item={item} />}
                >
                  <Group gap="xs">
                    <Text size="xs" c="dimmed">
                      {formatDateTime(item.at)}
                    </Text>
                    {item.status && (
                      <Badge size="xs" variant="light">
                        {(item.status === 'completed' ? 'held' : item.status).replace(/_/g, ' ')}
                      </Badge>
                    )}
                  </Group>
                  {item.detail && (
                    <Text size="sm" lineClamp={2}>
                      {item.detail}
                    </Text>
                  )}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      )}
    </Page>
  );
}
