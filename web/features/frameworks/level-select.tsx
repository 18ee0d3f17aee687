import { Select } from '@mantine/core';
import type { FrameworkVersionDetail } from '../../../shared/schemas/frameworks.ts';

/** Levels of a framework grouped by track, for choosing a placement or an assessment target. */
export function LevelSelect({
  version,
  label,
  description,
  value,
  onChange,
  error,
  isRequired = true,
}: {
  version: FrameworkVersionDetail | undefined;
  label: string;
  description?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  isRequired?: boolean;
}) {
  const data = (version?.tracks ?? []).map((track) => ({
    group: track.name,
    items: track.levels.map((level) => ({
      value: level.id,
      label: level.code ? `${level.name} (${level.code})` : level.name,
    })),
  }));
  return (
    <Select
      label={label}
      description={description}
      placeholder={version ? 'Choose a level' : 'Loading the framework…'}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      required={isRequired}
      error={error}
      disabled={!version}
    />
  );
}
