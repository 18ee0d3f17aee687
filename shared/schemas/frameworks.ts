import { z } from 'zod';
import {
  baseVersionSchema,
  idSchema,
  isoDateSchema,
  optionalText,
  requiredText,
  timestampSchema,
} from './common.ts';

/** Keys in the native format: lower-case words joined by dashes or underscores. */
export const frameworkKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, {
  message: 'must be lower-case letters, digits, "-" or "_" (at most 80)',
});

export const FRAMEWORK_FORMAT = 'trajectory-framework/v1';

/** One expectation in a level × competency cell: what to look for, and examples of it. */
export const nativeCriterionSchema = z.union([
  z.string().min(1).max(2000),
  z
    .object({
      text: z.string().min(1).max(2000),
      examples: z.array(z.string().min(1).max(2000)).max(50).optional(),
    })
    .strict(),
]);

export const nativeLevelSchema = z
  .object({
    key: frameworkKeySchema,
    name: z.string().min(1).max(120),
    code: z.string().min(1).max(20).optional(),
    summary: z.string().max(4000).optional(),
    criteria: z.record(frameworkKeySchema, z.array(nativeCriterionSchema).max(200)).optional(),
  })
  .strict();

export const nativeTrackSchema = z
  .object({
    key: frameworkKeySchema,
    name: z.string().min(1).max(120),
    description: z.string().max(4000).optional(),
    levels: z.array(nativeLevelSchema).min(1).max(30),
  })
  .strict();

export const nativeCompetencySchema = z
  .object({
    key: frameworkKeySchema,
    name: z.string().min(1).max(120),
    description: z.string().max(4000).optional(),
  })
  .strict();

/** The native framework document (YAML or JSON); docs/framework-format.schema.json describes it. */
export const nativeFrameworkSchema = z
  .object({
    format: z.literal(FRAMEWORK_FORMAT),
    name: z.string().min(1).max(120),
    description: z.string().max(4000).optional(),
    competencies: z.array(nativeCompetencySchema).min(1).max(40),
    tracks: z.array(nativeTrackSchema).min(1).max(20),
  })
  .strict();
export type NativeFramework = z.infer<typeof nativeFrameworkSchema>;

export const IMPORT_FORMATS = ['native', 'monzo', 'financial-times', 'unidays'] as const;
export const importFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof importFormatSchema>;

export const frameworkImportRequestSchema = z
  .object({
    mode: z.enum(['preview', 'apply']),
    format: z.enum(['auto', ...IMPORT_FORMATS]).default('auto'),
    /** Name of the new framework; defaults to the name found in the files. */
    name: z.string().trim().max(120).optional(),
    /** Adds the import as a new version of this framework instead of a new framework. */
    frameworkId: idSchema.optional(),
    files: z
      .array(
        z.object({
          name: requiredText(200),
          content: z.string().min(1, { message: 'is empty' }).max(5_000_000, {
            message: 'must be at most 5 MB',
          }),
        }),
      )
      .min(1, { message: 'choose at least one file' })
      .max(20, { message: 'at most 20 files at once' }),
  })
  .strict();
export type FrameworkImportRequest = z.infer<typeof frameworkImportRequestSchema>;

export const importPreviewSchema = z.object({
  mode: z.enum(['preview', 'apply']),
  format: importFormatSchema,
  name: z.string(),
  tracks: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      levels: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          code: z.string().nullable(),
          criteriaCount: z.number().int(),
        }),
      ),
    }),
  ),
  competencies: z.array(
    z.object({ key: z.string(), name: z.string(), criteriaCount: z.number().int() }),
  ),
  criteriaCount: z.number().int(),
  warnings: z.array(z.string()),
  /** Set once applied. */
  frameworkId: z.string().nullable(),
  versionId: z.string().nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const frameworkVersionSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  source: z.string(),
  isActive: z.boolean(),
  createdAt: timestampSchema,
  activatedAt: timestampSchema.nullable(),
});

export const frameworkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  isBuiltIn: z.boolean(),
  versions: z.array(frameworkVersionSummarySchema),
});
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

