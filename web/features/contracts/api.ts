import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgreeContract,
  CommitmentList,
  Contract,
  ContractFieldsInput,
  ContractMetaList,
  ContractOutcome,
  CreateCheckIn,
  CreateCommitment,
  HandoverList,
  TakeOverCommitment,
} from '../../../shared/schemas/contracts.ts';
import type { Conversation } from '../../../shared/schemas/conversations.ts';
import type { PersonDetail } from '../../../shared/schemas/people.ts';
import { api } from '../../lib/api.ts';

export const contractKeys = {
  all: ['contracts'] as const,
  one: (id: string) => ['contracts', id] as const,
  ofPerson: (personId: string) => ['contracts', 'person', personId] as const,
  commitments: (view: 'owed' | 'promised') => ['commitments', view] as const,
  handovers: ['contract-handovers'] as const,
};

export function useCommitments(view: 'owed' | 'promised') {
  return useQuery({
    queryKey: contractKeys.commitments(view),
    queryFn: ({ signal }) => api<CommitmentList>('/api/commitments', { query: { view }, signal }),
  });
}

export function useContractsOf(personId: string) {
  return useQuery({
    queryKey: contractKeys.ofPerson(personId),
    queryFn: ({ signal }) => api<ContractMetaList>(`/api/people/${personId}/contracts`, { signal }),
  });
}

export function useContract(id: string) {
  return useQuery({
    queryKey: contractKeys.one(id),
    queryFn: ({ signal }) => api<Contract>(`/api/contracts/${id}`, { signal }),
  });
}

export function useHandovers() {
  return useQuery({
    queryKey: contractKeys.handovers,
    queryFn: ({ signal }) => api<HandoverList>('/api/contract-handovers', { signal }),
  });
}

/** Refreshes everything a contract change can move: the contract, lists and commitments. */
function useInvalidateContracts() {
  const client = useQueryClient();
  return async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: contractKeys.all }),
      client.invalidateQueries({ queryKey: ['commitments'] }),
      client.invalidateQueries({ queryKey: contractKeys.handovers }),
      client.invalidateQueries({ queryKey: ['action-items'] }),
    ]);
  };
}

export function useCreateContract(personId: string) {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: ContractFieldsInput & { sourceConversationId?: string | null }) =>
      api<Contract>(`/api/people/${personId}/contracts`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useSaveContract(id: string) {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: ContractFieldsInput & { baseVersion: number }) =>
      api<Contract>(`/api/contracts/${id}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export function useAgreeContract(id: string) {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: AgreeContract) =>
      api<Contract>(`/api/contracts/${id}/agreements`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useCreateCheckIn(id: string) {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: CreateCheckIn) =>
      api<Contract>(`/api/contracts/${id}/check-ins`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useSetOutcome(id: string) {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: ContractOutcome) =>
      api<Contract>(`/api/contracts/${id}/outcomes`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useCreateCommitment(id: string) {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: CreateCommitment) =>
      api<Contract>(`/api/contracts/${id}/commitments`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Ticks a commitment off (or back on) through the action-items API it lives in. */
export function useSetCommitmentDone() {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: ({ id, isDone }: { id: string; isDone: boolean }) =>
      api(`/api/action-items/${id}`, { method: 'PATCH', body: { isDone } }),
    onSuccess: invalidate,
  });
}

export function useTakeOverCommitment() {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TakeOverCommitment }) =>
      api(`/api/commitments/${id}/takeover`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useWriteHandover() {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      api(`/api/contract-handovers/${id}`, { method: 'PUT', body: { note } }),
    onSuccess: invalidate,
  });
}

export function useReleaseHandover() {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (id: string) => api(`/api/contract-handovers/${id}/release`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

/** A person's directory entry (name, manager), for page titles. */
export function usePerson(personId: string) {
  return useQuery({
    queryKey: ['people', personId],
    queryFn: ({ signal }) => api<PersonDetail>(`/api/people/${personId}`, { signal }),
  });
}

/** The conversation a contract is written from, to say so on the page. */
export function useSourceConversation(conversationId: string | null) {
  return useQuery({
    queryKey: ['conversations', conversationId ?? 'none'],
    queryFn: ({ signal }) => api<Conversation>(`/api/conversations/${conversationId}`, { signal }),
    enabled: conversationId !== null,
  });
}
