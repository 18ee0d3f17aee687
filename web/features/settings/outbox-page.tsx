import { useState } from 'react';
import {
  Alert,
  Badge,
  Code,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Spoiler,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import type { OutboxMessage } from '../../../shared/schemas/cadence.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useOutbox } from './api.ts';

const statusColors: Record<OutboxMessage['status'], string> = {
  sent: 'teal',
  queued: 'blue',
  retrying: 'grape',
};

const kindLabels: Record<string, string> = {
  'calendar.invite': 'Invitation',
  'calendar.cancel': 'Cancellation',
  'digest.weekly': 'Weekly digest',
  'reminder.engineer_prep': 'Prep prompt',
  'reminder.manager_prep': 'Manager prep',
  'reminder.summary_due': 'Summary due',
  'reminder.summary_overdue': 'Summary overdue',
  'reminder.acknowledgement': 'Summary to acknowledge',
  'reminder.acknowledgement.with_summary': 'Summary to acknowledge',
  'reminder.acknowledgement_overdue': 'Acknowledgement overdue',
  'reminder.plan_check': 'Plan check',
};

/** Admins: what Trajectory has queued and sent by mail, and what is failing. */
export default function OutboxPage() {
  const [status, setStatus] = useState<'all' | 'unsent' | 'sent'>('all');
  const outbox = useOutbox(status);
  const data = outbox.data;
  return (
    <Page size={1200}>
      <PageHeader
        title="Outbox"
        description="Every reminder and invitation Trajectory queued, to whom and whether it went out. A message that carries a pair’s own summary is never shown here."
      />
      {outbox.isPending && <Skeleton h={300} radius="lg" />}
      {outbox.isError && <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />}
      {data && (
        <Stack gap="lg">
          {!data.isSmtpConfigured && (
            <Alert
              color="red"
              variant="light"
              icon={<IconMailOff size={18} aria-hidden />}
              title="Mail is not being sent"
            >
              SMTP_URL is not set, so messages wait here (and in the server log). Set it and
              restart: everything queued is then sent, once.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            {(['queued', 'retrying', 'sent'] as const).map((key) => (
              <Paper key={key} withBorder radius="lg" p="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                  {key === 'retrying' ? 'Retrying' : key === 'queued' ? 'Waiting' : 'Sent'}
                </Text>
                <Text
                  fz={26}
                  fw={700}
                  c={key === 'retrying' && data.counts.retrying > 0 ? 'grape' : undefined}
                >
                  {data.counts[key]}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Group>
            <SegmentedControl
              aria-label="Which messages to show"
              value={status}
              onChange={(value) =>
                setStatus(value === 'sent' ? 'sent' : value === 'unsent' ? 'unsent' : 'all')
              }
              data={[
                { value: 'all', label: 'All' },
                { value: 'unsent', label: 'Not sent yet' },
                { value: 'sent', label: 'Sent' },
              ]}
            />
          </Group>
          <Paper withBorder radius="lg">
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Outbox messages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th miw={120}>Queued</Table.Th>
                    <Table.Th>To</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Subject and text</Table.Th>
                    <Table.Th miw={130}>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Text size="xs">{formatDateTime(m.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{m.recipient?.name ?? m.to}</Text>
                        <Text size="xs" c="dimmed">
                          {m.to}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{kindLabels[m.kind] ?? m.kind}</Text>
                      </Table.Td>
                      <Table.Td maw={420}>
                        <Text size="sm" fw={500}>
                          {m.subject}
                        </Text>
                        {m.body === null ? (
                          <Text size="xs" c="dimmed">
                            Carries the pair’s own summary: not shown.
                          </Text>
                        ) : (
                          <Spoiler
                            maxHeight={0}
                            showLabel="Show the text"
                            hideLabel="Hide the text"
                          >
                            <Code block mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                              {m.body}
                            </Code>
                          </Spoiler>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={statusColors[m.status]} variant="light">
                          {m.status === 'sent'
                            ? 'Sent'
                            : m.status === 'retrying'
                              ? `Retrying (${m.attempts})`
                              : 'Waiting'}
                        </Badge>
                        {m.sentAt && (
                          <Text size="xs" c="dimmed">
                            {formatDateTime(m.sentAt)}
                          </Text>
                        )}
                        {m.lastError && (
                          <Text size="xs" c="grape">
                            {m.lastError}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {data.items.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Text size="sm" c="dimmed" ta="center" py="md">
                          No messages here.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </Stack>
      )}
    </Page>
  );
}
