import { useQuery } from '@tanstack/react-query';
import type { PersonList } from '../../../shared/schemas/people.ts';
import { api } from '../../lib/api.ts';

const CHILDREN_LIMIT = 200;

/** The people at the top (no manager), or the direct reports of one manager. */
export function useOrgLevel(managerId: string | null, isEnabled = true) {
  return useQuery({
    queryKey: ['people', 'org-chart', managerId ?? 'top'],
    queryFn: ({ signal }) =>
      api<PersonList>('/api/people', {
        query: managerId
          ? { managerId, limit: CHILDREN_LIMIT }
          : { isTopLevel: 'true', limit: CHILDREN_LIMIT },
        signal,
      }),
    enabled: isEnabled,
    staleTime: 60_000,
  });
}
