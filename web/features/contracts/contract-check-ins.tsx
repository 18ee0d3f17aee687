import { useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { CheckInStatus, Contract } from '../../../shared/schemas/contracts.ts';
import { checkInStatuses } from '../../../shared/schemas/contracts.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useCreateCheckIn } from './api.ts';
import { checkInLabels } from './labels.ts';

/** The monthly "how is the plan going?" entry, and the ones before it. */
export function ContractCheckIns({ contract }: { contract: Contract }) {
  const create = useCreateCheckIn(contract.id);
  const [status, setStatus] = useState<CheckInStatus | null>(null);
  const [note, setNote] = useState('');

  async function save() {
    if (!status) return;
    await create.mutateAsync({ status, note });
    setStatus(null);
    setNote('');
  }

  return (
    <Stack gap="lg">
      {contract.checkInDueOn && (
        <Alert
          variant="light"
          color={contract.isCheckInOverdue ? 'red' : 'blue'}
          title={contract.isCheckInOverdue ? 'A check-in is overdue' : 'Next monthly check-in'}
        >
          {contract.isCheckInOverdue
            ? `The monthly check-in was due on ${formatDate(contract.checkInDueOn)}. Two minutes is enough: how is the plan going?`
            : `Due by ${formatDate(contract.checkInDueOn)}. Either of you can write it.`}
        </Alert>
      )}
      {contract.status !== 'active' && (
        <Text c="dimmed">Check-ins are taken while the contract is active.</Text>
      )}
      {contract.abilities.checkIn && (
        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="md" mb="xs">
            How is the plan going?
          </Title>
          <Stack gap="sm">
            <Radio.Group
              value={status}
              onChange={(value) => setStatus(value as CheckInStatus)}
              aria-label="How is the plan going?"
            >
              <Group gap="lg">
                {checkInStatuses.map((value) => (
                  <Radio key={value} value={value} label={checkInLabels[value].label} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label="Note"
              description="What moved, what is stuck, what would help."
              autosize
              minRows={2}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            {create.isError && (
              <Text c="red" size="sm" role="alert">
                {messageOf(create.error)}
              </Text>
            )}
            <Group>
              <Button
                disabled={!status || !note.trim()}
                loading={create.isPending}
                onClick={() => void save()}
              >
                Save the check-in
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <section aria-labelledby="check-in-history">
        <Title order={2} fz="lg" id="check-in-history" mb="sm">
          Earlier check-ins
        </Title>
        {contract.checkIns.length === 0 ? (
          <Text c="dimmed">None yet.</Text>
        ) : (
          <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {contract.checkIns.map((checkIn) => (
              <Paper component="li" key={checkIn.id} withBorder radius="md" p="sm">
                <Group justify="space-between" align="flex-start">
                  <Badge
                    color={checkInLabels[checkIn.status].color}
                    variant="light"
                    // The hue marks the state; the text keeps the page's colour for contrast.
                    c="var(--mantine-color-text)"
                    leftSection={
                      <Box
                        w={8}
                        h={8}
                        bg={`${checkInLabels[checkIn.status].color}.6`}
                        style={{ borderRadius: '50%' }}
                        aria-hidden
                      />
                    }
                  >
                    {checkInLabels[checkIn.status].label}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(checkIn.createdAt)}
                    {checkIn.author ? ` · ${checkIn.author.name}` : ''}
                  </Text>
                </Group>
                <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {checkIn.note}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
