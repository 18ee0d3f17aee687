import { Alert, Anchor, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { PersonDetail } from '../../../shared/schemas/people.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useAssessments, useFrameworkVersion, useFrameworks, usePlacements } from './api.ts';
import { AssessmentsCard } from './assessments-card.tsx';
import { GapAnalysisCard } from './gap-analysis-card.tsx';
import { PlacementCard } from './placement-card.tsx';

const isHidden = (error: unknown) => error instanceof ApiError && error.status === 404;

/** Placement, ladder sync-ups and gap analysis of one person, as far as the viewer may see. */
export function CareerView({ personId }: { personId: string }) {
  const person = useQuery({
    queryKey: ['career', personId, 'person'],
    queryFn: ({ signal }) => api<PersonDetail>(`/api/people/${personId}`, { signal }),
  });
  const frameworks = useFrameworks();
  const version = useFrameworkVersion(frameworks.data?.activeVersionId);
  const placements = usePlacements(personId);
  const assessments = useAssessments(personId);
  const name = person.data?.name ?? 'Career';
  const isEverythingHidden = isHidden(placements.error) && isHidden(assessments.error);
  return (
    <Page>
      <PageHeader
        title={person.data ? `${name}: career` : 'Career'}
        before={
          <Anchor component={Link} to={`/people/${personId}`} size="sm">
            ← {person.data?.name ?? 'Person'}
          </Anchor>
        }
        description="Where this person is on the career framework, how they and their manager see them against a level, and what is left to reach it."
      />
      {person.isError && <QueryError error={person.error} />}
      {isEverythingHidden && (
        <Alert color="gray" title="Not visible to you">
          Career details are visible to the person, the people they report to, and administrators.
        </Alert>
      )}
      <Stack gap="lg">
        {placements.isPending && <Skeleton h={140} radius="lg" />}
        {placements.data && (
          <PlacementCard personId={personId} placements={placements.data} version={version.data} />
        )}
        {placements.isError && !isHidden(placements.error) && (
          <QueryError error={placements.error} />
        )}
        {assessments.isPending && <Skeleton h={140} radius="lg" />}
        {assessments.data && (
          <AssessmentsCard
            personId={personId}
            assessments={assessments.data}
            placements={placements.data}
            version={version.data}
          />
        )}
        {placements.data?.abilities.viewGap && (
          <GapAnalysisCard personId={personId} version={version.data} />
        )}
      </Stack>
    </Page>
  );
}

export default function CareerPage() {
  const { id = '' } = useParams();
  return <CareerView key={id} personId={id} />;
}
