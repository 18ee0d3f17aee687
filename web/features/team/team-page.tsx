import { useState } from 'react';
import {
  Anchor,
  Avatar,
  Badge,
  EmptyState,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ContractFacts, TeamMember } from '../../../shared/schemas/cadence.ts';
import { initialsOf } from '../../components/ui/initials.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import {
  conversationKindShortLabels,
  dueText,
  obligationKindLabels,
  stateColors,
} from '../../lib/cadence.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useTeam } from './api.ts';

const contractLabels: Record<ContractFacts['status'], { label: string; color: string }> = {
  active: { label: 'Plan active', color: 'teal' },
  draft: { label: 'Plan in draft', color: 'violet' },
  paused: { label: 'Plan paused', color: 'yellow' },
  completed: { label: 'Plan completed', color: 'gray' },
  superseded: { label: 'Plan superseded', color: 'gray' },
};

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: '2-digit',
});
/** "29 Nov" this year, "29 Nov 25" before. */
function shortDate(at: string): string {
  const date = new Date(at);
  return (date.getFullYear() === new Date().getFullYear() ? dayMonth : dayMonthYear).format(date);
}

const isOnCadence = (m: TeamMember) =>
  !m.obligations.some((o) => o.state === 'overdue' && o.kind.endsWith('_conversation'));

function PersonCell({ member }: { member: TeamMember }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar radius="xl" color="indigo" aria-hidden>
        {initialsOf(member.person.name)}
      </Avatar>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor component={Link} to={`/people/${member.person.id}`} fw={600} size="sm">
          {member.person.name}
        </Anchor>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {member.person.title || 'No title'}
        </Text>
        <Text size="xs" c="dimmed">
          Since {formatDate(member.managerSince)}
        </Text>
      </Stack>
    </Group>
  );
}

function NextCell({ member }: { member: TeamMember }) {
  const next = member.next;
  if (!next)
    return (
      <Text size="sm" c="dimmed">
        Nothing scheduled to track
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text size="sm" fw={550}>
        {obligationKindLabels[next.kind]}
      </Text>
      {next.conversation && (
        <Text size="xs" c="indigo">
          Scheduled {formatDate(next.conversation.startsAt)}
        </Text>
      )}
      <Tooltip label={`Due ${formatDateTime(next.dueAt)}`} withArrow>
        <Text
          size="xs"
          c={next.state === 'upcoming' ? 'dimmed' : stateColors[next.state]}
          fw={next.state === 'overdue' ? 600 : 400}
          tabIndex={0}
        >
          {dueText(next)}
        </Text>
      </Tooltip>
    </Stack>
  );
}

function LastConversationsCell({ member }: { member: TeamMember }) {
  const recent = [...member.lastConversations].sort((a, b) => b.heldAt.localeCompare(a.heldAt));
  if (recent.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None held yet
      </Text>
    );
  return (
    <Stack gap={8}>
      {recent.slice(0, 3).map((c) => (
        <Group key={c.kind} gap={6} wrap="nowrap" justify="space-between">
          <Anchor
            component={Link}
            to={`/conversations/${c.conversationId}`}
            size="xs"
            lineClamp={1}
          >
            {conversationKindShortLabels[c.kind]}
          </Anchor>
          <Text c="dimmed" size="xs" style={{ whiteSpace: 'nowrap' }}>
            {shortDate(c.heldAt)}
          </Text>
        </Group>
      ))}
      {recent.length > 3 && (
        <Text size="xs" c="dimmed">
          and {recent.length - 3} more kinds
        </Text>
      )}
    </Stack>
  );
}

