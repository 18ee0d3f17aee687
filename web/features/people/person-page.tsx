import {
  Anchor,
  Avatar,
  Badge,
  Button,
  DataList,
  EmptyState,
  Grid,
  Group,
  List,
  Menu,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconFingerprint,
  IconKey,
  IconMail,
  IconPencil,
  IconUserCheck,
  IconUserOff,
  IconUserQuestion,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { PersonDetail } from '../../../shared/schemas/people.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { useSession } from '../../lib/session.ts';
import { ActivationModal } from './activation-modal.tsx';
import { usePerson } from './api.ts';
import { ChangeManagerModal } from './change-manager-modal.tsx';
import { usePasswordLinkDialog } from './password-link-modal.tsx';
import { PersonFormModal } from './person-form-modal.tsx';
import { initialsOf } from '../../components/ui/initials.ts';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={id}>
      <Title order={2} fz="lg" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function AdminActions({ person }: { person: PersonDetail }) {
  const [isEditing, edit] = useDisclosure(false);
  const [isChangingManager, changeManager] = useDisclosure(false);
  const [isConfirming, confirm] = useDisclosure(false);
  const passwordLink = usePasswordLinkDialog();
  const { abilities } = person;
  const canInvite = abilities.invite && person.isActive;
  return (
    <>
      {abilities.update && (
        <Button
          variant="default"
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={edit.open}
        >
          Edit
        </Button>
      )}
      {canInvite && (
        <Button
          variant={person.hasPassword ? 'default' : 'filled'}
          leftSection={
            person.hasPassword ? (
              <IconKey size={16} aria-hidden />
            ) : (
              <IconMail size={16} aria-hidden />
            )
          }
          onClick={() => passwordLink.open(person, person.hasPassword ? 'reset' : 'invite')}
        >
          {person.hasPassword ? 'Reset password' : 'Invite'}
        </Button>
      )}
      {(abilities.setManager || abilities.deactivate) && (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" rightSection={<IconChevronDown size={16} aria-hidden />}>
              More
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {abilities.setManager && (
              <Menu.Item
                leftSection={<IconUsersGroup size={16} aria-hidden />}
                onClick={changeManager.open}
              >
                Change manager
              </Menu.Item>
            )}
            <Menu.Item
              component={Link}
              to={`/people/${person.id}/access-log`}
              leftSection={<IconFingerprint size={16} aria-hidden />}
            >
              Access log
            </Menu.Item>
            {abilities.deactivate && (
              <Menu.Item
                color={person.isActive ? 'red' : undefined}
                leftSection={
                  person.isActive ? (
                    <IconUserOff size={16} aria-hidden />
                  ) : (
                    <IconUserCheck size={16} aria-hidden />
                  )
                }
                onClick={confirm.open}
              >
                {person.isActive ? 'Deactivate' : 'Reactivate'}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
      <PersonFormModal opened={isEditing} onClose={edit.close} personId={person.id} />
      <ChangeManagerModal
        person={person}
        opened={isChangingManager}
        onClose={changeManager.close}
      />
      <ActivationModal person={person} opened={isConfirming} onClose={confirm.close} />
      {passwordLink.dialog}
    </>
  );
}

function PersonView({ person }: { person: PersonDetail }) {
  const session = useSession();
  const isSelf = session.data?.person.id === person.id;
  const isAdminViewer = session.data?.person.isAdmin ?? false;
  const isManagerViewer = person.manager !== null && person.manager.id === session.data?.person.id;
  const subtitle = [person.title, person.team].filter(Boolean).join(' · ');
  return (
    <>
      <PageHeader
        documentTitle={person.name}
        before={
          <Anchor component={Link} to="/people" size="sm">
            ← Directory
          </Anchor>
        }
        title={
          <Group gap="md" wrap="nowrap" component="span">
            <Avatar size={56} radius="xl" color="indigo" variant="filled" aria-hidden>
              {initialsOf(person.name)}
            </Avatar>
            <span>{person.name}</span>
          </Group>
        }
        description={
          <Group gap="xs" component="span">
            <span>{subtitle || 'No title or team recorded yet'}</span>
            {isSelf && <Badge variant="outline">You</Badge>}
            {!person.isActive && (
              <Badge color="gray" variant="filled">
                Deactivated
              </Badge>
            )}
            {person.isAdmin && <Badge variant="outline">Administrator</Badge>}
            {person.isPeopleTeam && <Badge variant="outline">People team</Badge>}
          </Group>
        }
        actions={<AdminActions person={person} />}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Section title="Details">
              <DataList labelWidth={140}>
                <DataList.Item>
                  <DataList.ItemLabel>Email</DataList.ItemLabel>
                  <DataList.ItemValue>
                    <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor>
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Title</DataList.ItemLabel>
                  <DataList.ItemValue>{person.title || 'Not recorded'}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Team</DataList.ItemLabel>
                  <DataList.ItemValue>{person.team || 'Not recorded'}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Time zone</DataList.ItemLabel>
                  <DataList.ItemValue>{person.timezone}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Start date</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {person.startDate ? formatDate(person.startDate) : 'Not recorded'}
                  </DataList.ItemValue>
                </DataList.Item>
                {isAdminViewer && (
                  <DataList.Item>
                    <DataList.ItemLabel>Sign-in</DataList.ItemLabel>
                    <DataList.ItemValue>
                      {person.hasPassword
                        ? 'Has a password'
                        : 'Not signed in yet; send an invitation'}
                    </DataList.ItemValue>
                  </DataList.Item>
                )}
              </DataList>
            </Section>
            <Section title="Reporting history">
              {person.reportingHistory.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No reporting lines recorded. When {isSelf ? 'you get' : `${person.name} gets`} a
                  manager, each change is kept here with its dates.
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={280}>
                  <Table aria-label={`Who ${person.name} has reported to`}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Manager</Table.Th>
                        <Table.Th scope="col">From</Table.Th>
                        <Table.Th scope="col">Until</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {person.reportingHistory.map((line) => (
                        <Table.Tr key={line.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/people/${line.manager.id}`}>
                              {line.manager.name}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{formatDate(line.startsOn)}</Table.Td>
                          <Table.Td>{line.endsOn ? formatDate(line.endsOn) : 'Current'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            {(isSelf || isManagerViewer) && (
              <Section title="Career record">
                <Stack gap="xs" align="flex-start">
                  <Anchor
                    component={Link}
                    to={isSelf ? '/timeline' : `/people/${person.id}/timeline`}
                  >
                    Timeline of conversations, summaries and sync-ups
                  </Anchor>
                  <Anchor component={Link} to={isSelf ? '/career' : `/people/${person.id}/career`}>
                    Level, ladder sync-ups and gap analysis
                  </Anchor>
                  <Anchor
                    component={Link}
                    to={isSelf ? '/contract' : `/people/${person.id}/contracts`}
                  >
                    Development contract, commitments and check-ins
                  </Anchor>
                </Stack>
              </Section>
            )}
            <Section title="Manager">
              {person.manager ? (
                <Group gap="sm" wrap="nowrap">
                  <Avatar radius="xl" color="indigo" variant="filled" aria-hidden>
                    {initialsOf(person.manager.name)}
                  </Avatar>
                  <div>
                    <Anchor component={Link} to={`/people/${person.manager.id}`} fw={600}>
                      {person.manager.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {isSelf ? 'Your manager' : `${person.name}'s manager`}
                    </Text>
                  </div>
                </Group>
              ) : (
                <Text c="dimmed" size="sm">
                  {isSelf ? 'You report' : `${person.name} reports`} to nobody: the top of the
                  organisation.
                </Text>
              )}
            </Section>
            <Section title={`Reports (${person.reports.length})`}>
              {person.reports.length === 0 ? (
                <Text c="dimmed" size="sm">
                  Nobody reports to {isSelf ? 'you' : person.name} at the moment.
                </Text>
              ) : (
                <List spacing="xs" listStyleType="none">
                  {person.reports.map((report) => (
                    <List.Item key={report.id}>
                      <Anchor component={Link} to={`/people/${report.id}`}>
                        {report.name}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

export default function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  usePageTitle(person.data?.name ?? 'Person');

  if (person.isPending) {
    return (
      <Page>
        <Stack gap="md" aria-busy="true" aria-label="Loading person">
          <Group>
            <Skeleton circle h={56} />
            <Skeleton h={32} w={240} />
          </Group>
          <Skeleton h={18} w={320} />
          <Skeleton h={220} mt="lg" />
        </Stack>
      </Page>
    );
  }
  if (person.isError) {
    const isMissing =
      person.error instanceof ApiError &&
      (person.error.status === 404 || person.error.status === 400);
    return (
      <Page size={720}>
        {isMissing ? (
          <EmptyState
            mt="xl"
            icon={<IconUserQuestion size={28} aria-hidden />}
            withIndicatorBackground
          >
            <EmptyState.Title order={1}>Person not found</EmptyState.Title>
            <EmptyState.Description>
              This person does not exist, or the link is incomplete.
            </EmptyState.Description>
            <EmptyState.Actions>
              <Button component={Link} to="/people">
                Go to the directory
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <>
            <PageHeader title="Person" />
            <QueryError error={person.error} onRetry={() => void person.refetch()} />
          </>
        )}
      </Page>
    );
  }
  return (
    <Page>
      <PersonView person={person.data} />
    </Page>
  );
}
