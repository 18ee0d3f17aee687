import '@mantine/charts/styles.css';
import { useState } from 'react';
import { LineChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  RingProgress,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  createWhatMattersSchema,
  TOTAL_POINTS,
  whatMattersLabels,
  whatMattersValues,
} from '../../../shared/schemas/what-matters.ts';
import type { WhatMatters, WhatMattersValue } from '../../../shared/schemas/what-matters.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useCreateWhatMatters, useShareWhatMatters, useWhatMattersList } from './api.ts';

const colors: Record<WhatMattersValue, string> = {
  impact: 'indigo.6',
  promotion: 'grape.6',
  compensation: 'yellow.7',
  learning: 'teal.6',
  work_life_balance: 'cyan.6',
  culture: 'orange.6',
};

interface Row {
  value: WhatMattersValue;
  rank: string | null;
  points: number | string;
  note: string;
}

const emptyRows = (): Row[] =>
  whatMattersValues.map((value, index) => ({
    value,
    rank: String(index + 1),
    points: '',
    note: '',
  }));

function ExerciseForm({ personId }: { personId: string }) {
  const [rows, setRows] = useState<Row[]>(emptyRows);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const create = useCreateWhatMatters(personId);
  const total = rows.reduce((sum, r) => sum + (Number(r.points) || 0), 0);
  const set = (index: number, patch: Partial<Row>) =>
    setRows((current) => current.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  async function submit() {
    const input = {
      values: rows.map((r) => ({
        value: r.value,
        rank: Number(r.rank),
        points: Number(r.points) || 0,
        note: r.note,
      })),
    };
    const parsed = createWhatMattersSchema.safeParse(input);
    if (!parsed.success) {
      setProblems(
        Object.fromEntries(
          parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
        ),
      );
      return;
    }
    setProblems({});
    await create.mutateAsync(input);
    setRows(emptyRows());
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="New exercise">
      <Title order={2} fz="md" mb="xs">
        Rank what matters to you now
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Rank the six values from 1 (most important) to 6, and split exactly 100 points between them.
        There are no right answers. It stays private unless you share it.
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Value</Table.Th>
            <Table.Th w={90}>Rank</Table.Th>
            <Table.Th w={110}>Points</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={row.value}>
              <Table.Td>{whatMattersLabels[row.value]}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Rank of ${whatMattersLabels[row.value]}`}
                  data={['1', '2', '3', '4', '5', '6']}
                  value={row.rank}
                  onChange={(rank) => set(index, { rank })}
                  error={problems[`values.${index}.rank`]}
                  allowDeselect={false}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Points for ${whatMattersLabels[row.value]}`}
                  min={0}
                  max={100}
                  allowDecimal={false}
                  value={row.points}
                  onChange={(points) => set(index, { points })}
                  error={problems[`values.${index}.points`]}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`Note on ${whatMattersLabels[row.value]}`}
                  value={row.note}
                  onChange={(event) => set(index, { note: event.currentTarget.value })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" mt="md">
        <Group gap="sm">
          <RingProgress
            size={56}
            thickness={6}
            sections={[
              {
                value: Math.min(total, 100),
                color: total === TOTAL_POINTS ? 'teal' : total > 100 ? 'red' : 'blue',
              },
            ]}
            label={
              <Text ta="center" size="xs">
                {total}
              </Text>
            }
          />
          <Text size="sm" aria-live="polite">
            {total} of {TOTAL_POINTS} points
          </Text>
        </Group>
        <Button onClick={() => void submit()} loading={create.isPending}>
          Save exercise
        </Button>
      </Group>
      {(problems.values || create.isError) && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {problems.values ?? messageOf(create.error)}
        </Text>
      )}
      {Object.entries(problems)
        .filter(([path]) => path !== 'values')
        .map(([path, message]) => (
          <Text key={path} c="red" size="sm" role="alert">
            {message}
          </Text>
        ))}
    </Paper>
  );
}

function Exercise({ exercise, personId }: { exercise: WhatMatters; personId: string }) {
  const share = useShareWhatMatters(personId);
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{formatDate(exercise.createdAt)}</Text>
        {exercise.abilities.share || exercise.abilities.withdraw ? (
          <Switch
            label="Shared with my manager"
            checked={exercise.isShared}
            onChange={(event) =>
              share.mutate({ id: exercise.id, isShared: event.currentTarget.checked })
            }
          />
        ) : (
          exercise.isShared && <Badge variant="light">Shared</Badge>
        )}
      </Group>
      <Stack gap={2}>
        {exercise.values.map((v) => (
          <Text key={v.value} size="sm">
            {v.rank}. {v.label} — {v.points} points{v.note ? ` · ${v.note}` : ''}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

/** The What Matters exercise: a new ranking, the history as a chart, and sharing per exercise. */
export default function WhatMattersPage() {
  const session = useSignedInSession();
  const personId = session.person.id;
  const list = useWhatMattersList(personId);
  return (
    <Page>
      <PageHeader
        title="What Matters"
        description="Six things people want from work. Repeat the exercise over time to see how your priorities move."
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ExerciseForm personId={personId} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {list.isPending && <Skeleton h={200} />}
          {list.isError && <QueryError error={list.error} />}
          {list.isSuccess && (
            <Stack>
              {list.data.chart.length > 1 && (
                <Paper
                  withBorder
                  radius="md"
                  p="md"
                  component="section"
                  aria-label="Points over time"
                >
                  <Title order={2} fz="md" mb="sm">
                    Points over time
                  </Title>
                  <LineChart
                    h={220}
                    data={list.data.chart}
                    dataKey="date"
                    withLegend
                    series={whatMattersValues.map((value) => ({
                      name: value,
                      label: whatMattersLabels[value],
                      color: colors[value],
                    }))}
                  />
                </Paper>
              )}
              {list.data.items.map((exercise) => (
                <Exercise key={exercise.id} exercise={exercise} personId={personId} />
              ))}
              {list.data.items.length === 0 && <Text c="dimmed">No exercises yet.</Text>}
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </Page>
  );
}
