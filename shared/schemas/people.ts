import { z } from 'zod';
import {
  baseVersionSchema,
  emailSchema,
  idSchema,
  isoDateSchema,
  optionalText,
  pageQuerySchema,
  requiredText,
  timeZoneSchema,
  timestampSchema,
} from './common.ts';

export const personRefSchema = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const personSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  title: z.string(),
  team: z.string(),
  isActive: z.boolean(),
  manager: personRefSchema.nullable(),
  reportCount: z.number().int(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const reportingLineSchema = z.object({
  id: z.string(),
  report: personRefSchema,
  manager: personRefSchema,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
export type ReportingLine = z.infer<typeof reportingLineSchema>;

export const personAbilitiesSchema = z.object({
  update: z.boolean(),
  deactivate: z.boolean(),
  invite: z.boolean(),
  setManager: z.boolean(),
  changeRoles: z.boolean(),
});
export type PersonAbilities = z.infer<typeof personAbilitiesSchema>;

export const personDetailSchema = personSummarySchema.extend({
  timezone: z.string(),
  startDate: z.string().nullable(),
  isAdmin: z.boolean(),
  isPeopleTeam: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: timestampSchema,
  reports: z.array(personRefSchema),
  reportingHistory: z.array(reportingLineSchema),
  abilities: personAbilitiesSchema,
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const personListQuerySchema = pageQuerySchema.extend({
  query: z.string().trim().max(120).optional(),
  managerId: idSchema.optional(),
  isTopLevel: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type PersonListQuery = z.infer<typeof personListQuerySchema>;

export const personListSchema = z.object({
  items: z.array(personSummarySchema),
  nextCursor: z.string().nullable(),
});
export type PersonList = z.infer<typeof personListSchema>;

const personFields = {
  name: requiredText(120),
  email: emailSchema,
  title: optionalText(120),
  team: optionalText(120),
  timezone: timeZoneSchema,
  startDate: isoDateSchema.nullable(),
  isAdmin: z.boolean(),
  isPeopleTeam: z.boolean(),
};

export const createPersonSchema = z
  .object({
    ...personFields,
    title: personFields.title.default(''),
    team: personFields.team.default(''),
    timezone: personFields.timezone.default('UTC'),
    startDate: personFields.startDate.default(null),
    isAdmin: personFields.isAdmin.default(false),
    isPeopleTeam: personFields.isPeopleTeam.default(false),
    managerId: idSchema.nullable().default(null),
  })
  .strict();
export type CreatePersonInput = z.input<typeof createPersonSchema>;
export type CreatePerson = z.output<typeof createPersonSchema>;

export const updatePersonSchema = z
  .object({ ...personFields, isActive: z.boolean() })
  .partial()
  .strict();
export type UpdatePerson = z.infer<typeof updatePersonSchema>;

export const createReportingLineSchema = z
  .object({
    reportId: idSchema,
    managerId: idSchema.nullable(),
    startsOn: isoDateSchema,
  })
  .strict();
export type CreateReportingLine = z.infer<typeof createReportingLineSchema>;

export const organizationSchema = z.object({
  name: z.string(),
  /** Send it back as `baseVersion` (or If-Match) when saving (ADR 080). */
  version: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
export const updateOrganizationSchema = z
  .object({ name: requiredText(120), baseVersion: baseVersionSchema })
  .strict();