function PlanCell({ member }: { member: TeamMember }) {
  const contract = member.contract;
  const check = member.obligations.find((o) => o.kind === 'plan_check');
  if (!contract)
    return (
      <Anchor component={Link} to={`/people/${member.person.id}/contracts`} size="xs">
        No plan yet
      </Anchor>
    );
  const status = contractLabels[contract.status];
  return (
    <Stack gap={4}>
      <Badge size="sm" variant="light" color={status.color} w="fit-content">
        {status.label}
      </Badge>
      {contract.isStale && (
        <Text size="xs" c="grape" fw={600}>
          Not referenced lately
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {contract.lastReviewedAt
          ? `Reviewed ${formatDate(contract.lastReviewedAt)}`
          : 'Not reviewed yet'}
      </Text>
      {check && (
        <Text size="xs" c={check.state === 'overdue' ? 'red' : 'dimmed'}>
          Plan check:{' '}
          {dueText(check)
            .replace(/^Due /, 'due ')
            .replace(/^Overdue /, 'overdue ')}
        </Text>
      )}
    </Stack>
  );
}

function CommitmentsCell({ member }: { member: TeamMember }) {
  const c = member.commitments;
  const line = (label: string, open: number, overdue: number) => (
    <Text size="xs">
      {label}: <strong>{open}</strong>
      {overdue > 0 && (
        <Text span c="red" fw={600} size="xs">
          {' '}
          ({overdue} overdue)
        </Text>
      )}
    </Text>
  );
  return (
    <Stack gap={2}>
      {line('You owe', c.managerOpen, c.managerOverdue)}
      {line('They owe', c.engineerOpen, c.engineerOverdue)}
    </Stack>
  );
}

function AcknowledgementCell({ member }: { member: TeamMember }) {
  const a = member.acknowledgement;
  if (a.overdue > 0 || a.awaiting > 0)
    return (
      <Stack gap={0}>
        <Text size="xs">{a.awaiting} waiting for acknowledgement</Text>
        {a.overdue > 0 && (
          <Text size="xs" c="red" fw={600}>
            {a.overdue} past due
          </Text>
        )}
      </Stack>
    );
  return (
    <Text size="xs" c="dimmed">
      {a.lastAcknowledgedAt
        ? `All acknowledged · last ${formatDate(a.lastAcknowledgedAt)}`
        : 'No summaries yet'}
    </Text>
  );
}

function TeamStat({
  label,
  value,
  tone,
}: {
  label: string;
  value: string | number;
  tone?: string;
}) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={tone} mt={4}>
        {value}
      </Text>
    </Paper>
  );
}

/** A manager's direct reports: cadence, plan, commitments and acknowledgements at a glance. */
export default function TeamPage() {
  const team = useTeam();
  const [filter, setFilter] = useState<'all' | 'attention'>('all');
  const members = team.data?.members ?? [];
  const needsAttention = members.filter((m) => m.overdueCount > 0);
  const shown = filter === 'all' ? members : needsAttention;
  return (
    <Page size={1280}>
      <PageHeader
        title="Your team"
        description="Each report’s career conversations: what was held, what is next and what is late. Dates and statuses only; what was said stays in each conversation."
      />
      {team.isPending && <Skeleton h={320} radius="lg" />}
      {team.isError && <QueryError error={team.error} onRetry={() => void team.refetch()} />}
      {team.isSuccess && members.length === 0 && (
        <EmptyState
          icon={<IconUsersGroup aria-hidden />}
          title="Nobody reports to you"
          description="When people report to you in Trajectory, their career conversations show up here."
        />
      )}
      {members.length > 0 && (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <TeamStat label="Reports" value={members.length} />
            <TeamStat
              label="On cadence"
              value={`${members.filter(isOnCadence).length} of ${members.length}`}
            />
            <TeamStat
              label="Need attention"
              value={needsAttention.length}
              tone={needsAttention.length > 0 ? 'red' : undefined}
            />
          </SimpleGrid>
          <Group justify="space-between">
            <SegmentedControl
              aria-label="Which reports to show"
              value={filter}
              onChange={(value) => setFilter(value === 'attention' ? 'attention' : 'all')}
              data={[
                { value: 'all', label: `Everyone (${members.length})` },
                { value: 'attention', label: `Needs attention (${needsAttention.length})` },
              ]}
            />
          </Group>
          <Paper withBorder radius="lg">
            <Table.ScrollContainer minWidth={980}>
              <Table
                verticalSpacing="sm"
                horizontalSpacing="md"
                highlightOnHover
                aria-label="Your reports"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Person</Table.Th>
                    <Table.Th>Next due</Table.Th>
                    <Table.Th>Last held</Table.Th>
                    <Table.Th>Development plan</Table.Th>
                    <Table.Th>Open commitments</Table.Th>
                    <Table.Th>Summaries</Table.Th>
                    <Table.Th>Overdue</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((member) => (
                    <Table.Tr key={member.person.id}>
                      <Table.Td>
                        <PersonCell member={member} />
                      </Table.Td>
                      <Table.Td>
                        <NextCell member={member} />
                      </Table.Td>
                      <Table.Td>
                        <LastConversationsCell member={member} />
                      </Table.Td>
                      <Table.Td>
                        <PlanCell member={member} />
                      </Table.Td>
                      <Table.Td>
                        <CommitmentsCell member={member} />
                      </Table.Td>
                      <Table.Td>
                        <AcknowledgementCell member={member} />
                      </Table.Td>
                      <Table.Td>
                        {member.overdueCount > 0 ? (
                          <Tooltip
                            label={member.obligations
                              .filter((o) => o.state === 'overdue')
                              .map((o) => obligationKindLabels[o.kind])
                              .join(', ')}
                            withArrow
                          >
                            <Badge color="red" variant="filled" tabIndex={0}>
                              {member.overdueCount}
                            </Badge>
                          </Tooltip>
                        ) : (
                          <Text size="sm" c="teal" fw={600}>
                            None
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {shown.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={7}>
                        <Text size="sm" c="dimmed" ta="center" py="md">
                          Nobody needs attention right now.
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
