import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import type { SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PersonRef } from '../../../shared/schemas/people.ts';
import { usePeopleSearch } from './api.ts';

/** Picks an active person by typing part of their name, email or team. */
export function PersonSelect({
  value,
  initial,
  excludeId,
  onChange,
  ...props
}: {
  value: string | null;
  /** The person already chosen, so their name shows before any search. */
  initial?: PersonRef | null;
  /** Someone who cannot be chosen (a person cannot report to themself). */
  excludeId?: string;
  onChange: (value: string | null) => void;
} & Omit<SelectProps, 'value' | 'onChange' | 'data'>) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>(() =>
    initial ? { [initial.id]: initial.name } : {},
  );
  // While the box shows the chosen person's label, list everyone rather than searching for that label.
  const isShowingChoice = value !== null && known[value] === debounced;
  const results = usePeopleSearch(isShowingChoice ? '' : debounced);

  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (value && known[value]) options.set(value, known[value]);
    for (const person of results.data?.items ?? []) {
      if (person.id === excludeId) continue;
      const detail = [person.title, person.team].filter(Boolean).join(', ');
      options.set(person.id, detail ? `${person.name} (${detail})` : person.name);
    }
    return [...options].map(([id, label]) => ({ value: id, label }));
  }, [results.data, value, known, excludeId]);

  return (
    <Select
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Clear the choice' }}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'Nobody matches'}
      {...props}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(next, option) => {
        if (next && option) setKnown((current) => ({ ...current, [next]: option.label }));
        onChange(next);
      }}
    />
  );
}
