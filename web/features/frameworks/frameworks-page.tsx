import {
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { FrameworkSummary } from '../../../shared/schemas/frameworks.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { downloadExport, useActivateVersion, useFrameworks } from './api.ts';

const SOURCES: Record<string, string> = {
  'built-in': 'Built in',
  native: 'Trajectory file',
  monzo: 'Monzo-style Markdown',
  'financial-times': 'Financial Times YAML',
  unidays: 'UNiDAYS JSON',
};

export function ExportMenu({ versionId }: { versionId: string }) {
  function download(format: 'yaml' | 'json') {
    downloadExport(versionId, format).catch((error: unknown) =>
      notifications.show({ color: 'red', title: 'Export failed', message: messageOf(error) }),
    );
  }
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => download('yaml')}>YAML (Trajectory format)</Menu.Item>
        <Menu.Item onClick={() => download('json')}>JSON (Trajectory format)</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function FrameworkCard({
  framework,
  canManage,
}: {
  framework: FrameworkSummary;
  canManage: boolean;
}) {
  const activate = useActivateVersion();
  return (
    <Paper withBorder radius="lg" p="lg">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="lg">
          {framework.name}
        </Title>
        {framework.isBuiltIn && <Badge variant="light">Built in</Badge>}
      </Group>
      {framework.description && (
        <Text size="sm" c="dimmed" mb="md">
          {framework.description}
        </Text>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" aria-label={`Versions of ${framework.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Source</Table.Th>
              <Table.Th scope="col">Added</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {framework.versions.map((version) => (
              <Table.Tr key={version.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/frameworks/versions/${version.id}`}>
                    Version {version.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{SOURCES[version.source] ?? version.source}</Table.Td>
                <Table.Td>{formatDateTime(version.createdAt)}</Table.Td>
                <Table.Td>
                  {version.isActive ? (
                    <Badge variant="light" color="teal">
                      Active
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="outline">
                      Inactive
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {canManage && !version.isActive && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={activate.isPending && activate.variables === version.id}
                        onClick={() =>
                          activate.mutate(version.id, {
                            onSuccess: () =>
                              notifications.show({
                                color: 'green',
                                title: 'Framework activated',
                                message: `${framework.name}, version ${version.number}, is now the organisation's framework.`,
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
                        Activate
                      </Button>
                    )}
                    <ExportMenu versionId={version.id} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

export default function FrameworksPage() {
  const frameworks = useFrameworks();
  const canManage = frameworks.data?.abilities.manage ?? false;
  return (
    <Page>
      <PageHeader
        title="Career framework"
        description="The tracks, levels and expectations your organisation uses for career conversations. One version is active at a time; assessments keep the version they were made with."
        actions={
          canManage && (
            <Button
              component={Link}
              to="/admin/frameworks/import"
              leftSection={<IconFileImport size={18} aria-hidden />}
            >
              Import a framework
            </Button>
          )
        }
      />
      {frameworks.isPending && (
        <Stack aria-busy>
          <Skeleton h={160} radius="lg" />
          <Skeleton h={160} radius="lg" />
        </Stack>
      )}
      {frameworks.isError && (
        <QueryError error={frameworks.error} onRetry={() => void frameworks.refetch()} />
      )}
      {frameworks.data && (
        <Stack gap="lg">
          {frameworks.data.activeVersionId && (
            <Text>
              <Anchor
                component={Link}
                underline="always"
                to={`/frameworks/versions/${frameworks.data.activeVersionId}`}
              >
                Open the active framework
              </Anchor>{' '}
              to read every level's expectations.
            </Text>
          )}
          {frameworks.data.items.map((framework) => (
            <FrameworkCard key={framework.id} framework={framework} canManage={canManage} />
          ))}
        </Stack>
      )}
    </Page>
  );
}
