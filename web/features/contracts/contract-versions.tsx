import { useState } from 'react';
import { Badge, Group, Paper, Select, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconCheck, IconPencil } from '@tabler/icons-react';
import { compareVersions } from '../../../shared/contracts/compare-versions.ts';
import type { Contract, ContractVersion } from '../../../shared/schemas/contracts.ts';
import { formatDateTime } from '../../lib/dates.ts';

const kindLabels = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;
const kindColors = { added: 'teal', removed: 'red', changed: 'blue' } as const;

function agreementText(version: ContractVersion, contract: Contract): string {
  const engineer = version.engineerAgreedAt
    ? `${contract.engineer.name} agreed ${formatDateTime(version.engineerAgreedAt)}`
    : `${contract.engineer.name} has not agreed`;
  const manager = version.managerAgreedAt
    ? `${version.managerAgreedBy?.name ?? 'The manager'} agreed ${formatDateTime(version.managerAgreedAt)}`
    : 'the manager has not agreed';
  return `${engineer}; ${manager}.`;
}

/** Every version, newest first, and a field-by-field comparison of any two. */
export function ContractVersions({ contract }: { contract: Contract }) {
  const numbers = contract.versions.map((v) => String(v.version));
  const latest = contract.versions.length;
  const [from, setFrom] = useState<string | null>(String(Math.max(1, latest - 1)));
  const [to, setTo] = useState<string | null>(String(latest));
  const before = contract.versions.find((v) => String(v.version) === from);
  const after = contract.versions.find((v) => String(v.version) === to);
  const changes = before && after ? compareVersions(before, after) : [];
  return (
    <Stack gap="xl">
      <section aria-labelledby="compare">
        <Title order={2} fz="lg" id="compare">
          Compare two versions
        </Title>
        <Group mt="sm" align="flex-end">
          <Select
            label="From version"
            data={numbers}
            value={from}
            onChange={setFrom}
            w={140}
            allowDeselect={false}
          />
          <Select
            label="To version"
            data={numbers}
            value={to}
            onChange={setTo}
            w={140}
            allowDeselect={false}
          />
        </Group>
        {latest < 2 ? (
          <Text c="dimmed" mt="sm">
            There is only one version so far. Each saved change adds a version you can compare here.
          </Text>
        ) : changes.length === 0 ? (
          <Text c="dimmed" mt="sm">
            These two versions say the same thing.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640} mt="sm">
            <Table
              verticalSpacing="sm"
              aria-label={`Changes from version ${from} to version ${to}`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={200}>Part</Table.Th>
                  <Table.Th>Version {from}</Table.Th>
                  <Table.Th>Version {to}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change) => (
                  <Table.Tr key={change.key}>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Text fw={500} size="sm">
                          {change.label}
                        </Text>
                        <Badge size="xs" variant="light" color={kindColors[change.kind]}>
                          {kindLabels[change.kind]}
                        </Badge>
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      {change.before ?? (
                        <Text c="dimmed" size="sm">
                          (nothing)
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      {change.after ?? (
                        <Text c="dimmed" size="sm">
                          (nothing)
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
      <section aria-labelledby="history">
        <Title order={2} fz="lg" id="history" mb="sm">
          History
        </Title>
        <Paper withBorder radius="md" p="md">
          <Timeline active={-1} bulletSize={24} lineWidth={2}>
            {[...contract.versions].reverse().map((version) => (
              <Timeline.Item
                key={version.version}
                bullet={
                  version.isAgreed ? (
                    <IconCheck size={14} aria-hidden />
                  ) : (
                    <IconPencil size={14} aria-hidden />
                  )
                }
                title={
                  <Group gap="xs">
                    <Text fw={600}>Version {version.version}</Text>
                    {version.isAgreed && (
                      <Badge size="sm" color="teal" variant="light">
                        Agreed by both
                      </Badge>
                    )}
                  </Group>
                }
              >
                <Text size="sm" c="dimmed">
                  Saved {formatDateTime(version.savedAt)}
                  {version.savedBy ? ` by ${version.savedBy.name}` : ''}.
                  {version.changeNote ? ` “${version.changeNote}”` : ''}
                </Text>
                <Text size="sm">{agreementText(version, contract)}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </section>
    </Stack>
  );
}
