import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isSignedIn } from '../../policies/predicates.ts';

/** Each person's own reminder choices: everyone signed in, for themself. */
export const ownRemindersPolicy = definePolicy<null, 'update'>({
  name: 'own-reminders',
  noun: 'setting',
  view: isSignedIn,
  actions: { update: isSignedIn },
});

/** The organisation's mail setting (link-only mail): admins read and change it. */
export const mailSettingsPolicy = definePolicy<null, 'read' | 'update'>({
  name: 'mail-settings',
  noun: 'setting',
  view: isSignedIn,
  actions: { read: isAdmin, update: isAdmin },
});

/**
 * The outbox page: admins see what is queued and sent (to whom, what kind, whether it failed).
 * Bodies carrying a pair's own content are never shown, not even to them.
 */
export const outboxPolicy = definePolicy<null, 'read'>({
  name: 'outbox',
  noun: 'outbox',
  view: isSignedIn,
  actions: { read: isAdmin },
});
