import { useState } from 'react';
import { Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useAccessLog } from './api.ts';
import { AuditEventTable, EventsSkeleton, MoreEvents, NoEvents } from './audit-event-table.tsx';

/** Who has accessed one person's record: what others did by default, everything on request. */
export function AccessLogCard({
  personId,
  selfId,
  isOwn,
}: {
  personId: string;
  selfId: string;
  isOwn: boolean;
}) {
  const [scope, setScope] = useState<'others' | 'all'>('others');
  const log = useAccessLog(personId, scope === 'all');
  const events = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="access-log-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4} maw={620}>
            <Title order={2} size="h3" id="access-log-title">
              {isOwn ? 'Who has accessed your record' : 'Who has accessed this record'}
            </Title>
            <Text size="sm" c="dimmed">
              Every time someone other than {isOwn ? 'you' : 'the person'} opens a shared
              conversation, a summary, a contract, a shared What Matters exercise or an assessment,
              it is written here — and so is every refused attempt. It shows what was opened, never
              what it says.
            </Text>
          </Stack>
          <SegmentedControl
            aria-label="Which events to show"
            value={scope}
            onChange={(value) => setScope(value === 'all' ? 'all' : 'others')}
            data={[
              { value: 'others', label: 'By others' },
              { value: 'all', label: isOwn ? 'Including yours' : 'Everything' },
            ]}
          />
        </Group>
        {log.isPending ? (
          <EventsSkeleton label="Loading the access log" />
        ) : log.isError ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : events.length === 0 ? (
          <NoEvents
            title={
              scope === 'others' ? 'Nobody else has opened anything yet' : 'Nothing recorded yet'
            }
            description={
              scope === 'others'
                ? 'When your manager reads a shared record, or anyone is refused, it appears here.'
                : 'Sign-ins, exports and reads of this record will appear here.'
            }
          />
        ) : (
          <>
            <AuditEventTable
              label="Access log events"
              events={events}
              selfId={selfId}
              caption={`Newest first. Times are shown in your time zone.`}
            />
            <MoreEvents
              hasMore={log.hasNextPage}
              isLoading={log.isFetchingNextPage}
              shown={events.length}
              onLoad={() => void log.fetchNextPage()}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
