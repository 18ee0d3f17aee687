import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PeopleImportResult } from '../../../shared/schemas/people-imports.ts';
import { api } from '../../lib/api.ts';

/** Dry run of a people CSV: what would be created, updated and rejected; nothing is saved. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (csv: string) =>
      api<PeopleImportResult>('/api/people-imports', {
        method: 'POST',
        body: { csv, mode: 'preview' },
      }),
  });
}

/** Applies a people CSV in one transaction: everything or nothing. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) =>
      api<PeopleImportResult>('/api/people-imports', {
        method: 'POST',
        body: { csv, mode: 'apply' },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['people'] }),
  });
}
