/** Who is making a request. Services take the actor first so HTTP, jobs and tests share them. */
export interface PersonActor {
  kind: 'person';
  id: string;
  isAdmin: boolean;
  isPeopleTeam: boolean;
}

export interface AnonymousActor {
  kind: 'anonymous';
}

/** Background work (sweepers, imports run by the system itself). */
export interface SystemActor {
  kind: 'system';
}

export type Actor = PersonActor | AnonymousActor | SystemActor;

export const anonymousActor: AnonymousActor = { kind: 'anonymous' };
export const systemActor: SystemActor = { kind: 'system' };
