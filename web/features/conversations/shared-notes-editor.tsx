import { useRef, useState } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconGitMerge } from '@tabler/icons-react';
import type { SharedNotes } from '../../../shared/schemas/conversations.ts';
import { ApiError, api, messageOf } from '../../lib/api.ts';
import { saveSharedNotes } from './api.ts';
import { SaveIndicator } from './autosave-textarea.tsx';
import type { SaveState } from './autosave-textarea.tsx';

/**
 * Notes both people edit. Every save names the version it started from; when the other person
 * saved first the server refuses, and this shows both texts so nothing is silently lost.
 */
export function SharedNotesEditor({ notes }: { notes: SharedNotes }) {
  const [text, setText] = useState(notes.text);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<SharedNotes | null>(null);
  const version = useRef(notes.version);

  async function save(next: string) {
    setState('saving');
    try {
      const saved = await saveSharedNotes(notes.conversationId, next, version.current);
      version.current = saved.version;
      setState('saved');
      setError(null);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        const current = await api<SharedNotes>(
          `/api/conversations/${notes.conversationId}/shared-notes`,
        );
        setConflict(current);
        setState('error');
        setError('someone else saved first — choose how to combine below');
        return;
      }
      setError(messageOf(caught));
      setState('error');
    }
  }
  const debouncedSave = useDebouncedCallback((next: string) => void save(next), 1000);

  function resolve(merged: string) {
    if (!conflict) return;
    version.current = conflict.version;
    setConflict(null);
    setText(merged);
    void save(merged);
  }

  return (
    <Stack gap="xs">
      <Textarea
        label="Shared notes"
        description="Both of you can read and edit these. They feed the summary."
        autosize
        minRows={8}
        value={text}
        readOnly={!notes.abilities.update || conflict !== null}
        onChange={(event) => {
          const next = event.currentTarget.value;
          setText(next);
          setState('dirty');
          debouncedSave(next);
        }}
        onBlur={() => debouncedSave.flush()}
      />
      <SaveIndicator state={state} error={error} />
      {conflict && (
        <Alert
          color="orange"
          title="These notes changed while you were typing"
          icon={<IconGitMerge aria-hidden />}
        >
          <Text size="sm" mb="sm">
            {conflict.updatedBy?.name ?? 'Someone'} saved version {conflict.version}. Your text is
            kept below; pick how to combine them.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
            <Textarea label="Their version" value={conflict.text} readOnly autosize minRows={3} />
            <Textarea label="Your version" value={text} readOnly autosize minRows={3} />
          </SimpleGrid>
          <Group>
            <Button size="xs" onClick={() => resolve(`${conflict.text}\n\n${text}`)}>
              Keep both (theirs, then mine)
            </Button>
            <Button size="xs" variant="default" onClick={() => resolve(text)}>
              Keep mine
            </Button>
            <Button size="xs" variant="default" onClick={() => resolve(conflict.text)}>
              Keep theirs
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
