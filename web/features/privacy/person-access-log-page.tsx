import { Alert, Anchor, Breadcrumbs, Skeleton, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useSignedInSession } from '../../lib/session.ts';
import { AccessLogCard } from './access-log-card.tsx';
import { usePersonName } from './api.ts';

/** An admin's view of one person's access log (the person sees theirs on the privacy page). */
export default function PersonAccessLogPage() {
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const person = usePersonName(id);
  const name = person.data?.name ?? '';
  const before = (
    <Breadcrumbs>
      <Anchor component={Link} to="/people">
        Directory
      </Anchor>
      <Anchor component={Link} to={`/people/${id}`}>
        {name || 'Person'}
      </Anchor>
    </Breadcrumbs>
  );
  if (!session.person.isAdmin && session.person.id !== id) {
    return (
      <Page>
        <PageHeader title="Access log" before={before} />
        <Alert color="gray" title="Not yours to read">
          A person’s access log is for them and for administrators.
        </Alert>
      </Page>
    );
  }
  return (
    <Page>
      <PageHeader
        title={person.isPending ? <Skeleton h={34} w={280} /> : `Access log — ${name}`}
        documentTitle={name ? `Access log — ${name}` : 'Access log'}
        description="Looking at this log is itself recorded, and the person sees that you did."
        before={before}
      />
      <Stack gap="lg">
        {person.isError ? (
          <QueryError error={person.error} onRetry={() => void person.refetch()} />
        ) : (
          <AccessLogCard
            personId={id}
            selfId={session.person.id}
            isOwn={session.person.id === id}
          />
        )}
      </Stack>
    </Page>
  );
}
