import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PEOPLE_CSV_COLUMNS } from '../../../shared/schemas/people-imports.ts';
import type { PeopleImportResult } from '../../../shared/schemas/people-imports.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { messageOf } from '../../lib/api.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useApplyImport, usePreviewImport } from './api.ts';
import { ImportResult } from './import-result.tsx';

const EXAMPLE = `${PEOPLE_CSV_COLUMNS.join(',')}
maya.okafor@example.com,Maya Okafor,Engineering Manager,Payments,,2023-04-03,Europe/London
leo.brandt@example.com,Leo Brandt,Senior Engineer,Payments,maya.okafor@example.com,2024-01-15,Europe/Berlin`;

export default function PeopleImportPage() {
  const session = useSignedInSession();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [applied, setApplied] = useState<PeopleImportResult | null>(null);
  const preview = usePreviewImport();
  const apply = useApplyImport();

  async function choose(next: File | null) {
    setFile(next);
    setCsv(null);
    setApplied(null);
    setReadError(null);
    preview.reset();
    apply.reset();
    if (!next) return;
    try {
      const text = await next.text();
      setCsv(text);
      preview.mutate(text);
    } catch {
      setReadError('This file could not be read. Save it as CSV (UTF-8) and choose it again.');
    }
  }

  function applyImport() {
    if (!csv) return;
    apply.mutate(csv, {
      onSuccess: (result) => {
        setApplied(result);
        notifications.show({
          color: 'green',
          title: 'Import applied',
          message: `${result.creates.length} added and ${result.updates.length} updated.`,
        });
      },
    });
  }

  if (!session.person.isAdmin) {
    return (
      <Page>
        <PageHeader title="Import people" />
        <Alert color="gray" title="For administrators only">
          Only administrators can import people.
        </Alert>
      </Page>
    );
  }

  const result = preview.data;
  const hasRejections = (result?.rejections.length ?? 0) > 0;
  const hasChanges = (result?.creates.length ?? 0) + (result?.updates.length ?? 0) > 0;

  return (
    <Page size={960}>
      <PageHeader
        title="Import people"
        before={
          <Anchor component={Link} to="/admin/people" size="sm">
            ← Manage people
          </Anchor>
        }
        description="Add or update many people at once from a spreadsheet. You see exactly what will change before anything is saved."
      />
      <Stack gap="lg">
        <Paper withBorder radius="lg" p="lg">
          <Title order={2} fz="lg">
            1. Choose a CSV file
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            The first row names the columns: <Code>{PEOPLE_CSV_COLUMNS.join(', ')}</Code>. Only{' '}
            <Code>email</Code> is required. People are matched by email: new emails are added, known
            ones updated. A blank cell leaves that detail as it is.
          </Text>
          <List size="sm" mt="sm" spacing={4} c="dimmed">
            <List.Item>
              <Code>manager_email</Code> can name someone already in Trajectory or in the same file.
            </List.Item>
            <List.Item>
              Dates look like <Code>2024-01-31</Code>; time zones like <Code>Europe/London</Code>.
            </List.Item>
          </List>
          <Text size="sm" fw={600} mt="md" mb={4}>
            Example
          </Text>
          <Code block>{EXAMPLE}</Code>
          <FileInput
            mt="md"
            label="CSV file"
            accept=".csv,text/csv"
            clearable
            clearButtonProps={{ 'aria-label': 'Remove the file' }}
            leftSection={<IconFileTypeCsv size={18} aria-hidden />}
            value={file}
            onChange={(next) => void choose(next)}
            maw={420}
            error={readError ?? (preview.isError ? messageOf(preview.error) : undefined)}
          />
        </Paper>

        {(preview.isPending || result) && (
          <Paper withBorder radius="lg" p="lg" aria-busy={preview.isPending}>
            <Title order={2} fz="lg" mb="md">
              2. Check the preview
            </Title>
            {preview.isPending && <Text c="dimmed">Checking every row…</Text>}
            {result && !applied && (
              <Stack gap="lg">
                {hasRejections ? (
                  <Alert color="red" role="alert" title="Nothing can be imported yet">
                    {result.rejections.length === 1
                      ? '1 row has a problem.'
                      : `${result.rejections.length} rows have problems.`}{' '}
                    Fix them in your spreadsheet and choose the file again. The import is all or
                    nothing, so no row is saved until every row is valid.
                  </Alert>
                ) : hasChanges ? (
                  <Alert color="indigo" title="Ready to import">
                    Every row is valid. Nothing has been saved yet.
                  </Alert>
                ) : (
                  <Alert color="gray" title="Nothing to change">
                    Everyone in this file is already in Trajectory with these details.
                  </Alert>
                )}
                <ImportResult result={result} />
                {apply.isError && (
                  <Alert color="red" role="alert" title="The import was not applied">
                    {messageOf(apply.error)}
                  </Alert>
                )}
                <Group>
                  <Button
                    leftSection={<IconUpload size={18} aria-hidden />}
                    disabled={hasRejections || !hasChanges}
                    loading={apply.isPending}
                    onClick={applyImport}
                  >
                    Apply import
                  </Button>
                  {hasRejections && (
                    <Text size="sm" c="dimmed">
                      Available once no row is rejected.
                    </Text>
                  )}
                </Group>
              </Stack>
            )}
            {applied && (
              <Stack gap="lg">
                <Alert
                  color="teal"
                  title="Import applied"
                  icon={<IconCheck size={18} aria-hidden />}
                >
                  Everyone in the file is now in Trajectory. Invite them from their page so they can
                  sign in.
                </Alert>
                <ImportResult result={applied} />
                <Group>
                  <Button component={Link} to="/admin/people">
                    Go to Manage people
                  </Button>
                  <Button variant="default" onClick={() => void choose(null)}>
                    Import another file
                  </Button>
                </Group>
              </Stack>
            )}
          </Paper>
        )}
      </Stack>
    </Page>
  );
}
