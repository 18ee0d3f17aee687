import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CadenceSettings,
  CalendarFeed,
  MailSettings,
  OutboxList,
  ReminderPreferences,
  UpdateCadencePolicy,
  UpdateMailSettings,
  UpdateReminderPreferences,
} from '../../../shared/schemas/cadence.ts';
import { ApiError, api } from '../../lib/api.ts';

export function useReminderPreferences() {
  return useQuery({
    queryKey: ['reminder-preferences'],
    queryFn: ({ signal }) => api<ReminderPreferences>('/api/reminder-preferences', { signal }),
  });
}

export function useUpdateReminderPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateReminderPreferences) =>
      api<ReminderPreferences>('/api/reminder-preferences', { method: 'PATCH', body: patch }),
    onSuccess: (data) => queryClient.setQueryData(['reminder-preferences'], data),
  });
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: ['calendar-feed'],
    queryFn: ({ signal }) => api<CalendarFeed>('/api/calendar-feed', { signal }),
  });
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<CalendarFeed>('/api/calendar-feed', { method: 'POST' }),
    onSuccess: (data) => queryClient.setQueryData(['calendar-feed'], data),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<undefined>('/api/calendar-feed', { method: 'DELETE' }),
    onSuccess: () => queryClient.setQueryData(['calendar-feed'], { url: null, createdAt: null }),
  });
}

export function useCadenceSettings() {
  return useQuery({
    queryKey: ['cadence-policy'],
    queryFn: ({ signal }) => api<CadenceSettings>('/api/cadence-policy', { signal }),
  });
}

export function useUpdateCadencePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: UpdateCadencePolicy) =>
      api<CadenceSettings>('/api/cadence-policy', { method: 'PUT', body: policy }),
    onSuccess: (data) => {
      queryClient.setQueryData(['cadence-policy'], data);
      return queryClient.invalidateQueries({ queryKey: ['home'] });
    },
  });
}

export function useMailSettings() {
  return useQuery({
    queryKey: ['mail-settings'],
    queryFn: ({ signal }) => api<MailSettings>('/api/mail-settings', { signal }),
  });
}

export function useUpdateMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMailSettings) =>
      api<MailSettings>('/api/mail-settings', { method: 'PUT', body: input }),
    onSuccess: (data) => queryClient.setQueryData(['mail-settings'], data),
    // Someone saved first (ADR 080): show the setting as it is now, so the next switch starts there.
    onError: (error) => {
      if (error instanceof ApiError && error.isStale)
        queryClient.setQueryData(['mail-settings'], error.current as MailSettings);
    },
  });
}

export function useOutbox(status: 'all' | 'unsent' | 'sent') {
  return useQuery({
    queryKey: ['outbox', status],
    queryFn: ({ signal }) => api<OutboxList>('/api/outbox-messages', { signal, query: { status } }),
    refetchInterval: 30_000,
  });
}
