import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import type { FrameworkVersionDetail, PlacementList } from '../../../shared/schemas/frameworks.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { todayIso } from '../../lib/dates.ts';
import { usePlacePerson } from './api.ts';
import { LevelSelect } from './level-select.tsx';

function PlaceForm({
  personId,
  version,
  current,
  onDone,
}: {
  personId: string;
  version: FrameworkVersionDetail | undefined;
  current: string | null;
  onDone: () => void;
}) {
  const place = usePlacePerson(personId);
  const [levelId, setLevelId] = useState<string | null>(current);
  const [effectiveOn, setEffectiveOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!levelId) return setError('Choose a level.');
    place.mutate(
      { levelId, effectiveOn, note },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'green',
            title: 'Placement saved',
            message: result.history[0]?.isTrackChange
              ? `Moved to the ${result.history[0].track.name} track.`
              : 'The new level is recorded in the history.',
          });
          onDone();
        },
        onError: (failure) => setError(messageOf(failure)),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={520}>
        {error && (
          <Alert color="red" role="alert" title="Not saved">
            {error}
          </Alert>
        )}
        <LevelSelect
          version={version}
          label="Track and level"
          description="A level on another track records a track change."
          value={levelId}
          onChange={setLevelId}
        />
        <DateInput
          label="Effective from"
          valueFormat="YYYY-MM-DD"
          required
          value={effectiveOn}
          onChange={(date) => setEffectiveOn(date ?? '')}
        />
        <Textarea
          label="Note"
          description="Optional: why, or what was agreed."
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={place.isPending}>
            Save placement
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Current track and level, how they changed, and (for admins and the manager) a way to change them. */
export function PlacementCard({
  personId,
  placements,
  version,
}: {
  personId: string;
  placements: PlacementList;
  version: FrameworkVersionDetail | undefined;
}) {
  const [isEditing, setEditing] = useState(false);
  const { current, history } = placements;
  return (
    <Paper withBorder radius="lg" p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          Track and level
        </Title>
        {placements.abilities.place && !isEditing && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            Change placement
          </Button>
        )}
      </Group>
      {current ? (
        <Text mb="md">
          <strong>{current.level.name}</strong>
          {current.level.code && ` (${current.level.code})`} on the{' '}
          <strong>{current.track.name}</strong> track since {formatDate(current.effectiveOn)}.
        </Text>
      ) : (
        <Text c="dimmed" mb="md">
          Not placed on the framework yet.
        </Text>
      )}
      {isEditing && (
        <PlaceForm
          personId={personId}
          version={version}
          current={current?.level.id ?? null}
          onDone={() => setEditing(false)}
        />
      )}
      {history.length > 0 && (
        <Table.ScrollContainer minWidth={600} mt="md">
          <Table verticalSpacing="xs" aria-label="Placement history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">From</Table.Th>
                <Table.Th scope="col">Track</Table.Th>
                <Table.Th scope="col">Level</Table.Th>
                <Table.Th scope="col">Set by</Table.Th>
                <Table.Th scope="col">Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDate(p.effectiveOn)}</Table.Td>
                  <Table.Td>
                    {p.track.name}{' '}
                    {p.isTrackChange && (
                      <Badge variant="light" size="xs" color="grape">
                        Track change
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{p.level.name}</Table.Td>
                  <Table.Td>{p.setBy?.name ?? '—'}</Table.Td>
                  <Table.Td>{p.note || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
