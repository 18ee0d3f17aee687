import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconFileImport, IconUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { FrameworkImportRequest, ImportPreview } from '../../../shared/schemas/frameworks.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { messageOf } from '../../lib/api.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useImportFramework } from './api.ts';

type Format = FrameworkImportRequest['format'];
const FORMATS: { value: Format; label: string }[] = [
  { value: 'auto', label: 'Recognise automatically' },
  { value: 'native', label: 'Trajectory format (YAML or JSON)' },
  { value: 'monzo', label: 'Monzo-style Markdown with front matter' },
  { value: 'financial-times', label: 'Financial Times YAML job families' },
  { value: 'unidays', label: 'UNiDAYS JSON catalogues and role trees' },
];

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  return (
    <Stack gap="md">
      <Text size="sm">
        <strong>{preview.name}</strong> — read as{' '}
        {FORMATS.find((f) => f.value === preview.format)?.label ?? preview.format}:{' '}
        {preview.tracks.length} {preview.tracks.length === 1 ? 'track' : 'tracks'},{' '}
        {preview.competencies.length} competencies, {preview.criteriaCount} criteria.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <div>
          <Title order={3} fz="md" mb="xs">
            Tracks and levels
          </Title>
          <Table withTableBorder verticalSpacing={4} aria-label="Tracks and levels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Track</Table.Th>
                <Table.Th scope="col">Level</Table.Th>
                <Table.Th scope="col">Criteria</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.tracks.flatMap((track) =>
                track.levels.map((level, index) => (
                  <Table.Tr key={`${track.key}/${level.key}`}>
                    <Table.Td>{index === 0 ? track.name : ''}</Table.Td>
                    <Table.Td>
                      {level.name}{' '}
                      {level.code && (
                        <Badge size="xs" variant="outline">
                          {level.code}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{level.criteriaCount}</Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </div>
        <div>
          <Title order={3} fz="md" mb="xs">
            Competencies
          </Title>
          <Table withTableBorder verticalSpacing={4} aria-label="Competencies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Competency</Table.Th>
                <Table.Th scope="col">Criteria</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.competencies.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{c.criteriaCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </SimpleGrid>
      {preview.warnings.length > 0 && (
        <Alert color="gray" title={`${preview.warnings.length} warnings`}>
          <List size="sm" spacing={2}>
            {preview.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

export default function FrameworkImportPage() {
  const session = useSignedInSession();
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<Format>('auto');
  const [name, setName] = useState('');
  const [readError, setReadError] = useState<string | null>(null);
  const [contents, setContents] = useState<{ name: string; content: string }[]>([]);
  const preview = useImportFramework();
  const apply = useImportFramework();

  function request(mode: 'preview' | 'apply', read = contents): FrameworkImportRequest {
    return { mode, format, files: read, ...(name.trim() && { name: name.trim() }) };
  }

  async function choose(next: File[]) {
    setFiles(next);
    setReadError(null);
    preview.reset();
    apply.reset();
    if (next.length === 0) return setContents([]);
    try {
      const read = await Promise.all(
        next.map(async (f) => ({ name: f.name, content: await f.text() })),
      );
      setContents(read);
      preview.mutate(request('preview', read));
    } catch {
      setReadError('These files could not be read. Choose them again.');
    }
  }

  if (!session.person.isAdmin) {
    return (
      <Page>
        <PageHeader title="Import a framework" />
        <Alert color="gray" title="For administrators only">
          Only administrators can import frameworks.
        </Alert>
      </Page>
    );
  }

  const applied = apply.data;
  return (
    <Page size={1000}>
      <PageHeader
        title="Import a framework"
        before={
          <Anchor component={Link} to="/frameworks" size="sm">
            ← Career framework
          </Anchor>
        }
        description="Bring in a published career framework or one exported from Trajectory. You see what it contains before anything is saved; the import becomes a new, inactive version."
      />
      <Stack gap="lg">
        <Paper withBorder radius="lg" p="lg">
          <Title order={2} fz="lg" mb="xs">
            1. Choose the files
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            A Monzo-style or Financial Times file becomes one track each; choose several to import
            them together. For UNiDAYS, choose the competency catalogues and, optionally, the role
            trees that reference them (<Code>catalogue/topic/level</Code>).
          </Text>
          <Stack gap="md" maw={520}>
            <Select
              label="Format"
              data={FORMATS}
              value={format}
              allowDeselect={false}
              onChange={(value) => {
                setFormat((value as Format | null) ?? 'auto');
                preview.reset();
              }}
            />
            <TextInput
              label="Name"
              description="Optional; by default the name found in the files."
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <FileInput
              label="Framework files"
              multiple
              clearable
              clearButtonProps={{ 'aria-label': 'Remove the files' }}
              accept=".md,.markdown,.yml,.yaml,.json"
              leftSection={<IconFileImport size={18} aria-hidden />}
              value={files}
              onChange={(next) => void choose(next)}
              error={readError ?? (preview.isError ? messageOf(preview.error) : undefined)}
            />
            {contents.length > 0 && (
              <Group>
                <Button
                  variant="default"
                  onClick={() => preview.mutate(request('preview'))}
                  loading={preview.isPending}
                >
                  Preview again
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
        {(preview.isPending || preview.data) && (
          <Paper withBorder radius="lg" p="lg" aria-busy={preview.isPending}>
            <Title order={2} fz="lg" mb="md">
              2. Check the preview
            </Title>
            {preview.isPending && <Text c="dimmed">Reading the files…</Text>}
            {preview.data && !applied && (
              <Stack gap="lg">
                <PreviewSummary preview={preview.data} />
                {apply.isError && (
                  <Alert color="red" role="alert" title="The import was not applied">
                    {messageOf(apply.error)}
                  </Alert>
                )}
                <Group>
                  <Button
                    leftSection={<IconUpload size={18} aria-hidden />}
                    loading={apply.isPending}
                    onClick={() => apply.mutate(request('apply'))}
                  >
                    Apply import
                  </Button>
                </Group>
              </Stack>
            )}
            {applied?.versionId && (
              <Alert color="teal" title="Import applied" icon={<IconCheck size={18} aria-hidden />}>
                <Text size="sm" mb="sm">
                  {applied.name} was saved as a new version with {applied.criteriaCount} criteria.
                  It is not active yet.
                </Text>
                <Button component={Link} to={`/frameworks/versions/${applied.versionId}`} size="xs">
                  Open the new version
                </Button>
              </Alert>
            )}
          </Paper>
        )}
      </Stack>
    </Page>
  );
}
