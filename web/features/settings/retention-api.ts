import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  RetentionSettings,
  UpdateRetentionSettings,
} from '../../../shared/schemas/retention.ts';
import { api } from '../../lib/api.ts';

export function useRetentionSettings() {
  return useQuery({
    queryKey: ['retention-settings'],
    queryFn: ({ signal }) => api<RetentionSettings>('/api/retention-settings', { signal }),
  });
}

export function useUpdateRetentionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateRetentionSettings) =>
      api<RetentionSettings>('/api/retention-settings', { method: 'PUT', body: input }),
    onSuccess: (data) => queryClient.setQueryData(['retention-settings'], data),
  });
}
