import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type {
  ImportRowChange,
  PeopleImportResult,
} from '../../../shared/schemas/people-imports.ts';

function Count({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Group gap="xs" align="baseline">
        <Text fz={28} fw={700} c={value > 0 ? color : undefined}>
          {value}
        </Text>
      </Group>
    </Paper>
  );
}

function ChangesTable({ title, rows }: { title: string; rows: ImportRowChange[] }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label={title}>
      <Title order={3} fz="md" mb="xs">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder verticalSpacing="xs" aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={70}>
                Row
              </Table.Th>
              <Table.Th scope="col">Person</Table.Th>
              <Table.Th scope="col">Changes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {row.changes.length > 0 ? row.changes.join('; ') : 'New person'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

/** What a CSV file does (preview) or did (applied): counts, then every row that changes or fails. */
export function ImportResult({ result }: { result: PeopleImportResult }) {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Count
          label={result.isApplied ? 'Created' : 'To create'}
          value={result.creates.length}
          color="teal.8"
        />
        <Count
          label={result.isApplied ? 'Updated' : 'To update'}
          value={result.updates.length}
          color="indigo.7"
        />
        <Count label="Unchanged" value={result.unchanged} color="gray.7" />
        <Count label="Rejected" value={result.rejections.length} color="red.8" />
      </SimpleGrid>
      {result.rejections.length > 0 && (
        <section aria-label="Rejected rows">
          <Group gap="xs" mb="xs">
            <Title order={3} fz="md">
              Rejected rows
            </Title>
            <Badge color="red" variant="filled">
              Fix these first
            </Badge>
          </Group>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder verticalSpacing="xs" aria-label="Rejected rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={70}>
                    Row
                  </Table.Th>
                  <Table.Th scope="col" w={160}>
                    Column
                  </Table.Th>
                  <Table.Th scope="col">Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rejections.map((rejection, index) => (
                  <Table.Tr key={`${rejection.row}-${index}`}>
                    <Table.Td>{rejection.row}</Table.Td>
                    <Table.Td>{rejection.column ?? 'whole row'}</Table.Td>
                    <Table.Td>{rejection.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      )}
      <ChangesTable
        title={result.isApplied ? 'Created' : 'Will be created'}
        rows={result.creates}
      />
      <ChangesTable
        title={result.isApplied ? 'Updated' : 'Will be updated'}
        rows={result.updates}
      />
    </Stack>
  );
}
