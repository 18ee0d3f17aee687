import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type {
  AuditEventPage,
  AuditTrailQuery,
  AuditVerification,
} from '../../../shared/schemas/audit.ts';
import { api } from '../../lib/api.ts';

const PAGE_SIZE = 25;

/** Who has accessed a person's record, newest first, a page at a time. */
export function useAccessLog(personId: string, includeOwn: boolean) {
  return useInfiniteQuery({
    queryKey: ['access-log', personId, includeOwn],
    queryFn: ({ pageParam, signal }) =>
      api<AuditEventPage>(`/api/people/${personId}/access-log`, {
        query: { includeOwn: includeOwn ? 'true' : undefined, limit: PAGE_SIZE, before: pageParam },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

export type AuditTrailFilter = Pick<AuditTrailQuery, 'action' | 'decision'>;

/** The organisation's audit trail for admins, newest first. */
export function useAuditTrail(filter: AuditTrailFilter) {
  return useInfiniteQuery({
    queryKey: ['audit-trail', filter],
    queryFn: ({ pageParam, signal }) =>
      api<AuditEventPage>('/api/audit-events', {
        query: { ...filter, limit: PAGE_SIZE, before: pageParam },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** Walks the hash chain on demand (it reads every event, so it is not done on page load). */
export function useVerifyTrail() {
  return useMutation({
    mutationFn: () => api<AuditVerification>('/api/audit-events/verification'),
  });
}

/** Where the browser downloads a person's export from (a plain link: the cookie goes along). */
export function exportUrl(personId: string, format: 'zip' | 'json' | 'markdown'): string {
  return `/api/people/${personId}/export?format=${format}`;
}

/** The directory name of a person, for page titles. */
export function usePersonName(personId: string) {
  return useQuery({
    queryKey: ['people', 'name', personId],
    queryFn: ({ signal }) =>
      api<{ id: string; name: string }>(`/api/people/${personId}`, { signal }),
  });
}
