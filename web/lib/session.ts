import { useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { Session } from '../../shared/schemas/auth.ts';
import { ApiError, api, rememberSession } from './api.ts';

export const sessionQueryKey = ['session'] as const;
export const setupQueryKey = ['setup'] as const;

/** The signed-in session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/api/session');
    rememberSession(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberSession(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** The session of the person signed in; only call below the signed-in layout. */
export function useSignedInSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession is only for pages behind sign-in');
  return data;
}

export function useSetupStatus() {
  return useQuery({
    queryKey: setupQueryKey,
    queryFn: () => api<{ isSetupNeeded: boolean }>('/api/setup'),
    staleTime: Infinity,
  });
}

/** Stores a session the server just issued (sign-in, setup, password chosen). */
export function startSession(queryClient: QueryClient, session: Session): void {
  rememberSession(session);
  queryClient.clear();
  queryClient.setQueryData(sessionQueryKey, session);
  queryClient.setQueryData(setupQueryKey, { isSetupNeeded: false });
}

/** Forgets everything cached for the person who signed out. */
export function endSession(queryClient: QueryClient): void {
  rememberSession(null);
  queryClient.clear();
  queryClient.setQueryData(sessionQueryKey, null);
  queryClient.setQueryData(setupQueryKey, { isSetupNeeded: false });
}
