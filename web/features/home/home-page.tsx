import { useState } from 'react';
import type { ReactNode } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileImport, IconUsersGroup, IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Home, ObligationView } from '../../../shared/schemas/cadence.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useHome } from './api.ts';
import { ObligationList } from './obligation-list.tsx';
import { OrgHealthCard } from './org-health-card.tsx';
import { UpcomingList } from './upcoming-list.tsx';

/** Lists other features own, placed on the home page by the app (features do not import each other). */
export interface HomeSlots {
  /** The manager's "what I owe" list. */
  owedCommitments?: ReactNode;
  /** The engineer's "promised to me" list. */
  promisedToMe?: ReactNode;
}

const REPORT_ROWS = 8;
const STATE_ORDER = { overdue: 0, due: 1, upcoming: 2, done: 3 } as const;

function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

function byUrgency(a: ObligationView, b: ObligationView) {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.dueAt.localeCompare(b.dueAt);
}

function countState(items: readonly ObligationView[], state: ObligationView['state']) {
  return items.filter((o) => o.state === state).length;
}

/** One sentence under the greeting: what needs attention, or that nothing does. */
function headline(home: Home): string {
  const all = [
    ...home.mine.filter((o) => o.owner === 'engineer'),
    ...home.reports.flatMap((r) => r.obligations).filter((o) => o.owner === 'manager'),
  ];
  const overdue = countState(all, 'overdue');
  const due = countState(all, 'due');
  if (overdue === 0 && due === 0) return 'Nothing needs your attention right now.';
  const parts = [
    overdue > 0 ? `${overdue} ${overdue === 1 ? 'thing is' : 'things are'} overdue` : null,
    due > 0 ? `${due} ${due === 1 ? 'is' : 'are'} due soon` : null,
  ].filter(Boolean);
  return `${parts.join(' and ')}. The most urgent is at the top.`;
}

function Section({
  id,
  title,
  description,
  action,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Group justify="space-between" align="baseline" gap="xs" mb={description ? 2 : 'sm'}>
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {description && (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      )}
      {children}
    </section>
  );
}

function Stat({ label, value, tone }: { label: string; value: ReactNode; tone?: string }) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={tone} lh={1.2} mt={4}>
        {value}
      </Text>
    </Paper>
  );
}

function ManagerStats({ home }: { home: Home }) {
  const all = home.reports.flatMap((r) => r.obligations).filter((o) => o.owner === 'manager');
  const overdue = countState(all, 'overdue');
  const onCadence = home.reports.filter(
    (r) => !r.obligations.some((o) => o.state === 'overdue' && o.kind.endsWith('_conversation')),
  ).length;
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
      <Stat
        label="Overdue for your reports"
        value={overdue}
        tone={overdue > 0 ? 'red' : undefined}
      />
      <Stat label="Due soon for your reports" value={countState(all, 'due')} />
      <Stat label="Reports on cadence" value={`${onCadence} of ${home.reports.length}`} />
    </SimpleGrid>
  );
}

function ReportsSection({ home, viewerId }: { home: Home; viewerId: string }) {
  const [isAll, setIsAll] = useState(false);
  // What needs the manager; what the engineer owes (acknowledgements, plan checks) is in the team view.
  const all = home.reports
    .flatMap((r) => r.obligations)
    .filter((o) => o.owner === 'manager')
    .sort(byUrgency);
  const shown = isAll ? all : all.slice(0, REPORT_ROWS);
  return (
    <Section
      id="home-reports"
      title="Your reports"
      description="What each report’s career conversations need from you, most urgent first."
      action={
        <Anchor component={Link} to="/team" size="sm">
          Open the team view
        </Anchor>
      }
    >
      <ObligationList
        obligations={shown}
        viewerId={viewerId}
        withPerson
        label="What your reports’ conversations need"
        empty="Every report is on cadence and nothing is waiting for you."
      />
      {all.length > REPORT_ROWS && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setIsAll((v) => !v)}>
          {isAll ? 'Show fewer' : `Show all ${all.length}`}
        </Button>
      )}
    </Section>
  );
}

