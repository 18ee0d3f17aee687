import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PasswordTokenInfo,
  Session,
  SetupRequest,
  SignInRequest,
} from '../../../shared/schemas/auth.ts';
import { api } from '../../lib/api.ts';
import { startSession } from '../../lib/session.ts';

function useSessionMutation<T>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<Session>(path, { method: 'POST', body }),
    onSuccess: (session) => startSession(queryClient, session),
  });
}

export const useCompleteSetup = () => useSessionMutation<SetupRequest>('/api/setup');
export const useSignIn = () => useSessionMutation<SignInRequest>('/api/sessions');
export const useChoosePassword = () =>
  useSessionMutation<{ token: string; password: string }>('/api/passwords');

/** Who a password link is for; fails with 404 when it expired or was used. */
export function usePasswordToken(token: string) {
  return useQuery({
    queryKey: ['password-tokens', token],
    queryFn: () => api<PasswordTokenInfo>(`/api/password-tokens/${encodeURIComponent(token)}`),
    enabled: token.length >= 20,
    staleTime: Infinity,
  });
}
