import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateWhatMattersInput,
  WhatMatters,
  WhatMattersList,
} from '../../../shared/schemas/what-matters.ts';
import { api } from '../../lib/api.ts';

const key = (personId: string) => ['what-matters', personId] as const;

export function useWhatMattersList(personId: string) {
  return useQuery({
    queryKey: key(personId),
    queryFn: ({ signal }) =>
      api<WhatMattersList>(`/api/people/${personId}/what-matters`, { signal }),
  });
}

export function useCreateWhatMatters(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWhatMattersInput) =>
      api<WhatMatters>('/api/what-matters', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(personId) }),
  });
}

export function useShareWhatMatters(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isShared }: { id: string; isShared: boolean }) =>
      api<WhatMatters>(`/api/what-matters/${id}/share`, { method: isShared ? 'PUT' : 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(personId) }),
  });
}