function MyCommitments({ home }: { home: Home }) {
  return (
    <Section
      id="home-own-commitments"
      title="Your commitments"
      description="What you agreed to do, with due dates."
    >
      {home.myCommitments.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed">
            Nothing open. Actions you take on in a conversation appear here.
          </Text>
        </Paper>
      ) : (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {home.myCommitments.map((item) => (
            <Paper component="li" key={item.id} withBorder radius="md" px="md" py="sm">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {item.text}
                  </Text>
                  {item.conversationId && (
                    <Anchor component={Link} to={`/conversations/${item.conversationId}`} size="xs">
                      From your conversation with {item.manager.name}
                    </Anchor>
                  )}
                </Stack>
                {item.dueOn && (
                  <Badge
                    color={item.isOverdue ? 'red' : 'gray'}
                    variant={item.isOverdue ? 'filled' : 'light'}
                    style={{ flexShrink: 0 }}
                  >
                    {item.isOverdue ? 'Overdue · ' : 'Due '}
                    {formatDate(item.dueOn)}
                  </Badge>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function GetStarted({ organizationName }: { organizationName: string }) {
  return (
    <Paper withBorder radius="lg" p="lg">
      <Title order={2} fz="lg">
        Get {organizationName} started
      </Title>
      <Text c="dimmed" mt={4} maw={640}>
        Trajectory works from your people and who reports to whom. Add them one by one or bring
        everyone in from a spreadsheet, then send each person a link to sign in.
      </Text>
      <Group mt="md" gap="sm">
        <Button
          component={Link}
          to="/admin/people"
          leftSection={<IconUserPlus size={18} aria-hidden />}
        >
          Add people
        </Button>
        <Button
          component={Link}
          to="/admin/people/import"
          variant="default"
          leftSection={<IconFileImport size={18} aria-hidden />}
        >
          Import a CSV file
        </Button>
      </Group>
    </Paper>
  );
}

function HomeSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading your home page">
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Skeleton h={84} radius="lg" />
        <Skeleton h={84} radius="lg" />
        <Skeleton h={84} radius="lg" />
      </SimpleGrid>
      <Skeleton h={56} />
      <Skeleton h={56} />
      <Skeleton h={56} />
    </Stack>
  );
}

/**
 * "What's next": an engineer's own obligations, upcoming conversations and commitments; a
 * manager's reports by urgency and what they owe; a leader's glance at their organisation.
 */
export default function HomePage({ owedCommitments, promisedToMe }: HomeSlots = {}) {
  const session = useSignedInSession();
  const home = useHome();
  const me = session.person.id;
  const data = home.data;
  const health = data?.orgHealth ?? null;
  const isFreshOrganization =
    session.person.isAdmin &&
    data !== undefined &&
    !data.roles.isManager &&
    (health === null || (!health.isHidden && health.people === null));

  return (
    <Page>
      <PageHeader
        title={`Hello, ${firstNameOf(session.person.name)}`}
        documentTitle="Home"
        description={data ? headline(data) : 'Gathering what is next for you…'}
        actions={
          data?.roles.isManager ? (
            <Button
              component={Link}
              to="/team"
              variant="default"
              leftSection={<IconUsersGroup size={18} aria-hidden />}
            >
              Team view
            </Button>
          ) : undefined
        }
      />
      {home.isPending && <HomeSkeleton />}
      {home.isError && <QueryError error={home.error} onRetry={() => void home.refetch()} />}
      {data && (
        <Stack gap="xl">
          {isFreshOrganization && <GetStarted organizationName={session.organization.name} />}
          {data.roles.isManager && <ManagerStats home={data} />}
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="xl">
                {data.roles.isManager && <ReportsSection home={data} viewerId={me} />}
                {data.roles.hasManager && (
                  <Section
                    id="home-mine"
                    title={data.roles.isManager ? 'Your own career' : 'What’s next for you'}
                    description="Your conversations, preparation, summaries to acknowledge and plan checks."
                  >
                    <ObligationList
                      obligations={data.mine}
                      viewerId={me}
                      label="What is next for you"
                      empty="You are all caught up."
                    />
                  </Section>
                )}
                {(data.roles.hasManager || data.myCommitments.length > 0) && (
                  <MyCommitments home={data} />
                )}
                {!data.roles.hasManager && !data.roles.isManager && !isFreshOrganization && (
                  <Paper withBorder radius="lg" p="lg">
                    <Text fw={600}>No career conversations to track for you yet</Text>
                    <Text size="sm" c="dimmed" mt={4}>
                      Once you have a manager in Trajectory, or someone reports to you, what is due
                      shows up here with its date.
                    </Text>
                  </Paper>
                )}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="xl">
                {health && <OrgHealthCard health={health} />}
                <Section id="home-upcoming" title="Coming up">
                  <UpcomingList items={data.upcomingConversations} />
                </Section>
                {data.roles.isManager && owedCommitments}
                {data.roles.hasManager && promisedToMe}
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </Page>
  );
}
