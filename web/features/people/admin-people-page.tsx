import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Paper,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconDots,
  IconFileImport,
  IconKey,
  IconMail,
  IconPencil,
  IconSearch,
  IconUserCheck,
  IconUserOff,
  IconUserPlus,
} from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { PersonSummary } from '../../../shared/schemas/people.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useSignedInSession } from '../../lib/session.ts';
import { ActivationModal } from './activation-modal.tsx';
import { usePeoplePages } from './api.ts';
import { usePasswordLinkDialog } from './password-link-modal.tsx';
import { PersonFormModal } from './person-form-modal.tsx';
import { LoadMore, NoPeople, TableSkeleton } from './people-table-states.tsx';
import { useSearchParam } from './use-search-param.ts';

function RowActions({
  person,
  isSelf,
  onEdit,
  onInvite,
  onToggleActive,
}: {
  person: PersonSummary;
  isSelf: boolean;
  onEdit: () => void;
  onInvite: (purpose: 'invite' | 'reset') => void;
  onToggleActive: () => void;
}) {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={`Actions for ${person.name}`}
        >
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
          Edit details
        </Menu.Item>
        {person.isActive && (
          <>
            <Menu.Item
              leftSection={<IconMail size={16} aria-hidden />}
              onClick={() => onInvite('invite')}
            >
              Create invitation link
            </Menu.Item>
            <Menu.Item
              leftSection={<IconKey size={16} aria-hidden />}
              onClick={() => onInvite('reset')}
            >
              Create password reset link
            </Menu.Item>
          </>
        )}
        {!isSelf && (
          <>
            <Menu.Divider />
            <Menu.Item
              color={person.isActive ? 'red' : undefined}
              leftSection={
                person.isActive ? (
                  <IconUserOff size={16} aria-hidden />
                ) : (
                  <IconUserCheck size={16} aria-hidden />
                )
              }
              onClick={onToggleActive}
            >
              {person.isActive ? 'Deactivate' : 'Reactivate'}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

export default function AdminPeoplePage() {
  const session = useSignedInSession();
  const navigate = useNavigate();
  const search = useSearchParam();
  const [includeInactive, setIncludeInactive] = useState(true);
  const people = usePeoplePages({ query: search.query || undefined, includeInactive });
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const [isCreating, create] = useDisclosure(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [toggling, setToggling] = useState<PersonSummary | null>(null);
  const passwordLink = usePasswordLinkDialog();

  if (!session.person.isAdmin) {
    return (
      <Page>
        <PageHeader title="Manage people" />
        <Alert color="gray" title="For administrators only">
          Ask an administrator in your organisation if someone's details need changing.
        </Alert>
      </Page>
    );
  }

  return (
    <Page>
      <PageHeader
        title="Manage people"
        description="Add people, keep their details current, invite them to sign in, and deactivate those who have left."
        actions={
          <>
            <Button
              component={Link}
              to="/admin/people/import"
              variant="default"
              leftSection={<IconFileImport size={18} aria-hidden />}
            >
              Import CSV
            </Button>
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={create.open}>
              Add person
            </Button>
          </>
        }
      />
      <Group mb="lg" align="flex-end" gap="lg">
        <TextInput
          label="Search people"
          placeholder="Name, email or team"
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search.input}
          onChange={(e) => search.setInput(e.currentTarget.value)}
          w={{ base: '100%', sm: 360 }}
        />
        <Checkbox
          label="Include deactivated people"
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
          pb={8}
        />
      </Group>
      {people.isPending && <TableSkeleton />}
      {people.isError && (
        <QueryError
          title="People could not be loaded"
          error={people.error}
          onRetry={() => void people.refetch()}
        />
      )}
      {people.isSuccess && items.length === 0 && (
        <NoPeople query={search.query} onClear={() => search.setInput('')}>
          <Button onClick={create.open}>Add person</Button>
        </NoPeople>
      )}
      {items.length > 0 && (
        <>
          <Paper withBorder radius="lg">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="People">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Email</Table.Th>
                    <Table.Th scope="col">Title and team</Table.Th>
                    <Table.Th scope="col">Manager</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((person) => (
                    <Table.Tr key={person.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
                          {person.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{person.email}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{person.title || '—'}</Text>
                        <Text size="xs" c="dimmed">
                          {person.team}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{person.manager?.name ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        {person.isActive ? (
                          <Badge variant="outline" color="teal">
                            Active
                          </Badge>
                        ) : (
                          <Badge variant="filled" color="gray">
                            Deactivated
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        <RowActions
                          person={person}
                          isSelf={person.id === session.person.id}
                          onEdit={() => setEditingId(person.id)}
                          onInvite={(purpose) => passwordLink.open(person, purpose)}
                          onToggleActive={() => setToggling(person)}
                        />
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
      <PersonFormModal
        opened={isCreating}
        onClose={create.close}
        onSaved={(saved) => void navigate(`/people/${saved.id}`)}
      />
      <PersonFormModal
        opened={editingId !== null}
        onClose={() => setEditingId(null)}
        personId={editingId}
      />
      {toggling && <ActivationModal person={toggling} opened onClose={() => setToggling(null)} />}
      {passwordLink.dialog}
    </Page>
  );
}
