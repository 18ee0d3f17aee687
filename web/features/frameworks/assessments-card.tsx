import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type {
  AssessmentList,
  FrameworkVersionDetail,
  PlacementList,
} from '../../../shared/schemas/frameworks.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { useStartAssessment } from './api.ts';
import { LevelSelect } from './level-select.tsx';

function nextLevelOf(version: FrameworkVersionDetail | undefined, currentId: string | undefined) {
  for (const track of version?.tracks ?? []) {
    const index = track.levels.findIndex((l) => l.id === currentId);
    if (index >= 0) return track.levels[index + 1]?.id ?? track.levels[index]?.id ?? null;
  }
  return null;
}

function StartForm({
  personId,
  version,
  placements,
  assessments,
}: {
  personId: string;
  version: FrameworkVersionDetail | undefined;
  placements: PlacementList | undefined;
  assessments: AssessmentList;
}) {
  const navigate = useNavigate();
  const start = useStartAssessment(personId);
  const [target, setTarget] = useState<string | null>(
    nextLevelOf(version, placements?.current?.level.id),
  );
  const revealed = assessments.items.filter((a) => a.status === 'revealed');
  const [basedOn, setBasedOn] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!target) return;
        start.mutate(
          { targetLevelId: target, ...(basedOn && { basedOnId: basedOn }) },
          { onSuccess: (created) => void navigate(`/assessments/${created.id}`) },
        );
      }}
    >
      <Stack gap="sm" maw={520}>
        {start.isError && (
          <Alert color="red" role="alert" title="Not started">
            {messageOf(start.error)}
          </Alert>
        )}
        <LevelSelect
          version={version}
          label="Target level"
          description="Usually the next level; any level works, including one on another track."
          value={target}
          onChange={setTarget}
        />
        {revealed.length > 0 && (
          <Select
            label="Start from an earlier assessment"
            description="Both sides start with their earlier ratings and can change them."
            clearable
            placeholder="Start from scratch"
            value={basedOn}
            onChange={setBasedOn}
            data={revealed.map((a) => ({
              value: a.id,
              label: `${a.targetLevel.name}, ${formatDate(a.createdAt)}`,
            }))}
          />
        )}
        <Group>
          <Button type="submit" disabled={!target} loading={start.isPending}>
            Start assessment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The ladder sync-ups of a person: who may open them sees links, leaders see dates only. */
export function AssessmentsCard({
  personId,
  assessments,
  placements,
  version,
}: {
  personId: string;
  assessments: AssessmentList;
  placements: PlacementList | undefined;
  version: FrameworkVersionDetail | undefined;
}) {
  const [isStarting, setStarting] = useState(false);
  return (
    <Paper withBorder radius="lg" p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          Ladder sync-ups
        </Title>
        {assessments.abilities.start && !isStarting && (
          <Button size="xs" variant="light" onClick={() => setStarting(true)}>
            New assessment
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        The engineer and their manager each rate every criterion of a level without seeing the
        other's answers. Both are shown side by side once both have submitted.
      </Text>
      {isStarting && (
        <StartForm
          personId={personId}
          version={version}
          placements={placements}
          assessments={assessments}
        />
      )}
      {assessments.items.length === 0 ? (
        <Text c="dimmed" size="sm" mt="md">
          No assessments yet.
        </Text>
      ) : (
        <Table verticalSpacing="xs" mt="md" aria-label="Assessments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Target level</Table.Th>
              <Table.Th scope="col">Started</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assessments.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.canOpen ? (
                    <Anchor component={Link} to={`/assessments/${a.id}`}>
                      {a.targetLevel.name}
                    </Anchor>
                  ) : (
                    a.targetLevel.name
                  )}{' '}
                  <Text span size="xs" c="dimmed">
                    {a.targetLevel.trackName}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDate(a.createdAt)}</Table.Td>
                <Table.Td>
                  {a.status === 'revealed' ? (
                    <Badge variant="light" color="teal">
                      Revealed
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="outline">
                      In progress
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
