import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { PasswordLink } from '../../../shared/schemas/auth.ts';
import type {
  CreatePersonInput,
  CreateReportingLine,
  PersonDetail,
  PersonList,
  UpdatePerson,
} from '../../../shared/schemas/people.ts';
import { api } from '../../lib/api.ts';

/** Every cached people query starts with 'people', so one invalidation refreshes them all. */
export const peopleKeys = {
  all: ['people'] as const,
  list: (filter: PeopleFilter) => ['people', 'list', filter] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
};

export interface PeopleFilter {
  query?: string;
  includeInactive?: boolean;
  limit?: number;
}

const PAGE_SIZE = 25;

/** The directory, a page at a time (cursor paging). */
export function usePeoplePages(filter: PeopleFilter) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      api<PersonList>('/api/people', {
        query: {
          query: filter.query,
          includeInactive: filter.includeInactive ? 'true' : undefined,
          limit: filter.limit ?? PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** A short list of matches for pickers (for example choosing a manager). */
export function usePeopleSearch(query: string) {
  return useQuery({
    queryKey: ['people', 'search', query],
    queryFn: ({ signal }) =>
      api<PersonList>('/api/people', { query: { query, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string | null) {
  return useQuery({
    queryKey: peopleKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<PersonDetail>(`/api/people/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

function useRefreshPeople() {
  const queryClient = useQueryClient();
  return (person: PersonDetail) => {
    queryClient.setQueryData(peopleKeys.detail(person.id), person);
    return queryClient.invalidateQueries({ queryKey: peopleKeys.all });
  };
}

export function useCreatePerson() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (input: CreatePersonInput) =>
      api<PersonDetail>('/api/people', { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useUpdatePerson(id: string) {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (patch: UpdatePerson) =>
      api<PersonDetail>(`/api/people/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: refresh,
  });
}

export function useSetReportingLine() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (input: CreateReportingLine) =>
      api<PersonDetail>('/api/reporting-lines', { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

/** A one-time link to choose a password: an invitation, or a reset for someone who had one. */
export function useCreatePasswordLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, purpose }: { personId: string; purpose: 'invite' | 'reset' }) =>
      api<PasswordLink>(
        `/api/people/${personId}/${purpose === 'invite' ? 'invitations' : 'password-resets'}`,
        { method: 'POST' },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}