export const frameworkListSchema = z.object({
  items: z.array(frameworkSummarySchema),
  activeVersionId: z.string().nullable(),
  abilities: z.object({ manage: z.boolean() }),
});
export type FrameworkList = z.infer<typeof frameworkListSchema>;

export const criterionSchema = z.object({
  id: z.string(),
  levelId: z.string(),
  competencyId: z.string(),
  text: z.string(),
  examples: z.array(z.string()),
  /** Send it back as `baseVersion` when rewording (ADR 080). */
  version: z.number().int(),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const levelSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  summary: z.string(),
  position: z.number().int(),
  version: z.number().int(),
});
export type Level = z.infer<typeof levelSchema>;

export const trackSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  levels: z.array(levelSchema),
});
export type Track = z.infer<typeof trackSchema>;

export const competencySchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
});
export type Competency = z.infer<typeof competencySchema>;

/** A version with everything needed to draw the matrix (competencies × levels). */
export const frameworkVersionDetailSchema = frameworkVersionSummarySchema.extend({
  framework: z.object({ id: z.string(), name: z.string(), description: z.string() }),
  tracks: z.array(trackSchema),
  competencies: z.array(competencySchema),
  criteria: z.array(criterionSchema),
  abilities: z.object({ edit: z.boolean(), activate: z.boolean(), export: z.boolean() }),
});
export type FrameworkVersionDetail = z.infer<typeof frameworkVersionDetailSchema>;

export const updateCriterionSchema = z
  .object({
    text: requiredText(2000).optional(),
    examples: z.array(requiredText(2000)).max(50).optional(),
    baseVersion: baseVersionSchema,
  })
  .strict();
export type UpdateCriterion = z.infer<typeof updateCriterionSchema>;

export const updateCompetencySchema = z
  .object({
    name: requiredText(120).optional(),
    description: optionalText(4000).optional(),
    baseVersion: baseVersionSchema,
  })
  .strict();
export type UpdateCompetency = z.infer<typeof updateCompetencySchema>;

export const updateLevelSchema = z
  .object({
    name: requiredText(120).optional(),
    code: z.string().trim().max(20).nullable().optional(),
    summary: optionalText(4000).optional(),
    baseVersion: baseVersionSchema,
  })
  .strict();
export type UpdateLevel = z.infer<typeof updateLevelSchema>;

export const exportQuerySchema = z.object({ format: z.enum(['yaml', 'json']).default('yaml') });

export const frameworkExportSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  content: z.string(),
});
export type FrameworkExport = z.infer<typeof frameworkExportSchema>;

// Placement ---------------------------------------------------------------------------------

export const placementSchema = z.object({
  id: z.string(),
  versionId: z.string(),
  track: z.object({ id: z.string(), name: z.string() }),
  level: z.object({ id: z.string(), name: z.string(), code: z.string().nullable() }),
  effectiveOn: z.string(),
  note: z.string(),
  setBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: timestampSchema,
  /** True when this placement moved the person to another track than the one before. */
  isTrackChange: z.boolean(),
});
export type Placement = z.infer<typeof placementSchema>;

export const placementListSchema = z.object({
  current: placementSchema.nullable(),
  history: z.array(placementSchema),
  abilities: z.object({ place: z.boolean(), assess: z.boolean(), viewGap: z.boolean() }),
});
export type PlacementList = z.infer<typeof placementListSchema>;

export const createPlacementSchema = z
  .object({
    levelId: idSchema,
    effectiveOn: isoDateSchema,
    note: optionalText(2000).default(''),
  })
  .strict();
export type CreatePlacement = z.infer<typeof createPlacementSchema>;

export const personIdParamSchema = z.object({ personId: idSchema });

// Assessments ---------------------------------------------------------------------------------

export const RATINGS = ['demonstrating_consistently', 'showing_signs', 'gap'] as const;
export const ratingSchema = z.enum(RATINGS);
export type Rating = z.infer<typeof ratingSchema>;
export const SIDES = ['engineer', 'manager'] as const;
export type Side = (typeof SIDES)[number];

