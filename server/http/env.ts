import type { Actor } from '../policies/actor.ts';
import type { SessionWithPerson } from '../modules/auth/auth.repository.ts';

/** What middleware puts on every request's context. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    session: SessionWithPerson | null;
    sessionToken: string | null;
    requestId: string;
  };
}
