import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isPeopleTeam, isSignedIn } from '../../policies/predicates.ts';

/** Organisation-wide actions: the resource is the organisation itself. */
export const organizationPolicy = definePolicy<
  null,
  'update' | 'createPerson' | 'importPeople' | 'setReportingLine' | 'viewInactive'
>({
  name: 'organization',
  noun: 'organization',
  view: isSignedIn,
  actions: {
    update: isAdmin,
    createPerson: isAdmin,
    importPeople: isAdmin,
    setReportingLine: isAdmin,
    viewInactive: isPeopleTeam,
  },
});
