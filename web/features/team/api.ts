import { useQuery } from '@tanstack/react-query';
import type { Team } from '../../../shared/schemas/cadence.ts';
import { api } from '../../lib/api.ts';

/** The signed-in manager's direct reports with their cadence (metadata only). */
export function useTeam() {
  return useQuery({
    queryKey: ['team'],
    queryFn: ({ signal }) => api<Team>('/api/team', { signal }),
    staleTime: 30_000,
  });
}
