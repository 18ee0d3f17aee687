import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionItem,
  Conversation,
  ConversationGuide,
  ConversationList,
  CreateActionItem,
  KindInfo,
  ManagerPrep,
  Prep,
  PrivateNote,
  SaveSummaryDraft,
  SharedNotes,
  Summary,
  SummaryResponseInput,
  Timeline,
  TimelineItemType,
  UpdateActionItem,
  UpdateConversation,
  UpdateManagerPrep,
} from '../../../shared/schemas/conversations.ts';
import type { PersonDetail } from '../../../shared/schemas/people.ts';
import { ApiError, api } from '../../lib/api.ts';

export const conversationKeys = {
  all: ['conversations'] as const,
  list: ['conversations', 'list'] as const,
  one: (id: string) => ['conversations', id] as const,
  prep: (id: string) => ['conversations', id, 'prep'] as const,
  managerPrep: (id: string) => ['conversations', id, 'manager-prep'] as const,
  guide: (id: string) => ['conversations', id, 'guide'] as const,
  notes: (id: string) => ['conversations', id, 'notes'] as const,
  privateNote: (id: string) => ['conversations', id, 'private-note'] as const,
  summary: (id: string) => ['conversations', id, 'summary'] as const,
  actionItems: (id: string) => ['conversations', id, 'action-items'] as const,
  timeline: (personId: string, types: string) => ['timeline', personId, types] as const,
};

export function useKinds() {
  return useQuery({
    queryKey: ['conversation-kinds'],
    queryFn: ({ signal }) => api<{ items: KindInfo[] }>('/api/conversation-kinds', { signal }),
    staleTime: Infinity,
  });
}

/** The signed-in person's own directory entry: their manager and reports. */
export function useMe(personId: string) {
  return useQuery({
    queryKey: ['people', personId],
    queryFn: ({ signal }) => api<PersonDetail>(`/api/people/${personId}`, { signal }),
  });
}

export function useConversations() {
  return useQuery({
    queryKey: conversationKeys.list,
    queryFn: ({ signal }) => api<ConversationList>('/api/conversations', { signal }),
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKeys.one(id),
    queryFn: ({ signal }) => api<Conversation>(`/api/conversations/${id}`, { signal }),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useScheduleConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      engineerId: string;
      kind: string;
      startsAt: string;
      durationMinutes?: number;
      place: string;
      agenda: string;
    }) => api<Conversation>('/api/conversations', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationKeys.all }),
  });
}

function useConversationMutation<T>(id: string, run: (input: T) => Promise<Conversation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.one(id), conversation);
      return queryClient.invalidateQueries({ queryKey: conversationKeys.all });
    },
  });
}

export function useUpdateConversation(id: string) {
  return useConversationMutation(id, (patch: UpdateConversation) =>
    api<Conversation>(`/api/conversations/${id}`, { method: 'PATCH', body: patch }),
  );
}

export function useConversationTransition(id: string) {
  return useConversationMutation(
    id,
    ({
      action,
      reason,
    }: {
      action: 'confirmation' | 'cancellation' | 'completion';
      reason?: string;
    }) =>
      api<Conversation>(`/api/conversations/${id}/${action}`, {
        method: 'POST',
        body: action === 'cancellation' ? { reason: reason ?? '' } : {},
      }),
  );
}

export function usePrep(id: string) {
  return useQuery({
    queryKey: conversationKeys.prep(id),
    queryFn: ({ signal }) => api<Prep>(`/api/conversations/${id}/prep`, { signal }),
  });
}

export function useSavePrepAnswer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, answer }: { key: string; answer: string }) =>
      api<Prep>(`/api/conversations/${id}/prep/answers/${key}`, {
        method: 'PUT',
        body: { answer },
      }),
    onSuccess: (prep) => queryClient.setQueryData(conversationKeys.prep(id), prep),
  });
}

export function useSharePrep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { keys: string[] } | { all: true }) =>
      api<Prep>(`/api/conversations/${id}/prep/shares`, { method: 'POST', body: input }),
    onSuccess: (prep) => queryClient.setQueryData(conversationKeys.prep(id), prep),
  });
}

