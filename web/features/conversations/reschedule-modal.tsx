import { useState } from 'react';
import { Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Conversation } from '../../../shared/schemas/conversations.ts';
import { ResponsiveModal } from '../../components/ui/responsive-modal.tsx';
import { messageOf } from '../../lib/api.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useUpdateConversation } from './api.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Moves a conversation; the other person is asked to confirm again and the move is kept. */
export function RescheduleModal({
  conversation,
  opened,
  onClose,
}: {
  conversation: Conversation;
  opened: boolean;
  onClose: () => void;
}) {
  const session = useSignedInSession();
  const zone = session.person.timezone;
  const start = dayjs(conversation.startsAt).tz(zone);
  const [date, setDate] = useState<string | null>(start.format('YYYY-MM-DD'));
  const [time, setTime] = useState(start.format('HH:mm'));
  const [duration, setDuration] = useState<number | string>(conversation.durationMinutes);
  const [place, setPlace] = useState(conversation.place ?? '');
  const [reason, setReason] = useState('');
  const update = useUpdateConversation(conversation.id);

  async function submit() {
    if (!date) return;
    await update.mutateAsync({
      startsAt: dayjs.tz(`${date.slice(0, 10)}T${time}`, zone).toISOString(),
      durationMinutes: Number(duration),
      place,
      reason,
    });
    onClose();
  }

  return (
    <ResponsiveModal opened={opened} onClose={onClose} title="Move the conversation">
      <Stack>
        <Group grow align="flex-start">
          <DateInput
            label="Date"
            valueFormat="YYYY-MM-DD"
            value={date}
            onChange={setDate}
            required
          />
          <TimeInput
            label="Start time"
            description={`Your time zone: ${zone}`}
            value={time}
            onChange={(event) => setTime(event.currentTarget.value)}
            required
          />
        </Group>
        <NumberInput
          label="Length in minutes"
          min={10}
          max={240}
          value={duration}
          onChange={setDuration}
        />
        <TextInput
          label="Place or link"
          value={place}
          onChange={(event) => setPlace(event.currentTarget.value)}
        />
        <TextInput
          label="Why (optional, shared with the other person)"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {update.isError && (
          <Text c="red" size="sm" role="alert">
            {messageOf(update.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the time
          </Button>
          <Button loading={update.isPending} onClick={() => void submit()}>
            Move
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}
