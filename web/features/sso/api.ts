import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateScimToken,
  CreatedScimToken,
  ScimTokenList,
} from '../../../shared/schemas/scim.ts';
import type { SsoSettings, UpdateSsoSettings } from '../../../shared/schemas/sso.ts';
import { api } from '../../lib/api.ts';

const settingsKey = ['sso', 'settings'] as const;
const tokensKey = ['sso', 'scim-tokens'] as const;

export function useSsoSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<SsoSettings>('/api/sso/settings') });
}

export function useUpdateSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSsoSettings) =>
      api<SsoSettings>('/api/sso/settings', { method: 'PUT', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      void queryClient.invalidateQueries({ queryKey: ['sso-providers'] });
    },
  });
}

export function useScimTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api<ScimTokenList>('/api/scim-tokens') });
}

export function useCreateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateScimToken) =>
      api<CreatedScimToken>('/api/scim-tokens', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<undefined>(`/api/scim-tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
