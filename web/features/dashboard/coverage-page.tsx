import { useState } from 'react';
import type { ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Group,
  Pagination,
  Paper,
  RingProgress,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconEyeOff, IconLock } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import { DASHBOARD_TEAMS_PER_PAGE } from '../../../shared/schemas/cadence.ts';
import type { Coverage, CoverageGroup, Metrics, Ratio } from '../../../shared/schemas/cadence.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError } from '../../lib/api.ts';
import { ofText, percent } from '../../lib/cadence.ts';
import { formatDate } from '../../lib/dates.ts';
import { useCoverage, usePolicy } from './api.ts';
import { Heatmap, TrendChart } from './coverage-charts.tsx';
import { GroupPeopleDrawer } from './group-people-drawer.tsx';

function toneOf(value: number | null): string {
  if (value === null) return 'gray';
  if (value >= 0.8) return 'teal';
  if (value >= 0.6) return 'yellow';
  return 'red';
}

function RatioCard({ label, ratio, hint }: { label: string; ratio: Ratio; hint: string }) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Group wrap="nowrap" gap="md">
        <RingProgress
          size={72}
          thickness={8}
          roundCaps
          sections={[{ value: (ratio.value ?? 0) * 100, color: toneOf(ratio.value) }]}
          label={
            <Text ta="center" size="sm" fw={700}>
              {percent(ratio.value)}
            </Text>
          }
          aria-hidden
        />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Text size="xs" c="dimmed">
            {ofText(ratio)} · {hint}
          </Text>
          <VisuallyHidden>{percent(ratio.value)}</VisuallyHidden>
        </Stack>
      </Group>
    </Paper>
  );
}

function CountCard({
  label,
  value,
  hint,
  extra,
  tone,
}: {
  label: string;
  value: number;
  hint: string;
  extra?: string;
  tone?: string;
}) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={30} fw={700} lh={1.2} c={tone}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
      {extra && (
        <Text size="xs" c="dimmed" mt={4}>
          {extra}
        </Text>
      )}
    </Paper>
  );
}

function Headline({ totals, policy }: { totals: Metrics; policy: CadencePolicy | undefined }) {
  const q = policy?.quarterlyEveryDays ?? 91;
  const i = policy?.initialWithinDays ?? 14;
  const s = policy?.summaryWithinHours ?? 24;
  const stale = policy?.staleAfterDays ?? 60;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <RatioCard label="On cadence" ratio={totals.onCadence} hint="no conversation overdue" />
        <RatioCard
          label="Quarterly reviews"
          ratio={totals.quarterly}
          hint={`one in the last ${q} days`}
        />
        <RatioCard
          label="First conversations"
          ratio={totals.initialOnTime}
          hint={`within ${i} days of a new manager`}
        />
        <CountCard
          label="People with something overdue"
          value={totals.overduePeople}
          hint={`of ${totals.people} people`}
          tone={totals.overduePeople > 0 ? 'red' : undefined}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <RatioCard
          label="Summaries on time"
          ratio={totals.summariesOnTime}
          hint={`within ${s} hours`}
        />
        <RatioCard
          label="Summaries acknowledged"
          ratio={totals.acknowledged}
          hint="by the engineer"
        />
        <RatioCard
          label="Manager commitments kept"
          ratio={totals.commitmentsKept}
          hint="by their due date"
        />
        <CountCard
          label="Stale plans"
          value={totals.stalePlans}
          hint={`of ${totals.activePlans} active plans, untouched for ${stale}+ days`}
          extra={`${totals.aspirationsNotRevisited} with aspirations discussed only once, over a year ago`}
          tone={totals.stalePlans > 0 ? 'grape' : undefined}
        />
      </SimpleGrid>
    </Stack>
  );
}

function Cell({ ratio }: { ratio: Ratio }) {
  return (
    <Text size="sm" c={ratio.value === null ? 'dimmed' : undefined}>
      {percent(ratio.value)}
    </Text>
  );
}

