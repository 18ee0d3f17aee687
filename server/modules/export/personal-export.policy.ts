import { definePolicy } from '../../policies/authorize.ts';
import { isSelf } from '../../policies/predicates.ts';

export interface ExportSubject {
  personId: string;
}

/**
 * A personal export: the person themself only. Nobody else — not their manager, not an admin —
 * may compile it (that would be a data-access request, security.md §6), so others get 404.
 */
export const personalExportPolicy = definePolicy<ExportSubject | null, never>({
  name: 'personal-export',
  noun: 'export',
  view: (actor, s) => s !== null && isSelf(actor, s.personId),
  actions: {},
  subjectOf: (s) => s?.personId ?? null,
});
