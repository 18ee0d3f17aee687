import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconArrowsExchange, IconPlus } from '@tabler/icons-react';
import type { Commitment, Contract } from '../../../shared/schemas/contracts.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { ResponsiveModal } from '../../components/ui/responsive-modal.tsx';
import { useCreateCommitment, useSetCommitmentDone, useTakeOverCommitment } from './api.ts';

function TakeOverModal({ item, onClose }: { item: Commitment; onClose: () => void }) {
  const takeOver = useTakeOverCommitment();
  const [text, setText] = useState(item.text);
  const [dueOn, setDueOn] = useState<string | null>(item.dueOn);
  async function save() {
    await takeOver.mutateAsync({
      id: item.id,
      body: { text, ...(dueOn && { dueOn: dueOn.slice(0, 10) }) },
    });
    onClose();
  }
  return (
    <ResponsiveModal opened onClose={onClose} title="Renegotiate and take over">
      <Stack>
        <Text size="sm" c="dimmed">
          {item.manager.name} made this promise. Change what or when, as agreed with{' '}
          {item.engineer.name}; the history keeps who made it first.
        </Text>
        <TextInput
          label="Commitment"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <DateInput label="Due" valueFormat="D MMM YYYY" value={dueOn} onChange={setDueOn} />
        {takeOver.isError && (
          <Text c="red" size="sm" role="alert">
            {messageOf(takeOver.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={takeOver.isPending} disabled={!text.trim()} onClick={() => void save()}>
            Take it over
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}

function CommitmentRow({ item, goal }: { item: Commitment; goal: string | null }) {
  const setDone = useSetCommitmentDone();
  const takeOver = useTakeOverCommitment();
  const [isRenegotiating, setRenegotiating] = useState(false);
  const owner = item.owner === 'manager' ? item.manager.name : item.engineer.name;
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={2}
          aria-label={`Done: ${item.text}`}
          checked={item.isDone}
          disabled={!item.abilities.update || setDone.isPending}
          onChange={(event) => setDone.mutate({ id: item.id, isDone: event.currentTarget.checked })}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={500} td={item.isDone ? 'line-through' : undefined}>
            {item.text}
          </Text>
          <Group gap="xs">
            <Badge size="sm" variant="light" color={item.owner === 'manager' ? 'grape' : 'blue'}>
              {item.owner === 'manager' ? `Manager · ${owner}` : `Engineer · ${owner}`}
            </Badge>
            {goal && (
              <Text size="sm" c="dimmed">
                For: {goal}
              </Text>
            )}
            {item.handedOverFrom && (
              <Text size="sm" c="dimmed">
                Taken over from {item.handedOverFrom.name}
              </Text>
            )}
          </Group>
          {item.isAwaitingTakeOver && (
            <Alert variant="light" color="orange" p="xs">
              <Text size="sm">
                Made by {item.manager.name}, who no longer manages {item.engineer.name}. It stays
                open until the new manager takes it over or renegotiates it.
              </Text>
              {item.abilities.takeOver && (
                <Group mt="xs" gap="xs">
                  <Button
                    size="xs"
                    loading={takeOver.isPending}
                    onClick={() => takeOver.mutate({ id: item.id, body: {} })}
                  >
                    Take it over as it is
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconArrowsExchange size={14} aria-hidden />}
                    onClick={() => setRenegotiating(true)}
                  >
                    Renegotiate
                  </Button>
                </Group>
              )}
            </Alert>
          )}
        </Stack>
        {item.dueOn && (
          <Badge
            variant={item.isOverdue ? 'filled' : 'light'}
            color={item.isOverdue ? 'red' : 'gray'}
            style={{ flexShrink: 0 }}
          >
            {item.isOverdue
              ? `Overdue · ${formatDate(item.dueOn)}`
              : `Due ${formatDate(item.dueOn)}`}
          </Badge>
        )}
      </Group>
      {isRenegotiating && <TakeOverModal item={item} onClose={() => setRenegotiating(false)} />}
      {(setDone.isError || takeOver.isError) && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {messageOf(setDone.error ?? takeOver.error)}
        </Text>
      )}
    </Paper>
  );
}

/** Both sides' tracked commitments on the contract, and a form to add one. */
export function ContractCommitments({ contract }: { contract: Contract }) {
  const create = useCreateCommitment(contract.id);
  const current = contract.versions.at(-1);
  const goals = current?.goals ?? [];
  const [owner, setOwner] = useState<'manager' | 'engineer'>('manager');
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState<string | null>(null);
  const [goalId, setGoalId] = useState<string | null>(null);
  const goalOf = (id: string | null) => goals.find((g) => g.id === id)?.description ?? null;
  const open = contract.commitments.filter((c) => !c.isDone);
  const done = contract.commitments.filter((c) => c.isDone);

  async function add() {
    if (!dueOn) return;
    await create.mutateAsync({ owner, text, dueOn: dueOn.slice(0, 10), goalId });
    setText('');
    setDueOn(null);
  }

  return (
    <Stack gap="lg">
      {contract.abilities.edit && (
        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="md" mb="xs">
            Add a commitment
          </Title>
          <Stack gap="sm">
            <SegmentedControl
              aria-label="Who commits"
              value={owner}
              onChange={(value) => setOwner(value as 'manager' | 'engineer')}
              data={[
                {
                  value: 'manager',
                  label: `Manager${contract.currentManager ? ` · ${contract.currentManager.name}` : ''}`,
                },
                { value: 'engineer', label: `Engineer · ${contract.engineer.name}` },
              ]}
            />
            <TextInput
              label="Commitment"
              placeholder="What will be done"
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            <Group grow align="flex-start">
              <DateInput
                label="Due"
                placeholder="Pick a date"
                valueFormat="D MMM YYYY"
                value={dueOn}
                onChange={setDueOn}
              />
              <Select
                label="For goal (optional)"
                clearable
                data={goals.map((g, i) => ({ value: g.id, label: `${i + 1}. ${g.description}` }))}
                value={goalId}
                onChange={setGoalId}
              />
            </Group>
            {create.isError && (
              <Text c="red" size="sm" role="alert">
                {messageOf(create.error)}
              </Text>
            )}
            <Group>
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                disabled={!text.trim() || !dueOn}
                loading={create.isPending}
                onClick={() => void add()}
              >
                Add the commitment
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <section aria-labelledby="open-commitments">
        <Title order={2} fz="lg" id="open-commitments" mb="sm">
          Open commitments
        </Title>
        {open.length === 0 ? (
          <Text c="dimmed">
            No open commitments. Each promise in the plan should become one here, with a date.
          </Text>
        ) : (
          <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {open.map((item) => (
              <CommitmentRow key={item.id} item={item} goal={goalOf(item.goalId)} />
            ))}
          </Stack>
        )}
      </section>
      {done.length > 0 && (
        <section aria-labelledby="done-commitments">
          <Title order={2} fz="lg" id="done-commitments" mb="sm">
            Done
          </Title>
          <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {done.map((item) => (
              <CommitmentRow key={item.id} item={item} goal={goalOf(item.goalId)} />
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}
