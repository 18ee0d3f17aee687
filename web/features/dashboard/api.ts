import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DASHBOARD_TEAMS_PER_PAGE } from '../../../shared/schemas/cadence.ts';
import type {
  CadenceSettings,
  Coverage,
  CoverageGroupPeople,
} from '../../../shared/schemas/cadence.ts';
import { ApiError, api } from '../../lib/api.ts';

const noRetryOnRefusal = (count: number, error: unknown) =>
  !(error instanceof ApiError && error.status < 500) && count < 2;

/**
 * The coverage dashboard for the viewer's scope, optionally narrowed to one manager's subtree,
 * with one page of its teams (1-based).
 */
export function useCoverage(managerId: string | null, page: number) {
  const offset = (page - 1) * DASHBOARD_TEAMS_PER_PAGE;
  return useQuery({
    queryKey: ['coverage', managerId ?? 'all', page],
    queryFn: ({ signal }) =>
      api<Coverage>('/api/coverage', {
        signal,
        query: { managerId, offset, limit: DASHBOARD_TEAMS_PER_PAGE },
      }),
    placeholderData: keepPreviousData,
    retry: noRetryOnRefusal,
    staleTime: 60_000,
  });
}

/** Names, dates and statuses of one group (only when the group is shown). */
export function useGroupPeople(key: string | null, managerId: string | null) {
  return useQuery({
    queryKey: ['coverage', managerId ?? 'all', 'group', key],
    queryFn: ({ signal }) =>
      api<CoverageGroupPeople>(`/api/coverage/groups/${key ?? ''}/people`, {
        signal,
        query: { managerId },
      }),
    enabled: key !== null,
    retry: noRetryOnRefusal,
  });
}

/** The cadence policy, to say the numbers behind each measure. */
export function usePolicy() {
  return useQuery({
    queryKey: ['cadence-policy'],
    queryFn: ({ signal }) => api<CadenceSettings>('/api/cadence-policy', { signal }),
    staleTime: 5 * 60_000,
  });
}
