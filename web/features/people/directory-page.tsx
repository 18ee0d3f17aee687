import { Anchor, Box, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import type { PersonSummary } from '../../../shared/schemas/people.ts';
import { IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { usePeoplePages } from './api.ts';
import { LoadMore, NoPeople, TableSkeleton } from './people-table-states.tsx';
import { useSearchParam } from './use-search-param.ts';

function reportsLabel(count: number): string {
  return count === 1 ? '1 report' : `${count} reports`;
}

/** Phones get a list of cards: a four-column table does not fit. */
function PeopleCards({ people, label }: { people: PersonSummary[]; label: string }) {
  return (
    <Stack gap="sm" component="ul" aria-label={label} p={0} m={0} style={{ listStyle: 'none' }}>
      {people.map((person) => (
        <Paper key={person.id} component="li" withBorder radius="md" p="md">
          <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
            {person.name}
          </Anchor>
          {(person.title || person.team) && (
            <Text size="sm">{[person.title, person.team].filter(Boolean).join(' · ')}</Text>
          )}
          <Text size="sm" c="dimmed">
            {person.manager ? `Reports to ${person.manager.name}` : 'Top of the organisation'}
            {person.reportCount > 0 ? ` · ${reportsLabel(person.reportCount)}` : ''}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

export default function DirectoryPage() {
  const search = useSearchParam();
  const people = usePeoplePages({ query: search.query || undefined });
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const tableLabel = search.query
    ? `People matching "${search.query}"`
    : 'Everyone in the directory';

  return (
    <Page>
      <PageHeader
        title="Directory"
        description="Everyone in the organisation, their role, their team and who they report to."
      />
      <TextInput
        label="Search people"
        placeholder="Name, email or team"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search.input}
        onChange={(e) => search.setInput(e.currentTarget.value)}
        maw={420}
        mb="lg"
        type="search"
      />
      {people.isPending && <TableSkeleton />}
      {people.isError && (
        <QueryError
          title="The directory could not be loaded"
          error={people.error}
          onRetry={() => void people.refetch()}
        />
      )}
      {people.isSuccess && items.length === 0 && (
        <NoPeople query={search.query} onClear={() => search.setInput('')} />
      )}
      {items.length > 0 && (
        <>
          <Box hiddenFrom="sm">
            <PeopleCards people={items} label={tableLabel} />
          </Box>
          <Paper withBorder radius="lg" visibleFrom="sm">
            <Table.ScrollContainer minWidth={640}>
              <Table
                verticalSpacing="sm"
                horizontalSpacing="md"
                highlightOnHover
                aria-label={tableLabel}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Title</Table.Th>
                    <Table.Th scope="col">Team</Table.Th>
                    <Table.Th scope="col">Manager</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody aria-busy={people.isFetching}>
                  {items.map((person) => (
                    <Table.Tr key={person.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
                          {person.name}
                        </Anchor>
                        {person.reportCount > 0 && (
                          <Text size="xs" c="dimmed">
                            {reportsLabel(person.reportCount)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {person.title || (
                          <Text c="dimmed" span>
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {person.team || (
                          <Text c="dimmed" span>
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {person.manager ? (
                          <Anchor component={Link} to={`/people/${person.manager.id}`}>
                            {person.manager.name}
                          </Anchor>
                        ) : (
                          <Text c="dimmed" span size="sm">
                            Top of the organisation
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <LoadMore
            hasMore={people.hasNextPage}
            isLoading={people.isFetchingNextPage}
            shown={items.length}
            onLoad={() => void people.fetchNextPage()}
          />
        </>
      )}
    </Page>
  );
}