export const sideStateSchema = z.object({
  submittedAt: timestampSchema.nullable(),
});

/** What leaders and admins may see: that an assessment exists, its target and dates. */
export const assessmentSummarySchema = z.object({
  id: z.string(),
  personId: z.string(),
  targetLevel: z.object({
    id: z.string(),
    name: z.string(),
    trackName: z.string(),
  }),
  status: z.enum(['in_progress', 'revealed']),
  createdAt: timestampSchema,
  revealedAt: timestampSchema.nullable(),
  /** Whether the actor can open the ratings (the engineer and their current manager). */
  canOpen: z.boolean(),
});
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;

export const assessmentListSchema = z.object({
  items: z.array(assessmentSummarySchema),
  abilities: z.object({ start: z.boolean() }),
});
export type AssessmentList = z.infer<typeof assessmentListSchema>;

export const ratingEntrySchema = z.object({
  rating: ratingSchema.nullable(),
  evidence: z.string(),
});
export type RatingEntry = z.infer<typeof ratingEntrySchema>;

export const assessmentItemSchema = z.object({
  id: z.string(),
  criterionId: z.string().nullable(),
  competencyName: z.string(),
  text: z.string(),
  examples: z.array(z.string()),
  /** The actor's own side (draft or submitted). */
  mine: ratingEntrySchema.nullable(),
  /** Both sides; null until both have submitted. */
  engineer: ratingEntrySchema.nullable(),
  manager: ratingEntrySchema.nullable(),
  isDisagreement: z.boolean().nullable(),
});
export type AssessmentItem = z.infer<typeof assessmentItemSchema>;

export const assessmentDetailSchema = assessmentSummarySchema.extend({
  person: z.object({ id: z.string(), name: z.string() }),
  basedOnId: z.string().nullable(),
  mySide: z.enum(SIDES).nullable(),
  sides: z.object({ engineer: sideStateSchema, manager: sideStateSchema }),
  /** Items in framework order; after the reveal, disagreements come first. */
  items: z.array(assessmentItemSchema),
  summary: z
    .object({
      engineer: z.record(ratingSchema, z.number().int()),
      manager: z.record(ratingSchema, z.number().int()),
      disagreements: z.number().int(),
    })
    .nullable(),
  abilities: z.object({ rate: z.boolean(), submit: z.boolean() }),
});
export type AssessmentDetail = z.infer<typeof assessmentDetailSchema>;

export const createAssessmentSchema = z
  .object({
    targetLevelId: idSchema,
    /** Copies the actor's side of a previous assessment as a starting draft. */
    basedOnId: idSchema.optional(),
  })
  .strict();
export type CreateAssessment = z.infer<typeof createAssessmentSchema>;

export const saveRatingsSchema = z
  .object({
    ratings: z
      .array(
        z
          .object({
            itemId: idSchema,
            rating: ratingSchema.nullable(),
            evidence: optionalText(4000).default(''),
          })
          .strict(),
      )
      .max(1000),
  })
  .strict();
export type SaveRatings = z.infer<typeof saveRatingsSchema>;

// Gap analysis ----------------------------------------------------------------------------------

export const gapAnalysisQuerySchema = z.object({ targetLevelId: idSchema.optional() });

export const gapAnalysisSchema = z.object({
  person: z.object({ id: z.string(), name: z.string() }),
  current: placementSchema.nullable(),
  targetLevel: z
    .object({
      id: z.string(),
      name: z.string(),
      code: z.string().nullable(),
      trackName: z.string(),
    })
    .nullable(),
  competencies: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      criteria: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          examples: z.array(z.string()),
          engineer: ratingSchema.nullable(),
          manager: ratingSchema.nullable(),
          assessedAt: timestampSchema.nullable(),
          isMet: z.boolean(),
        }),
      ),
    }),
  ),
  summary: z.object({
    total: z.number().int(),
    met: z.number().int(),
    remaining: z.number().int(),
    unassessed: z.number().int(),
  }),
});
export type GapAnalysis = z.infer<typeof gapAnalysisSchema>;
