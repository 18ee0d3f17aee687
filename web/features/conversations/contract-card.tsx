import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileCertificate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Contract } from '../../../shared/schemas/contracts.ts';
import type { Conversation } from '../../../shared/schemas/conversations.ts';
import { api, messageOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';

function useLinkedContract(id: string | null) {
  return useQuery({
    queryKey: ['contracts', id ?? 'none'],
    queryFn: ({ signal }) => api<Contract>(`/api/contracts/${id}`, { signal }),
    enabled: id !== null,
  });
}

/**
 * The development contract in a conversation: a quarterly shows the plan it reviews; a
 * closing-the-gap conversation offers to write the contract from it.
 */
export function ContractCard({ conversation }: { conversation: Conversation }) {
  const contract = useLinkedContract(conversation.contractId);
  if (conversation.access !== 'participant') return null;
  if (!conversation.contractId) {
    if (conversation.kind !== 'close_gap' || !conversation.abilities.edit) return null;
    return (
      <Paper withBorder radius="md" p="md" component="section" aria-label="Development contract">
        <Group justify="space-between" align="center">
          <Stack gap={2}>
            <Title order={2} fz="md">
              Development contract
            </Title>
            <Text size="sm" c="dimmed">
              This conversation is where the plan gets written. Start it together now.
            </Text>
          </Stack>
          <Button
            component={Link}
            to={`/people/${conversation.engineer.id}/contracts/new?from=${conversation.id}`}
            leftSection={<IconFileCertificate size={16} aria-hidden />}
          >
            Write the contract from this conversation
          </Button>
        </Group>
      </Paper>
    );
  }
  const data = contract.data;
  const current = data?.versions.at(-1);
  const open = data?.commitments.filter((c) => !c.isDone) ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Development contract">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={2} fz="md">
          Development contract
        </Title>
        <Anchor component={Link} to={`/contracts/${conversation.contractId}`} size="sm">
          Open the contract
        </Anchor>
      </Group>
      {contract.isPending && <Skeleton h={80} />}
      {contract.isError && (
        <Text size="sm" c="dimmed">
          {messageOf(contract.error)}
        </Text>
      )}
      {data && current && (
        <Stack gap="xs">
          <Text fw={600}>{current.developmentGoal}</Text>
          <Group gap="xs">
            <Badge variant="light" color={current.isAgreed ? 'teal' : 'red'}>
              {current.isAgreed
                ? `Version ${current.version} agreed`
                : `Version ${current.version} not agreed by both`}
            </Badge>
            {data.nextReviewOn && (
              <Text size="sm" c="dimmed">
                Next review {formatDate(data.nextReviewOn)}
              </Text>
            )}
          </Group>
          <Stack component="ul" gap={2} style={{ margin: 0, paddingLeft: 18 }}>
            {current.goals.map((goal) => (
              <Text component="li" size="sm" key={goal.id}>
                {goal.description} — due {formatDate(goal.dueOn)}
              </Text>
            ))}
          </Stack>
          <Text size="sm" c={open.some((c) => c.isOverdue) ? 'red' : 'dimmed'}>
            {open.length} open commitment{open.length === 1 ? '' : 's'}
            {open.some((c) => c.isOverdue)
              ? `, ${open.filter((c) => c.isOverdue).length} overdue`
              : ''}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
