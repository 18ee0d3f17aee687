import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import type { ActionItemOwner, Conversation } from '../../../shared/schemas/conversations.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { useActionItems, useCreateActionItem, useUpdateActionItem } from './api.ts';

/** Quick capture of who does what by when, and the items agreed so far. */
export function ActionItemsCapture({ conversation }: { conversation: Conversation }) {
  const items = useActionItems(conversation.id, conversation.engineer.id);
  const create = useCreateActionItem(conversation.id);
  const update = useUpdateActionItem(conversation.id);
  const [owner, setOwner] = useState<ActionItemOwner>('engineer');
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState<string | null>(null);
  const canEdit = conversation.abilities.edit;

  async function add() {
    await create.mutateAsync({ owner, text, dueOn: dueOn ? dueOn.slice(0, 10) : null });
    setText('');
    setDueOn(null);
  }

  return (
    <Stack gap="sm">
      {canEdit && (
        <Stack gap="xs">
          <SegmentedControl
            aria-label="Who owns it"
            value={owner}
            onChange={(value) => setOwner(value as ActionItemOwner)}
            data={[
              { value: 'engineer', label: conversation.engineer.name },
              { value: 'manager', label: conversation.manager.name },
            ]}
          />
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Action item"
              placeholder="What will be done"
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              style={{ flex: 1 }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && text.trim()) void add();
              }}
            />
            <DateInput
              label="Due"
              placeholder="YYYY-MM-DD"
              valueFormat="YYYY-MM-DD"
              value={dueOn}
              onChange={setDueOn}
              clearable
              w={150}
            />
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={!text.trim()}
              loading={create.isPending}
              onClick={() => void add()}
            >
              Add
            </Button>
          </Group>
          {create.isError && (
            <Text c="red" size="sm" role="alert">
              {messageOf(create.error)}
            </Text>
          )}
        </Stack>
      )}
      <Stack
        gap={6}
        aria-label="Action items"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {(items.data ?? []).map((item) => (
          <Group key={item.id} component="li" gap="xs" wrap="nowrap">
            <Checkbox
              aria-label={`Done: ${item.text}`}
              checked={item.isDone}
              disabled={!item.abilities.update}
              onChange={(event) =>
                update.mutate({ id: item.id, patch: { isDone: event.currentTarget.checked } })
              }
            />
            <Text td={item.isDone ? 'line-through' : undefined} style={{ flex: 1 }}>
              {item.text}
            </Text>
            <Badge size="sm" variant="light" color={item.owner === 'manager' ? 'grape' : 'blue'}>
              {item.owner === 'manager' ? conversation.manager.name : conversation.engineer.name}
            </Badge>
            {item.dueOn && (
              <Badge size="sm" variant="outline" color={item.isOverdue ? 'red' : 'gray'}>
                {formatDate(item.dueOn)}
              </Badge>
            )}
          </Group>
        ))}
        {items.isSuccess && items.data.length === 0 && (
          <Text c="dimmed" size="sm">
            No action items yet.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
