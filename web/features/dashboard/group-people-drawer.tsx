import { Anchor, Badge, Drawer, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { QueryError } from '../../components/ui/query-error.tsx';
import { conversationKindLabels, obligationKindLabels, stateColors } from '../../lib/cadence.ts';
import { formatDate } from '../../lib/dates.ts';
import { useGroupPeople } from './api.ts';

const planLabels = {
  active: 'Active',
  draft: 'Draft',
  paused: 'Paused',
  completed: 'Completed',
  superseded: 'Superseded',
} as const;

/** The people behind one group of the dashboard: names, dates and statuses, never content. */
export function GroupPeopleDrawer({
  group,
  managerId,
  onClose,
}: {
  group: { key: string; label: string } | null;
  managerId: string | null;
  onClose: () => void;
}) {
  const people = useGroupPeople(group?.key ?? null, managerId);
  return (
    <Drawer
      opened={group !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={group ? `People in ${group.label}` : ''}
    >
      <Text size="sm" c="dimmed" mb="md">
        Names, dates and statuses only. What was said stays with each pair.
      </Text>
      {people.isPending && <Skeleton h={200} />}
      {people.isError && <QueryError error={people.error} />}
      {people.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label={`People in ${group?.label ?? 'the group'}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Last held</Table.Th>
                <Table.Th>Open and late</Table.Th>
                <Table.Th>Plan</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.people.map((p) => {
                const late = p.obligations.filter((o) => o.state === 'overdue');
                return (
                  <Table.Tr key={p.person.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={`/people/${p.person.id}`} size="sm" fw={600}>
                          {p.person.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          Reports to {p.manager.name} since {formatDate(p.managerSince)}
                        </Text>
                        <Badge
                          mt={4}
                          size="xs"
                          variant="light"
                          color={p.isOnCadence ? 'teal' : 'red'}
                          w="fit-content"
                        >
                          {p.isOnCadence ? 'On cadence' : 'Behind cadence'}
                        </Badge>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {p.lastConversation ? (
                        <Text size="xs">
                          {conversationKindLabels[p.lastConversation.kind]} ·{' '}
                          {formatDate(p.lastConversation.heldAt)}
                        </Text>
                      ) : (
                        <Text size="xs" c="dimmed">
                          None yet
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {late.length === 0 ? (
                        <Text size="xs" c="dimmed">
                          Nothing late
                        </Text>
                      ) : (
                        <Group gap={4}>
                          {late.map((o) => (
                            <Badge
                              key={o.kind}
                              size="xs"
                              color={stateColors[o.state]}
                              variant="light"
                            >
                              {obligationKindLabels[o.kind]} · {formatDate(o.dueAt)}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.contract ? (
                        <Stack gap={2}>
                          <Text size="xs">{planLabels[p.contract.status]}</Text>
                          {p.contract.isStale && (
                            <Text size="xs" c="grape">
                              Not referenced lately
                            </Text>
                          )}
                        </Stack>
                      ) : (
                        <Text size="xs" c="dimmed">
                          No plan
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Drawer>
  );
}
