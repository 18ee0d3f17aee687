import { Badge, Button, EmptyState, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { AuditEvent } from '../../../shared/schemas/audit.ts';
import { formatDateTime } from '../../lib/dates.ts';

/** What a record type is called in a sentence. */
const targetNames: Record<string, string> = {
  conversation: 'a conversation',
  'conversation-record': "a conversation's shared record",
  'manager-prep': "a manager's preparation",
  'conversation-private-note': 'a private note',
  'person-private-note': 'private notes',
  'conversation-scheduling': 'scheduling',
  'career-record': 'the career record',
  'what-matters': 'a What Matters exercise',
  what_matters: 'a What Matters exercise',
  'action-item': 'an action item',
  action_item: 'an action item',
  assessment: 'an assessment',
  'assessment-list': 'the assessments',
  placement: 'track and level',
  'gap-analysis': 'the gap analysis',
  person: 'the account',
  'access-log': 'the access log',
  audit_trail: 'the audit trail',
  'audit-trail': 'the audit trail',
  'personal-export': 'the personal export',
  contract: 'the development contract',
};

const roleNames: Record<string, string> = {
  admin: 'Admin',
  people_team: 'People team',
  anonymous: 'Not signed in',
  system: 'Trajectory',
};

export function targetName(type: string): string {
  return targetNames[type] ?? type.replace(/[-_]/g, ' ');
}

function Who({ event, selfId }: { event: AuditEvent; selfId: string | null }) {
  const role = roleNames[event.actorRole];
  if (!event.actor) return <Text size="sm">{role ?? 'Someone not signed in'}</Text>;
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" fw={500}>
        {event.actor.id === selfId ? 'You' : event.actor.name}
      </Text>
      {role && (
        <Badge size="xs" variant="light" color="gray">
          {role}
        </Badge>
      )}
    </Stack>
  );
}

/**
 * Audit events as a table: when, who, what and whether it was allowed. `showSubject` adds whose
 * record it was (the organisation trail); `selfId` shows the viewer's own actions as "You".
 */
export function AuditEventTable({
  events,
  selfId,
  showSubject = false,
  caption,
  label,
}: {
  events: AuditEvent[];
  /** Names the scrollable table for assistive technology. */
  label: string;
  selfId: string | null;
  showSubject?: boolean;
  caption: string;
}) {
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {caption}
      </Text>
      <Table.ScrollContainer
        minWidth={showSubject ? 820 : 560}
        type="native"
        // Keyboard users scroll a table wider than the screen too (WCAG 2.1.1).
        tabIndex={0}
        role="region"
        aria-label={label}
      >
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={170}>
                When
              </Table.Th>
              <Table.Th scope="col">Who</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              {showSubject && <Table.Th scope="col">Whose record</Table.Th>}
              <Table.Th scope="col" w={112}>
                Outcome
              </Table.Th>
              {showSubject && <Table.Th scope="col">Address</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(event.at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Who event={event} selfId={selfId} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{event.label}</Text>
                  <Text size="xs" c="dimmed">
                    {targetName(event.targetType)}
                    {event.reason && event.action !== 'authz.denied' ? ` · ${event.reason}` : ''}
                  </Text>
                </Table.Td>
                {showSubject && (
                  <Table.Td>
                    <Text size="sm">{event.subject?.name ?? '—'}</Text>
                  </Table.Td>
                )}
                <Table.Td>
                  {event.decision === 'allow' ? (
                    <Badge variant="light" color="teal">
                      Allowed
                    </Badge>
                  ) : (
                    <Badge variant="light" color="red">
                      Refused
                    </Badge>
                  )}
                </Table.Td>
                {showSubject && (
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {event.ip ?? '—'}
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function EventsSkeleton({ label }: { label: string }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label={label}>
      {Array.from({ length: 5 }, (_, index) => (
        <Skeleton key={index} h={44} />
      ))}
    </Stack>
  );
}

export function NoEvents({ title, description }: { title: string; description: string }) {
  return (
    <EmptyState
      py="xl"
      icon={<IconShieldCheck size={28} aria-hidden />}
      withIndicatorBackground
      title={title}
      description={description}
    />
  );
}

export function MoreEvents({
  hasMore,
  isLoading,
  shown,
  onLoad,
}: {
  hasMore: boolean;
  isLoading: boolean;
  shown: number;
  onLoad: () => void;
}) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {hasMore ? `Showing the latest ${shown} events` : `Showing all ${shown} events`}
      </Text>
      {hasMore && (
        <Button variant="default" loading={isLoading} onClick={onLoad}>
          Show older events
        </Button>
      )}
    </Group>
  );
}
