import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  EmptyState,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { IconBinaryTree2, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PersonSummary } from '../../../shared/schemas/people.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useSignedInSession } from '../../lib/session.ts';
import { useOrgLevel } from './api.ts';
import classes from './org-chart.module.css';

function Reports({ manager, level }: { manager: PersonSummary; level: number }) {
  const reports = useOrgLevel(manager.id);
  if (reports.isPending) {
    return (
      <Group gap="xs" py="xs" pl={level * 28} role="status">
        <Loader size="xs" aria-hidden />
        <Text size="sm" c="dimmed">
          Loading {manager.name}'s reports…
        </Text>
      </Group>
    );
  }
  if (reports.isError) {
    return (
      <Box pl={level * 28} py="xs">
        <QueryError
          title={`${manager.name}'s reports could not be loaded`}
          error={reports.error}
          onRetry={() => void reports.refetch()}
        />
      </Box>
    );
  }
  return <Level people={reports.data.items} level={level} label={`Reports of ${manager.name}`} />;
}

function Node({ person, level }: { person: PersonSummary; level: number }) {
  const [isExpanded, setExpanded] = useState(false);
  const hasReports = person.reportCount > 0;
  const detail = [person.title, person.team].filter(Boolean).join(' · ');
  return (
    <li className={classes.item}>
      <Group gap="xs" wrap="nowrap" className={classes.row} pl={level * 28}>
        {hasReports ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="md"
            onClick={() => setExpanded((value) => !value)}
            aria-expanded={isExpanded}
            aria-label={`${isExpanded ? 'Hide' : 'Show'} ${person.name}'s reports`}
          >
            {isExpanded ? (
              <IconChevronDown size={18} aria-hidden />
            ) : (
              <IconChevronRight size={18} aria-hidden />
            )}
          </ActionIcon>
        ) : (
          <Box w={28} aria-hidden />
        )}
        <Box miw={0}>
          <Group gap="xs" wrap="nowrap">
            <Anchor component={Link} to={`/people/${person.id}`} fw={600} truncate>
              {person.name}
            </Anchor>
            {hasReports && (
              <Badge variant="outline" color="gray" size="sm">
                {person.reportCount === 1 ? '1 report' : `${person.reportCount} reports`}
              </Badge>
            )}
          </Group>
          {detail && (
            <Text size="sm" c="dimmed" truncate>
              {detail}
            </Text>
          )}
        </Box>
      </Group>
      {isExpanded && <Reports manager={person} level={level + 1} />}
    </li>
  );
}

function Level({
  people,
  level,
  label,
}: {
  people: PersonSummary[];
  level: number;
  label: string;
}) {
  return (
    <ul className={classes.list} aria-label={label}>
      {people.map((person) => (
        <Node key={person.id} person={person} level={level} />
      ))}
    </ul>
  );
}

export default function OrgChartPage() {
  const session = useSignedInSession();
  const top = useOrgLevel(null);
  return (
    <Page size={900}>
      <PageHeader
        title="Org chart"
        description="Who reports to whom today. Open a manager to see their team; reports load as you go."
      />
      {top.isPending && (
        <Stack gap="xs" aria-busy="true" aria-label="Loading the org chart">
          <Skeleton h={48} />
          <Skeleton h={48} />
          <Skeleton h={48} />
        </Stack>
      )}
      {top.isError && (
        <QueryError
          title="The org chart could not be loaded"
          error={top.error}
          onRetry={() => void top.refetch()}
        />
      )}
      {top.isSuccess && top.data.items.length === 0 && (
        <EmptyState
          py="xl"
          icon={<IconBinaryTree2 size={28} aria-hidden />}
          withIndicatorBackground
        >
          <EmptyState.Title>No one in the chart yet</EmptyState.Title>
          <EmptyState.Description>
            The chart fills in as people and reporting lines are added.
          </EmptyState.Description>
          {session.person.isAdmin && (
            <EmptyState.Actions>
              <Button component={Link} to="/admin/people">
                Add people
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      )}
      {top.isSuccess && top.data.items.length > 0 && (
        <Paper withBorder radius="lg" p="sm">
          <Level people={top.data.items} level={0} label="Top of the organisation" />
        </Paper>
      )}
    </Page>
  );
}