function GroupsTable({
  groups,
  onOpen,
  footer,
}: {
  groups: readonly CoverageGroup[];
  onOpen: (group: CoverageGroup) => void;
  footer: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" component="section" aria-labelledby="teams-title">
      <Stack gap={2} p="lg" pb="sm">
        <Title order={2} fz="lg" id="teams-title">
          Teams
        </Title>
        <Text size="sm" c="dimmed">
          One row per manager’s direct reports; choose a team to see its people. Teams under 5
          people are shown only to their own manager; elsewhere they are counted together, with
          another team if needed, so that no small team can be worked out from the totals.
        </Text>
      </Stack>
      {/* Narrow enough that the drill-down buttons sit on screen beside the menu at 1280 px. */}
      <Table.ScrollContainer minWidth={900}>
        <Table
          verticalSpacing="sm"
          horizontalSpacing="xs"
          highlightOnHover
          aria-labelledby="teams-title"
        >
          {/* Smaller headings: the nine figures fit beside the menu at 1280 px without scrolling. */}
          <Table.Thead fz="xs">
            <Table.Tr>
              <Table.Th miw={150}>Team</Table.Th>
              <Table.Th ta="right">People</Table.Th>
              <Table.Th>On cadence</Table.Th>
              <Table.Th>Quarterly</Table.Th>
              <Table.Th>First on time</Table.Th>
              <Table.Th>Overdue</Table.Th>
              <Table.Th>Summaries on time</Table.Th>
              <Table.Th>Acknowledged</Table.Th>
              <Table.Th>Commitments kept</Table.Th>
              <Table.Th>Stale plans</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => (
              <Table.Tr key={g.key}>
                <Table.Th scope="row" fw={500}>
                  <Stack gap={0} align="flex-start">
                    {g.isHidden || !g.metrics ? (
                      <Text size="sm" fw={600}>
                        {g.label}
                      </Text>
                    ) : (
                      // The team's name opens its people: names, dates and statuses.
                      <Anchor
                        component="button"
                        size="sm"
                        fw={600}
                        ta="left"
                        onClick={() => onOpen(g)}
                      >
                        <VisuallyHidden>People in </VisuallyHidden>
                        {g.label}
                      </Anchor>
                    )}
                    {g.isPooled && (
                      <Text size="xs" c="dimmed">
                        Several small teams counted together
                      </Text>
                    )}
                  </Stack>
                </Table.Th>
                {g.isHidden || !g.metrics ? (
                  <Table.Td colSpan={9}>
                    <Group gap={6}>
                      <IconEyeOff size={16} aria-hidden />
                      <Text size="sm" c="dimmed">
                        {groups.some((x) => x.isPooled)
                          ? 'Hidden: shown to its own manager only; counted in “Smaller teams together”.'
                          : 'Hidden: shown to its own manager only.'}
                      </Text>
                    </Group>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td ta="right">{g.people}</Table.Td>
                    <Table.Td>
                      <Badge
                        // Yellow text is never readable enough; a filled yellow badge gets dark text.
                        variant={
                          toneOf(g.metrics.onCadence.value) === 'yellow' ? 'filled' : 'light'
                        }
                        color={toneOf(g.metrics.onCadence.value)}
                      >
                        {percent(g.metrics.onCadence.value)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Cell ratio={g.metrics.quarterly} />
                    </Table.Td>
                    <Table.Td>
                      <Cell ratio={g.metrics.initialOnTime} />
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c={g.metrics.overduePeople > 0 ? 'red' : undefined}
                        fw={g.metrics.overduePeople > 0 ? 600 : 400}
                      >
                        {g.metrics.overduePeople}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Cell ratio={g.metrics.summariesOnTime} />
                    </Table.Td>
                    <Table.Td>
                      <Cell ratio={g.metrics.acknowledged} />
                    </Table.Td>
                    <Table.Td>
                      <Cell ratio={g.metrics.commitmentsKept} />
                    </Table.Td>
                    <Table.Td>{g.metrics.stalePlans}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {footer}
    </Paper>
  );
}

const CONTROL_LABELS = {
  first: 'First',
  previous: 'Previous',
  next: 'Next',
  last: 'Last',
} as const;

/** Which teams are on screen, and the way to the others (the heatmap shows the same page). */
function TeamsPager({
  page,
  total,
  onChange,
}: {
  page: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const pages = Math.ceil(total / DASHBOARD_TEAMS_PER_PAGE);
  if (pages <= 1) return null;
  const first = (page - 1) * DASHBOARD_TEAMS_PER_PAGE + 1;
  const last = Math.min(total, page * DASHBOARD_TEAMS_PER_PAGE);
  return (
    <Group justify="space-between" p="lg" pt="sm">
      <Text size="sm" c="dimmed">
        Teams {first.toLocaleString('en-GB')}–{last.toLocaleString('en-GB')} of{' '}
        {total.toLocaleString('en-GB')}, here and in the heatmap
      </Text>
      <Pagination
        total={pages}
        value={page}
        onChange={onChange}
        size="sm"
        getControlProps={(control) => ({ 'aria-label': `${CONTROL_LABELS[control]} teams` })}
        getItemProps={(item) => ({ 'aria-label': `Teams page ${item}` })}
      />
    </Group>
  );
}

function Notice({ children }: { children: ReactNode }) {
  return (
    <Alert variant="light" color="gray" icon={<IconLock size={18} aria-hidden />}>
      {children}
    </Alert>
  );
}

/** Whether career conversations happen, team by team and month by month — metadata only. */
export default function CoveragePage() {
  const [params, setParams] = useSearchParams();
  const managerId = params.get('managerId');
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const coverage = useCoverage(managerId, page);
  const policy = usePolicy();
  const [openGroup, setOpenGroup] = useState<{ key: string; label: string } | null>(null);
  const data: Coverage | undefined = coverage.data;
  const isRefused = coverage.error instanceof ApiError && coverage.error.status === 403;
  const managers = (data?.groups ?? [])
    .filter((g) => g.manager !== null)
    .map((g) => ({ value: g.manager?.id ?? '', label: `Below ${g.manager?.name ?? ''}` }));

  return (
    <Page size={1280}>
      <PageHeader
        title="Coverage"
        description={
          data
            ? `Whether career conversations actually happen across ${data.scope.label === 'Everyone below you' ? 'the people below you' : data.scope.label}. Dates and statuses only: nobody’s words.`
            : 'Whether career conversations actually happen. Dates and statuses only: nobody’s words.'
        }
        actions={
          data && managers.length > 0 ? (
            <Select
              aria-label="Narrow to one manager"
              placeholder="Everyone you can see"
              data={managers}
              value={managerId}
              clearable
              searchable
              w={260}
              onChange={(value) => {
                setParams(value ? { managerId: value } : {});
              }}
            />
          ) : undefined
        }
      />
      {coverage.isPending && (
        <Stack gap="md" aria-busy="true" aria-label="Loading the dashboard">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} h={104} radius="lg" />
            ))}
          </SimpleGrid>
          <Skeleton h={300} radius="lg" />
        </Stack>
      )}
      {isRefused && (
        <Notice>
          The coverage dashboard is for managers, leaders and the people team. It shows how career
          conversations are going across a part of the organisation, never what anyone said.
        </Notice>
      )}
      {coverage.isError && !isRefused && (
        <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} />
      )}
      {data && (
        <Stack gap="xl">
          {data.isHidden || !data.totals ? (
            <Notice>
              {data.isHidden
                ? 'Fewer than 5 people are in this view, so its numbers stay hidden from everyone but their direct manager. Nobody is singled out.'
                : 'Nobody in this view has a manager yet, so there is nothing to measure.'}
            </Notice>
          ) : (
            <Headline totals={data.totals} policy={policy.data?.policy} />
          )}
          <TrendChart coverage={data} />
          <Heatmap coverage={data} />
          {data.groups.length > 0 && (
            <GroupsTable
              groups={data.groups}
              onOpen={(g) => setOpenGroup({ key: g.key, label: g.label })}
              footer={
                <TeamsPager
                  page={page}
                  total={data.groupsTotal}
                  onChange={(next) => {
                    setParams(
                      managerId ? { managerId, page: String(next) } : { page: String(next) },
                    );
                  }}
                />
              }
            />
          )}
          <Text size="xs" c="dimmed">
            Rates cover conversations, summaries and commitments since{' '}
            {formatDate(data.windowStart)}. Every due date comes from the organisation’s cadence
            policy. Groups of fewer than {data.minimumGroupSize} people are hidden from everyone but
            their direct manager.
          </Text>
        </Stack>
      )}
      <GroupPeopleDrawer
        group={openGroup}
        managerId={managerId}
        onClose={() => setOpenGroup(null)}
      />
    </Page>
  );
}
