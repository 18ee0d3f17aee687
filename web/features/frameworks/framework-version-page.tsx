import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { Criterion, FrameworkVersionDetail } from '../../../shared/schemas/frameworks.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { useActivateVersion, useFrameworkVersion } from './api.ts';
import { EditWordingModal } from './edit-wording-modal.tsx';
import type { WordingTarget } from './edit-wording-modal.tsx';
import { ExportMenu } from './frameworks-page.tsx';

function CriteriaCell({
  criteria,
  canEdit,
  onEdit,
}: {
  criteria: Criterion[];
  canEdit: boolean;
  onEdit: (criterion: Criterion) => void;
}) {
  if (criteria.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <List size="sm" spacing={6}>
      {criteria.map((criterion) => (
        <List.Item key={criterion.id}>
          <Group gap={4} wrap="nowrap" align="flex-start">
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {criterion.text}
            </Text>
            {canEdit && (
              <Tooltip label="Edit wording">
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={`Edit: ${criterion.text}`}
                  onClick={() => onEdit(criterion)}
                >
                  <IconPencil size={14} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
          {criterion.examples.length > 0 && (
            <Text size="xs" c="dimmed" mt={2}>
              For example: {criterion.examples.join(' · ')}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/** Competencies down the side, the track's levels across: the framework as people read it. */
export function FrameworkMatrix({
  version,
  onEdit,
}: {
  version: FrameworkVersionDetail;
  onEdit?: (target: WordingTarget) => void;
}) {
  const [trackId, setTrackId] = useState(version.tracks[0]?.id ?? '');
  const track = version.tracks.find((t) => t.id === trackId) ?? version.tracks[0];
  if (!track) return <Text c="dimmed">This framework has no tracks.</Text>;
  const canEdit = Boolean(onEdit) && version.abilities.edit;
  const levelIds = new Set(track.levels.map((l) => l.id));
  const competencies = version.competencies.filter((c) =>
    version.criteria.some((k) => k.competencyId === c.id && levelIds.has(k.levelId)),
  );
  return (
    <Stack gap="md">
      {version.tracks.length > 1 && (
        <SegmentedControl
          aria-label="Track"
          value={track.id}
          onChange={setTrackId}
          data={version.tracks.map((t) => ({ value: t.id, label: t.name }))}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      {track.description && (
        <Text size="sm" c="dimmed" maw={760}>
          {track.description}
        </Text>
      )}
      <Table.ScrollContainer minWidth={Math.max(640, 240 * track.levels.length)}>
        <Table
          withTableBorder
          withColumnBorders
          verticalSpacing="sm"
          aria-label={`${track.name}: competencies by level`}
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={180}>
                Competency
              </Table.Th>
              {track.levels.map((level) => (
                <Table.Th scope="col" key={level.id}>
                  <Group gap={6} wrap="nowrap">
                    <span>{level.name}</span>
                    {level.code && (
                      <Badge size="xs" variant="outline">
                        {level.code}
                      </Badge>
                    )}
                    {canEdit && onEdit && (
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        aria-label={`Edit level ${level.name}`}
                        onClick={() => onEdit({ kind: 'level', level })}
                      >
                        <IconPencil size={14} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                  {level.summary && (
                    <Text size="xs" c="dimmed" fw={400} mt={4}>
                      {level.summary}
                    </Text>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {competencies.map((competency) => (
              <Table.Tr key={competency.id} style={{ verticalAlign: 'top' }}>
                <Table.Th scope="row">
                  <Group gap={4} wrap="nowrap" align="flex-start">
                    <Text fw={600} size="sm">
                      {competency.name}
                    </Text>
                    {canEdit && onEdit && (
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        aria-label={`Edit competency ${competency.name}`}
                        onClick={() => onEdit({ kind: 'competency', competency })}
                      >
                        <IconPencil size={14} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                  {competency.description && (
                    <Text size="xs" c="dimmed" fw={400} mt={4}>
                      {competency.description}
                    </Text>
                  )}
                </Table.Th>
                {track.levels.map((level) => (
                  <Table.Td key={level.id}>
                    <CriteriaCell
                      criteria={version.criteria.filter(
                        (c) => c.levelId === level.id && c.competencyId === competency.id,
                      )}
                      canEdit={canEdit}
                      onEdit={(criterion) => onEdit?.({ kind: 'criterion', criterion })}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export default function FrameworkVersionPage() {
  const { id = '' } = useParams();
  const version = useFrameworkVersion(id);
  const activate = useActivateVersion();
  const [editing, setEditing] = useState<WordingTarget | null>(null);
  const data = version.data;
  return (
    <Page size={1400}>
      <PageHeader
        title={data ? `${data.framework.name}` : 'Framework'}
        before={
          <Anchor component={Link} to="/frameworks" size="sm">
            ← Career framework
          </Anchor>
        }
        description={
          data && (
            <>
              Version {data.number}{' '}
              {data.isActive ? (
                <Badge variant="light" color="teal" ml={4}>
                  Active
                </Badge>
              ) : (
                <Badge color="gray" variant="outline" ml={4}>
                  Inactive
                </Badge>
              )}
              {data.framework.description && (
                <Text size="sm" c="dimmed" mt={6} component="span" display="block">
                  {data.framework.description}
                </Text>
              )}
            </>
          )
        }
        actions={
          data && (
            <>
              {data.abilities.activate && (
                <Button
                  loading={activate.isPending}
                  onClick={() =>
                    activate.mutate(data.id, {
                      onSuccess: () =>
                        notifications.show({
                          color: 'green',
                          title: 'Framework activated',
                          message: 'New placements and assessments use this version.',
                        }),
                      onError: (error) =>
                        notifications.show({
                          color: 'red',
                          title: 'Not activated',
                          message: messageOf(error),
                        }),
                    })
                  }
                >
                  Make active
                </Button>
              )}
              <ExportMenu versionId={data.id} />
            </>
          )
        }
      />
      {version.isPending && <Skeleton h={400} radius="lg" aria-busy />}
      {version.isError && (
        <QueryError error={version.error} onRetry={() => void version.refetch()} />
      )}
      {data && (
        <Paper withBorder radius="lg" p="lg">
          <FrameworkMatrix version={data} onEdit={setEditing} />
        </Paper>
      )}
      <EditWordingModal target={editing} onClose={() => setEditing(null)} />
    </Page>
  );
}
