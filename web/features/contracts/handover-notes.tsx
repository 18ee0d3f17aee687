import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconSend, IconShare } from '@tabler/icons-react';
import type { Handover } from '../../../shared/schemas/contracts.ts';
import { messageOf } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useHandovers, useReleaseHandover, useWriteHandover } from './api.ts';

/** Who will read the note and when, in plain words for the person looking at it. */
function visibilityLine(handover: Handover, viewer: 'author' | 'engineer' | 'manager'): string {
  const next = handover.toManager?.name ?? 'the new manager';
  if (!handover.writtenAt)
    return `${handover.engineer.name} reads it first. ${next} can read it a week later, or sooner if ${handover.engineer.name} shares it.`;
  const from = handover.visibleToManagerFrom ? formatDateTime(handover.visibleToManagerFrom) : '';
  if (handover.releasedAt)
    return viewer === 'engineer'
      ? `You shared it with ${next} on ${formatDateTime(handover.releasedAt)}.`
      : `${handover.engineer.name} shared it on ${formatDateTime(handover.releasedAt)}.`;
  if (viewer === 'engineer')
    return `Only you can read this for now. ${next} can read it from ${from}, or sooner if you share it.`;
  return `${handover.engineer.name} reads it first; ${next} can read it from ${from}.`;
}

function AuthorCard({ handover }: { handover: Handover }) {
  const write = useWriteHandover();
  const [note, setNote] = useState(handover.note ?? '');
  const canWrite = handover.abilities.write;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            Handover for {handover.engineer.name}
            {handover.toManager ? `, moving to ${handover.toManager.name}` : ''}
          </Text>
          <Badge variant="light" color={handover.writtenAt ? 'teal' : 'red'}>
            {handover.writtenAt ? 'Written' : 'Not written yet'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Reporting line changes on {formatDate(handover.changeOn)}. From that day you no longer see
          the contract. {visibilityLine(handover, 'author')}
        </Text>
        {canWrite ? (
          <>
            <Textarea
              label="Your handover note"
              description={`What the next manager should know to keep the plan going: context, open promises, what works. You can change it until ${formatDate(handover.writableUntil)} or until it is shared.`}
              autosize
              minRows={3}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Group>
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                loading={write.isPending}
                disabled={!note.trim()}
                onClick={() => write.mutate({ id: handover.id, note })}
              >
                {handover.writtenAt ? 'Save the changes' : 'Save the note'}
              </Button>
            </Group>
          </>
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{handover.note || '—'}</Text>
        )}
        {write.isError && (
          <Text c="red" size="sm" role="alert">
            {messageOf(write.error)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function ReaderCard({ handover, viewer }: { handover: Handover; viewer: 'engineer' | 'manager' }) {
  const release = useReleaseHandover();
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Text fw={600}>
          Handover note from {handover.fromManager.name}
          {viewer === 'manager' ? ` about ${handover.engineer.name}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          Written {handover.writtenAt ? formatDateTime(handover.writtenAt) : ''} for the change of{' '}
          {formatDate(handover.changeOn)}. {visibilityLine(handover, viewer)}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{handover.note}</Text>
        {handover.abilities.release && (
          <Group>
            <Button
              variant="light"
              leftSection={<IconShare size={16} aria-hidden />}
              loading={release.isPending}
              onClick={() => release.mutate(handover.id)}
            >
              Share with {handover.toManager?.name ?? 'my new manager'} now
            </Button>
          </Group>
        )}
        {release.isError && (
          <Text c="red" size="sm" role="alert">
            {messageOf(release.error)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Handover notes on a manager change, for whoever may see them: the outgoing manager writes
 * theirs, the engineer reads it first, the new manager once it is shared. Hidden when none.
 */
export function HandoverNotes({ engineerId }: { engineerId: string | null }) {
  const session = useSignedInSession();
  const me = session.person.id;
  const handovers = useHandovers();
  const items = (handovers.data?.items ?? []).filter(
    (h) => engineerId === null || h.engineer.id === engineerId,
  );
  if (handovers.isError)
    return (
      <Alert color="red" variant="light">
        {messageOf(handovers.error)}
      </Alert>
    );
  if (items.length === 0) return null;
  const toWrite = items.filter((h) => h.fromManager.id === me);
  const aboutMe = items.filter((h) => h.engineer.id === me);
  const forMyReports = items.filter((h) => h.fromManager.id !== me && h.engineer.id !== me);
  return (
    <section aria-labelledby="handovers">
      <Title order={2} fz="lg" id="handovers" mb="sm">
        Handover notes
      </Title>
      <Stack gap="sm">
        {toWrite.map((h) => (
          <AuthorCard key={h.id} handover={h} />
        ))}
        {aboutMe.map((h) => (
          <ReaderCard key={h.id} handover={h} viewer="engineer" />
        ))}
        {forMyReports.map((h) => (
          <ReaderCard key={h.id} handover={h} viewer="manager" />
        ))}
      </Stack>
    </section>
  );
}
