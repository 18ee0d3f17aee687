import type { Actor } from './actor.ts';

/** Small named predicates that policies compose. */
export const isSignedIn = (actor: Actor): boolean => actor.kind === 'person';

export const isAdmin = (actor: Actor): boolean => actor.kind === 'person' && actor.isAdmin;

export const isPeopleTeam = (actor: Actor): boolean =>
  actor.kind === 'person' && (actor.isPeopleTeam || actor.isAdmin);

export const isSelf = (actor: Actor, personId: string): boolean =>
  actor.kind === 'person' && actor.id === personId;

export const isSystem = (actor: Actor): boolean => actor.kind === 'system';
