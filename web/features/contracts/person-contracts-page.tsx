import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFileText, IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { ContractMeta } from '../../../shared/schemas/contracts.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useContractsOf, usePerson } from './api.ts';
import { HandoverNotes } from './handover-notes.tsx';
import { contractStatusLabels } from './labels.ts';

function StatusBadge({ status }: { status: ContractMeta['status'] }) {
  const { label, color } = contractStatusLabels[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}

/**
 * An engineer's development contracts: the one in force, a draft being written, and earlier
 * ones. Leaders and the people team see status and dates only. `/contract` shows one's own.
 */
export default function PersonContractsPage() {
  const session = useSignedInSession();
  const { id = session.person.id } = useParams();
  const isSelf = id === session.person.id;
  const person = usePerson(id);
  const contracts = useContractsOf(id);
  const items = contracts.data?.items ?? [];
  const current = items.find((c) => c.status === 'active' || c.status === 'paused');
  const draft = items.find((c) => c.status === 'draft');
  const canCreate = contracts.data?.abilities.create ?? false;
  const canRead = items.some((c) => c.abilities.read);
  const name = person.data?.name ?? '';

  return (
    <Page size={960}>
      <PageHeader
        title={isSelf ? 'My development contract' : `Development contract — ${name}`}
        documentTitle={isSelf ? 'My development contract' : 'Development contract'}
        description="One living plan per engineer, agreed by both sides, reviewed regularly and kept with every earlier version."
        actions={
          canCreate &&
          !draft && (
            <Button
              component={Link}
              to={`/people/${id}/contracts/new`}
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {current ? 'Write the next contract' : 'Write a contract'}
            </Button>
          )
        }
      />
      <Stack gap="xl">
        <HandoverNotes engineerId={isSelf ? null : id} />
        {contracts.isPending && <Skeleton h={160} radius="md" />}
        {contracts.isError && (
          <QueryError error={contracts.error} onRetry={() => void contracts.refetch()} />
        )}
        {contracts.isSuccess && items.length === 0 && (
          <Paper withBorder radius="lg" p="xl">
            <Stack gap="xs" align="flex-start">
              <Title order={2} fz="lg">
                No development contract yet
              </Title>
              <Text c="dimmed" maw={620}>
                {canCreate
                  ? 'A contract usually comes out of a closing-the-gap conversation. You can also start one here and fill it in together.'
                  : 'When a contract is written, it shows here.'}
              </Text>
            </Stack>
          </Paper>
        )}
        {contracts.isSuccess && !canRead && items.length > 0 && (
          <Alert variant="light" color="gray" title="Status and dates only">
            You can see that a plan exists and when it is reviewed. What it says stays between the
            engineer and their manager.
          </Alert>
        )}
        {[current, draft].map(
          (contract) =>
            contract &&
            contract.abilities.read && (
              <Paper key={contract.id} withBorder radius="lg" p="lg">
                <Group justify="space-between" align="flex-start">
                  <Stack gap={4}>
                    <Group gap="xs">
                      <Title order={2} fz="lg">
                        {contract.status === 'draft' ? 'Draft being written' : 'Current contract'}
                      </Title>
                      <StatusBadge status={contract.status} />
                    </Group>
                    <Text size="sm" c="dimmed">
                      {contract.activeSince
                        ? `Agreed ${formatDate(contract.activeSince)}`
                        : `Started ${formatDate(contract.createdAt)}`}
                      {contract.nextReviewOn &&
                        ` · next review ${formatDate(contract.nextReviewOn)}`}
                    </Text>
                  </Stack>
                  <Button
                    component={Link}
                    to={`/contracts/${contract.id}`}
                    variant={contract.status === 'draft' ? 'default' : 'filled'}
                    leftSection={<IconFileText size={16} aria-hidden />}
                  >
                    {contract.status === 'draft' ? 'Continue the draft' : 'Open the contract'}
                  </Button>
                </Group>
              </Paper>
            ),
        )}
        {items.length > 0 && (
          <section aria-labelledby="all-contracts">
            <Title order={2} fz="lg" id="all-contracts" mb="sm">
              All contracts
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Started</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Last reviewed</Table.Th>
                    <Table.Th>Next review</Table.Th>
                    <Table.Th>Closed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((contract) => (
                    <Table.Tr key={contract.id}>
                      <Table.Td>
                        {contract.abilities.read ? (
                          <Anchor component={Link} to={`/contracts/${contract.id}`}>
                            {formatDate(contract.createdAt)}
                          </Anchor>
                        ) : (
                          formatDate(contract.createdAt)
                        )}
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={contract.status} />
                      </Table.Td>
                      <Table.Td>
                        {contract.lastReviewedAt ? formatDate(contract.lastReviewedAt) : '—'}
                      </Table.Td>
                      <Table.Td>
                        {contract.nextReviewOn ? formatDate(contract.nextReviewOn) : '—'}
                      </Table.Td>
                      <Table.Td>{contract.closedAt ? formatDate(contract.closedAt) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        )}
      </Stack>
    </Page>
  );
}
