import { useState } from 'react';
import {
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { useNavigate } from 'react-router';
import { ResponsiveModal } from '../../components/ui/responsive-modal.tsx';
import { ApiError, messageOf } from '../../lib/api.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useKinds, useMe, useScheduleConversation } from './api.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Propose a conversation: a manager with one of their reports, or an engineer with their manager. */
export function ScheduleModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const session = useSignedInSession();
  const me = useMe(session.person.id);
  const kinds = useKinds();
  const schedule = useScheduleConversation();
  const navigate = useNavigate();
  const [engineerId, setEngineerId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>('quarterly');
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState('10:00');
  const [duration, setDuration] = useState<number | string>('');
  const [place, setPlace] = useState('');
  const [agenda, setAgenda] = useState('');
  const [fieldError, setFieldError] = useState<{ field?: string; message: string } | null>(null);

  const people = [
    ...(me.data?.reports ?? []).map((r) => ({ value: r.id, label: r.name })),
    ...(me.data?.manager
      ? [{ value: session.person.id, label: `Me, with ${me.data.manager.name}` }]
      : []),
  ];
  const kindInfo = kinds.data?.items.find((k) => k.kind === kind);
  const zone = session.person.timezone;

  async function submit() {
    setFieldError(null);
    if (!engineerId || !kind || !date) {
      setFieldError({ message: 'Choose who, which kind and a date.' });
      return;
    }
    const startsAt = dayjs.tz(`${date.slice(0, 10)}T${time}`, zone).toISOString();
    try {
      const created = await schedule.mutateAsync({
        engineerId,
        kind,
        startsAt,
        durationMinutes: duration === '' ? undefined : Number(duration),
        place,
        agenda,
      });
      notifications.show({ color: 'teal', message: 'Conversation proposed.' });
      onClose();
      void navigate(`/conversations/${created.id}`);
    } catch (error) {
      setFieldError({
        field: error instanceof ApiError ? error.field : undefined,
        message: messageOf(error),
      });
    }
  }

  return (
    <ResponsiveModal opened={opened} onClose={onClose} title="Propose a conversation">
      <Stack>
        <Select
          label="With"
          placeholder={people.length ? 'Choose a person' : 'You have no reports and no manager'}
          data={people}
          value={engineerId}
          onChange={setEngineerId}
          required
        />
        <Select
          label="Kind"
          data={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: k.label }))}
          value={kind}
          onChange={setKind}
          required
          description={kindInfo ? `${kindInfo.purpose} (${kindInfo.cadence}.)` : undefined}
        />
        <Group grow align="flex-start">
          <DateInput
            label="Date"
            placeholder="2026-03-10"
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
          placeholder={kindInfo ? `${kindInfo.defaultMinutes} (usual for this kind)` : undefined}
          min={10}
          max={240}
          value={duration}
          onChange={setDuration}
          error={fieldError?.field === 'durationMinutes' ? fieldError.message : undefined}
        />
        <TextInput
          label="Place or link"
          value={place}
          onChange={(event) => setPlace(event.currentTarget.value)}
        />
        <Textarea
          label="Agenda (shared with the other person)"
          autosize
          minRows={2}
          value={agenda}
          onChange={(event) => setAgenda(event.currentTarget.value)}
        />
        {fieldError && (
          <Text c="red" size="sm" role="alert">
            {fieldError.message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={schedule.isPending}>
            Propose
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}
