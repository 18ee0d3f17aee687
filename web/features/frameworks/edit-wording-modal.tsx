import { useRef, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Competency, Criterion, Level } from '../../../shared/schemas/frameworks.ts';
import { ApiError, messageOf } from '../../lib/api.ts';
import { useUpdateCompetency, useUpdateCriterion, useUpdateLevel } from './api.ts';

export type WordingTarget =
  | { kind: 'criterion'; criterion: Criterion }
  | { kind: 'level'; level: Level }
  | { kind: 'competency'; competency: Competency };

function initialOf(target: WordingTarget) {
  switch (target.kind) {
    case 'criterion':
      return {
        title: target.criterion.text,
        detail: target.criterion.examples.join('\n'),
        code: '',
      };
    case 'level':
      return {
        title: target.level.name,
        detail: target.level.summary,
        code: target.level.code ?? '',
      };
    case 'competency':
      return { title: target.competency.name, detail: target.competency.description, code: '' };
  }
}

function versionOf(target: WordingTarget): number {
  switch (target.kind) {
    case 'criterion':
      return target.criterion.version;
    case 'level':
      return target.level.version;
    case 'competency':
      return target.competency.version;
  }
}

/** The target as someone else saved it, from a 409's `current` (ADR 080). */
function withCurrent(target: WordingTarget, current: unknown): WordingTarget {
  switch (target.kind) {
    case 'criterion':
      return { kind: 'criterion', criterion: current as Criterion };
    case 'level':
      return { kind: 'level', level: current as Level };
    case 'competency':
      return { kind: 'competency', competency: current as Competency };
  }
}

function WordingForm({ target, onDone }: { target: WordingTarget; onDone: () => void }) {
  const [values, setValues] = useState(() => initialOf(target));
  // The version this edit started from: saving over someone else's change is refused.
  const baseVersion = useRef(versionOf(target));
  const criterion = useUpdateCriterion();
  const level = useUpdateLevel();
  const competency = useUpdateCompetency();
  const pending = criterion.isPending || level.isPending || competency.isPending;
  const error = criterion.error ?? level.error ?? competency.error;
  const isStale = error instanceof ApiError && error.isStale;
  function loadTheirs() {
    if (!(error instanceof ApiError)) return;
    const theirs = withCurrent(target, error.current);
    baseVersion.current = versionOf(theirs);
    setValues(initialOf(theirs));
    criterion.reset();
    level.reset();
    competency.reset();
  }
  const callbacks = {
    onSuccess: () => {
      notifications.show({
        color: 'green',
        title: 'Saved',
        message: 'The new wording is in place.',
      });
      onDone();
    },
  };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (target.kind === 'criterion') {
      const examples = values.detail
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      criterion.mutate(
        {
          id: target.criterion.id,
          patch: { text: values.title, examples, baseVersion: baseVersion.current },
        },
        callbacks,
      );
    } else if (target.kind === 'level') {
      level.mutate(
        {
          id: target.level.id,
          patch: {
            name: values.title,
            summary: values.detail,
            code: values.code || null,
            baseVersion: baseVersion.current,
          },
        },
        callbacks,
      );
    } else {
      competency.mutate(
        {
          id: target.competency.id,
          patch: {
            name: values.title,
            description: values.detail,
            baseVersion: baseVersion.current,
          },
        },
        callbacks,
      );
    }
  }

  const set =
    (key: 'title' | 'detail' | 'code') => (event: { currentTarget: { value: string } }) => {
      const { value } = event.currentTarget;
      setValues((current) => ({ ...current, [key]: value }));
    };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error && (
          <Alert color={isStale ? 'orange' : 'red'} role="alert" title="Not saved">
            {messageOf(error)}
            {isStale && (
              <Group mt="sm">
                <Button size="xs" variant="default" onClick={loadTheirs}>
                  Load the saved wording
                </Button>
              </Group>
            )}
          </Alert>
        )}
        {target.kind === 'criterion' ? (
          <>
            <Textarea
              label="Criterion"
              required
              autosize
              minRows={2}
              value={values.title}
              onChange={set('title')}
            />
            <Textarea
              label="Examples"
              description="One example per line."
              autosize
              minRows={2}
              value={values.detail}
              onChange={set('detail')}
            />
          </>
        ) : (
          <>
            <TextInput label="Name" required value={values.title} onChange={set('title')} />
            {target.kind === 'level' && (
              <TextInput
                label="Code"
                description="Optional, for example IC3."
                value={values.code}
                onChange={set('code')}
              />
            )}
            <Textarea
              label={target.kind === 'level' ? 'Summary' : 'Description'}
              autosize
              minRows={2}
              value={values.detail}
              onChange={set('detail')}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Save wording
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Edits wording in place: typo fixes and clarifications, not structure (that is a new version). */
export function EditWordingModal({
  target,
  onClose,
}: {
  target: WordingTarget | null;
  onClose: () => void;
}) {
  const titles = {
    criterion: 'Edit criterion',
    level: 'Edit level',
    competency: 'Edit competency',
  };
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? titles[target.kind] : ''}
      size="lg"
    >
      {target && <WordingForm key={JSON.stringify(target)} target={target} onDone={onClose} />}
    </Modal>
  );
}
