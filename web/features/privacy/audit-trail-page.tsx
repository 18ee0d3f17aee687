import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useAuditTrail, useVerifyTrail } from './api.ts';
import type { AuditTrailFilter } from './api.ts';
import { AuditEventTable, EventsSkeleton, MoreEvents, NoEvents } from './audit-event-table.tsx';

/** The filters an admin picks from, each a set of query parameters. */
const filters: { value: string; label: string; filter: AuditTrailFilter }[] = [
  { value: 'all', label: 'Everything', filter: {} },
  { value: 'refused', label: 'Refused requests and sign-ins', filter: { decision: 'deny' } },
  { value: 'sign-ins', label: 'Password sign-ins', filter: { action: 'sign_in' } },
  { value: 'reads', label: 'Reads of conversations', filter: { action: 'conversation.' } },
  { value: 'people', label: 'Changes to people and roles', filter: { action: 'person.' } },
  { value: 'lines', label: 'Reporting-line changes', filter: { action: 'reporting_line.change' } },
  { value: 'exports', label: 'Personal exports', filter: { action: 'export.download' } },
  { value: 'trail', label: 'Looks at access logs', filter: { action: 'access_log.read' } },
];

function VerifyChain() {
  const verify = useVerifyTrail();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed" maw={620}>
          Every event carries a hash of the one before it, so an edited, deleted or reordered event
          breaks the chain. The database itself refuses changes to past events.
        </Text>
        <Button
          variant="default"
          leftSection={<IconShieldCheck size={18} aria-hidden />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
        >
          Verify the chain
        </Button>
      </Group>
      {verify.data &&
        (verify.data.isIntact ? (
          <Alert color="teal" variant="light" title="The trail is intact" role="status">
            All {verify.data.checked.toLocaleString()} events check out, in order, unchanged.
          </Alert>
        ) : (
          <Alert
            color="red"
            variant="light"
            title="The trail has been tampered with"
            icon={<IconAlertTriangle size={20} aria-hidden />}
            role="alert"
          >
            Event {verify.data.brokenAtSeq} {verify.data.problem}. {verify.data.checked} events
            before it are intact. Keep a copy of the database and investigate.
          </Alert>
        ))}
      {verify.isError && (
        <Alert color="red" variant="light" role="alert">
          {messageOf(verify.error)}
        </Alert>
      )}
    </Stack>
  );
}

export default function AuditTrailPage() {
  const session = useSignedInSession();
  const [choice, setChoice] = useState('all');
  const filter = filters.find((f) => f.value === choice)?.filter ?? {};
  const trail = useAuditTrail(filter);
  const events = trail.data?.pages.flatMap((page) => page.items) ?? [];

  if (!session.person.isAdmin) {
    return (
      <Page>
        <PageHeader title="Audit trail" />
        <Alert color="gray" title="For administrators only">
          Your own access log is on your Privacy page.
        </Alert>
      </Page>
    );
  }
  return (
    <Page size={1200}>
      <PageHeader
        title="Audit trail"
        description="Sign-ins, refusals, reads of people's records, changes to people and settings, and exports — who did what and when, never what anything says. Opening this page is recorded too."
      />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <VerifyChain />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Stack gap="md">
            <Select
              label="Show"
              data={filters.map(({ value, label }) => ({ value, label }))}
              value={choice}
              onChange={(value) => setChoice(value ?? 'all')}
              allowDeselect={false}
              maw={360}
            />
            {trail.isPending ? (
              <EventsSkeleton label="Loading the audit trail" />
            ) : trail.isError ? (
              <QueryError error={trail.error} onRetry={() => void trail.refetch()} />
            ) : events.length === 0 ? (
              <NoEvents
                title="No events match"
                description="Choose another filter, or come back once people have used Trajectory."
              />
            ) : (
              <>
                <AuditEventTable
                  label="Audit trail events"
                  events={events}
                  selfId={session.person.id}
                  showSubject
                  caption="Newest first. Times are shown in your time zone."
                />
                <MoreEvents
                  hasMore={trail.hasNextPage}
                  isLoading={trail.isFetchingNextPage}
                  shown={events.length}
                  onLoad={() => void trail.fetchNextPage()}
                />
              </>
            )}
          </Stack>
        </Paper>
      </Stack>
    </Page>
  );
}
