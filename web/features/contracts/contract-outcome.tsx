import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Contract, ContractOutcomeStatus } from '../../../shared/schemas/contracts.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useSetOutcome } from './api.ts';
import { contractStatusLabels } from './labels.ts';

const choices: Record<string, { value: ContractOutcomeStatus; label: string }[]> = {
  draft: [{ value: 'superseded', label: 'Set this draft aside' }],
  active: [
    { value: 'completed', label: 'Completed: the goals were reached' },
    { value: 'paused', label: 'Paused: on hold for a while' },
    { value: 'superseded', label: 'Superseded: replaced by a new plan' },
  ],
  paused: [
    { value: 'active', label: 'Resume: active again' },
    { value: 'completed', label: 'Completed: the goals were reached' },
    { value: 'superseded', label: 'Superseded: replaced by a new plan' },
  ],
};

/** How the contract ended (or why it pauses), in a sentence both can read later. */
export function ContractOutcome({ contract }: { contract: Contract }) {
  const setOutcome = useSetOutcome(contract.id);
  const options = choices[contract.status] ?? [];
  const [status, setStatus] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const needsNote = status !== 'active';
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Text fw={600}>Status: {contractStatusLabels[contract.status].label}</Text>
        {contract.outcomeNote ? (
          <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {contract.outcomeNote}
            {contract.outcomeBy ? ` — ${contract.outcomeBy.name}` : ''}
            {contract.closedAt ? `, ${formatDateTime(contract.closedAt)}` : ''}
          </Text>
        ) : (
          <Text c="dimmed" size="sm" mt="xs">
            No outcome recorded yet.
          </Text>
        )}
      </Paper>
      {contract.abilities.close && options.length > 0 && (
        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="md" mb="xs">
            Record an outcome
          </Title>
          <Stack gap="sm">
            <Select
              label="Outcome"
              placeholder="Choose"
              data={options}
              value={status}
              onChange={setStatus}
            />
            <Textarea
              label="Outcome note"
              description={needsNote ? 'Required: what happened, in your own words.' : 'Optional.'}
              autosize
              minRows={2}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Alert variant="light" color="gray">
              Open commitments stay open whatever the outcome: close them one by one, so no promise
              disappears quietly.
            </Alert>
            {setOutcome.isError && (
              <Text c="red" size="sm" role="alert">
                {messageOf(setOutcome.error)}
              </Text>
            )}
            <Group>
              <Button
                disabled={!status || (needsNote && !note.trim())}
                loading={setOutcome.isPending}
                onClick={() =>
                  status &&
                  setOutcome.mutate(
                    { status: status as ContractOutcomeStatus, note },
                    {
                      onSuccess: () => {
                        setStatus(null);
                        setNote('');
                      },
                    },
                  )
                }
              >
                Save the outcome
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
