import { useRef, useState } from 'react';
import { Group, Text, Textarea } from '@mantine/core';
import type { TextareaProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconCheck, IconLoader2 } from '@tabler/icons-react';
import { messageOf } from '../../lib/api.ts';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

/** "Saving…", "Saved" or the problem, announced politely to screen readers. */
export function SaveIndicator({ state, error }: { state: SaveState; error?: string | null }) {
  return (
    <Text size="xs" c={state === 'error' ? 'red' : 'dimmed'} aria-live="polite" role="status">
      {state === 'saving' && (
        <Group gap={4} component="span">
          <IconLoader2 size={12} aria-hidden /> Saving…
        </Group>
      )}
      {state === 'saved' && (
        <Group gap={4} component="span">
          <IconCheck size={12} aria-hidden /> Saved
        </Group>
      )}
      {state === 'dirty' && 'Unsaved changes'}
      {state === 'error' && `Not saved: ${error ?? 'please try again'}`}
    </Text>
  );
}

/** A textarea that saves itself shortly after typing stops, showing the saved state. */
export function AutosaveTextarea({
  initialValue,
  onSave,
  delayMs = 800,
  ...props
}: {
  initialValue: string;
  onSave: (value: string) => Promise<unknown>;
  delayMs?: number;
} & Omit<TextareaProps, 'value' | 'onChange' | 'defaultValue'>) {
  const [value, setValue] = useState(initialValue);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(initialValue);

  const save = useDebouncedCallback(async (text: string) => {
    setState('saving');
    try {
      await onSave(text);
      if (latest.current === text) setState('saved');
      setError(null);
    } catch (caught) {
      setError(messageOf(caught));
      setState('error');
    }
  }, delayMs);

  return (
    <div>
      <Textarea
        autosize
        minRows={3}
        {...props}
        value={value}
        onChange={(event) => {
          const text = event.currentTarget.value;
          latest.current = text;
          setValue(text);
          setState('dirty');
          void save(text);
        }}
        onBlur={() => save.flush()}
      />
      <SaveIndicator state={state} error={error} />
    </div>
  );
}
