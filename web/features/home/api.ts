import { useQuery } from '@tanstack/react-query';
import type { Home } from '../../../shared/schemas/cadence.ts';
import { api } from '../../lib/api.ts';

export const homeQueryKey = ['home'] as const;

/** What's next for the signed-in person (every due date from the cadence engine). */
export function useHome() {
  return useQuery({
    queryKey: homeQueryKey,
    queryFn: ({ signal }) => api<Home>('/api/home', { signal }),
    staleTime: 30_000,
  });
}
