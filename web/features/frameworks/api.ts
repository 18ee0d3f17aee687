import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentDetail,
  AssessmentList,
  CreateAssessment,
  CreatePlacement,
  FrameworkExport,
  FrameworkImportRequest,
  FrameworkList,
  FrameworkVersionDetail,
  GapAnalysis,
  ImportPreview,
  PlacementList,
  SaveRatings,
  UpdateCompetency,
  UpdateCriterion,
  UpdateLevel,
} from '../../../shared/schemas/frameworks.ts';
import { api } from '../../lib/api.ts';

/** Query keys: framework content under 'frameworks', a person's career under 'career'. */
export const frameworkKeys = {
  all: ['frameworks'] as const,
  list: ['frameworks', 'list'] as const,
  version: (id: string) => ['frameworks', 'version', id] as const,
};
export const careerKeys = {
  person: (id: string) => ['career', id] as const,
  placements: (id: string) => ['career', id, 'placements'] as const,
  assessments: (id: string) => ['career', id, 'assessments'] as const,
  gap: (id: string, target: string | null) => ['career', id, 'gap', target] as const,
  assessment: (id: string) => ['assessment', id] as const,
};

export function useFrameworks() {
  return useQuery({
    queryKey: frameworkKeys.list,
    queryFn: ({ signal }) => api<FrameworkList>('/api/frameworks', { signal }),
  });
}

export function useFrameworkVersion(id: string | null | undefined) {
  return useQuery({
    queryKey: frameworkKeys.version(id ?? ''),
    queryFn: ({ signal }) =>
      api<FrameworkVersionDetail>(`/api/framework-versions/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

function useFrameworkMutation<T>(run: (input: T) => Promise<FrameworkVersionDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (version) => {
      queryClient.setQueryData(frameworkKeys.version(version.id), version);
      return queryClient.invalidateQueries({ queryKey: frameworkKeys.list });
    },
  });
}

export function useUpdateCriterion() {
  return useFrameworkMutation(({ id, patch }: { id: string; patch: UpdateCriterion }) =>
    api<FrameworkVersionDetail>(`/api/framework-criteria/${id}`, { method: 'PATCH', body: patch }),
  );
}

export function useUpdateLevel() {
  return useFrameworkMutation(({ id, patch }: { id: string; patch: UpdateLevel }) =>
    api<FrameworkVersionDetail>(`/api/framework-levels/${id}`, { method: 'PATCH', body: patch }),
  );
}

export function useUpdateCompetency() {
  return useFrameworkMutation(({ id, patch }: { id: string; patch: UpdateCompetency }) =>
    api<FrameworkVersionDetail>(`/api/framework-competencies/${id}`, {
      method: 'PATCH',
      body: patch,
    }),
  );
}

export function useActivateVersion() {
  return useFrameworkMutation((id: string) =>
    api<FrameworkVersionDetail>(`/api/framework-versions/${id}/activations`, {
      method: 'POST',
      body: {},
    }),
  );
}

/** Preview or apply an import; apply refreshes the framework list. */
export function useImportFramework() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: FrameworkImportRequest) =>
      api<ImportPreview>('/api/framework-imports', { method: 'POST', body: request }),
    onSuccess: (result) =>
      result.mode === 'apply'
        ? queryClient.invalidateQueries({ queryKey: frameworkKeys.all })
        : undefined,
  });
}

/** Downloads a version in the native format. */
export async function downloadExport(versionId: string, format: 'yaml' | 'json'): Promise<void> {
  const file = await api<FrameworkExport>(`/api/framework-versions/${versionId}/export`, {
    query: { format },
  });
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  URL.revokeObjectURL(url);
}

export function usePlacements(personId: string) {
  return useQuery({
    queryKey: careerKeys.placements(personId),
    queryFn: ({ signal }) => api<PlacementList>(`/api/people/${personId}/placements`, { signal }),
    retry: false,
  });
}

export function usePlacePerson(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePlacement) =>
      api<PlacementList>(`/api/people/${personId}/placements`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: careerKeys.person(personId) }),
  });
}

export function useAssessments(personId: string) {
  return useQuery({
    queryKey: careerKeys.assessments(personId),
    queryFn: ({ signal }) => api<AssessmentList>(`/api/people/${personId}/assessments`, { signal }),
    retry: false,
  });
}

export function useStartAssessment(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAssessment) =>
      api<AssessmentDetail>(`/api/people/${personId}/assessments`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: careerKeys.person(personId) }),
  });
}

export function useGapAnalysis(personId: string, targetLevelId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: careerKeys.gap(personId, targetLevelId),
    queryFn: ({ signal }) =>
      api<GapAnalysis>(`/api/people/${personId}/gap-analysis`, {
        query: { targetLevelId },
        signal,
      }),
    enabled,
    retry: false,
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: careerKeys.assessment(id),
    queryFn: ({ signal }) => api<AssessmentDetail>(`/api/assessments/${id}`, { signal }),
    retry: false,
  });
}

function useAssessmentMutation<T>(id: string, run: (input: T) => Promise<AssessmentDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (detail) => {
      queryClient.setQueryData(careerKeys.assessment(id), detail);
      return queryClient.invalidateQueries({ queryKey: careerKeys.person(detail.personId) });
    },
  });
}

export function useSaveRatings(id: string) {
  return useAssessmentMutation(id, (input: SaveRatings) =>
    api<AssessmentDetail>(`/api/assessments/${id}/ratings`, { method: 'PUT', body: input }),
  );
}

export function useSubmitSide(id: string) {
  return useAssessmentMutation(id, () =>
    api<AssessmentDetail>(`/api/assessments/${id}/submissions`, { method: 'POST', body: {} }),
  );
}