export function useManagerPrep(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: conversationKeys.managerPrep(id),
    queryFn: ({ signal }) => api<ManagerPrep>(`/api/conversations/${id}/manager-prep`, { signal }),
    enabled: isEnabled,
  });
}

export function useUpdateManagerPrep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateManagerPrep) =>
      api<ManagerPrep>(`/api/conversations/${id}/manager-prep`, { method: 'PATCH', body: patch }),
    onSuccess: (prep) => queryClient.setQueryData(conversationKeys.managerPrep(id), prep),
  });
}

export function useGuide(id: string) {
  return useQuery({
    queryKey: conversationKeys.guide(id),
    queryFn: ({ signal }) => api<ConversationGuide>(`/api/conversations/${id}/guide`, { signal }),
    staleTime: Infinity,
  });
}

export function useSharedNotes(id: string) {
  return useQuery({
    queryKey: conversationKeys.notes(id),
    queryFn: ({ signal }) => api<SharedNotes>(`/api/conversations/${id}/shared-notes`, { signal }),
  });
}

/** Saves the shared notes from `version`; a stale save rejects with an ApiError of status 409. */
export function saveSharedNotes(id: string, text: string, version: number) {
  return api<SharedNotes>(`/api/conversations/${id}/shared-notes`, {
    method: 'PUT',
    body: { text, version },
  });
}

export function usePrivateNote(path: string) {
  return useQuery({
    queryKey: ['private-note', path],
    queryFn: ({ signal }) => api<PrivateNote>(path, { signal }),
  });
}

export function savePrivateNote(path: string, body: string) {
  return api<PrivateNote>(path, { method: 'PUT', body: { body } });
}

export function useSummary(id: string) {
  return useQuery({
    queryKey: conversationKeys.summary(id),
    queryFn: ({ signal }) => api<Summary>(`/api/conversations/${id}/summary`, { signal }),
  });
}

function useSummaryMutation<T>(id: string, run: (input: T) => Promise<Summary>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (summary) => {
      queryClient.setQueryData(conversationKeys.summary(id), summary);
      return queryClient.invalidateQueries({ queryKey: conversationKeys.one(id) });
    },
  });
}

export function useSaveSummaryDraft(id: string) {
  return useSummaryMutation(id, (draft: SaveSummaryDraft) =>
    api<Summary>(`/api/conversations/${id}/summary/draft`, { method: 'PUT', body: draft }),
  );
}

export function useSendSummary(id: string) {
  return useSummaryMutation(id, () =>
    api<Summary>(`/api/conversations/${id}/summary/versions`, { method: 'POST' }),
  );
}

export function useRespondToSummary(id: string) {
  return useSummaryMutation(id, (input: SummaryResponseInput) =>
    api<Summary>(`/api/conversations/${id}/summary/responses`, { method: 'POST', body: input }),
  );
}

export function useActionItems(conversationId: string, engineerId: string) {
  return useQuery({
    queryKey: conversationKeys.actionItems(conversationId),
    queryFn: ({ signal }) =>
      api<{ items: ActionItem[] }>('/api/action-items', { query: { engineerId }, signal }),
    select: (data) => data.items.filter((item) => item.conversationId === conversationId),
  });
}

export function useCreateActionItem(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateActionItem) =>
      api<ActionItem>(`/api/conversations/${conversationId}/action-items`, {
        method: 'POST',
        body: input,
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: conversationKeys.actionItems(conversationId) }),
  });
}

export function useUpdateActionItem(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateActionItem }) =>
      api<ActionItem>(`/api/action-items/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: conversationKeys.actionItems(conversationId) }),
  });
}

export function useTimeline(personId: string, types: TimelineItemType[]) {
  const joined = types.join(',');
  return useQuery({
    queryKey: conversationKeys.timeline(personId, joined),
    queryFn: ({ signal }) =>
      api<Timeline>(`/api/people/${personId}/timeline`, { query: { types: joined }, signal }),
    enabled: types.length > 0,
  });
}
