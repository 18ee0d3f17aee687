import { useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCheck, IconMessageCircle, IconSend } from '@tabler/icons-react';
import type {
  Conversation,
  Summary,
  SummaryFields,
} from '../../../shared/schemas/conversations.ts';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError, messageOf } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useRespondToSummary, useSaveSummaryDraft, useSendSummary, useSummary } from './api.ts';
import { summaryLabels } from './labels.ts';

const fieldLabels: { key: keyof Omit<SummaryFields, 'nextCheckInOn'>; label: string }[] = [
  { key: 'discussed', label: 'What we discussed' },
  { key: 'goals', label: 'Goals and how we will know they are met' },
  { key: 'managerActions', label: 'Manager’s actions' },
  { key: 'engineerActions', label: 'Engineer’s actions' },
];

function DraftEditor({ conversationId, summary }: { conversationId: string; summary: Summary }) {
  const [draft, setDraft] = useState<SummaryFields>(
    summary.draft ?? {
      discussed: '',
      goals: '',
      managerActions: '',
      engineerActions: '',
      nextCheckInOn: null,
    },
  );
  const save = useSaveSummaryDraft(conversationId);
  const send = useSendSummary(conversationId);
  // The version this editor started from (ADR 080): a save from an older one is refused.
  const baseVersion = useRef(summary.draftVersion);
  const [theirs, setTheirs] = useState<(Summary & { version: number }) | null>(null);
  async function saveDraft() {
    try {
      const saved = await save.mutateAsync({ ...draft, baseVersion: baseVersion.current });
      baseVersion.current = saved.draftVersion;
      setTheirs(null);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.isStale)
        setTheirs(caught.current as Summary & { version: number });
      return false;
    }
  }
  async function saveAndSend() {
    if (await saveDraft()) await send.mutateAsync(undefined);
  }
  function resolve(keep: 'mine' | 'theirs') {
    if (!theirs) return;
    baseVersion.current = theirs.version;
    if (keep === 'theirs' && theirs.draft) setDraft(theirs.draft);
    setTheirs(null);
    save.reset();
  }
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Draft summary">
      <Title order={3} fz="md" mb="xs">
        {summary.versions.length ? 'Next version' : 'Draft'}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Drafted from the shared notes and action items. Edit it, then send it to the engineer.
      </Text>
      <Stack>
        {fieldLabels.map(({ key, label }) => (
          <Textarea
            key={key}
            label={label}
            autosize
            minRows={2}
            value={draft[key]}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setDraft((d) => ({ ...d, [key]: value }));
            }}
          />
        ))}
        <DateInput
          label="Next check-in"
          valueFormat="YYYY-MM-DD"
          clearable
          value={draft.nextCheckInOn}
          onChange={(value) =>
            setDraft((d) => ({ ...d, nextCheckInOn: value ? value.slice(0, 10) : null }))
          }
          w={200}
        />
        {theirs ? (
          <Alert color="orange" title="This draft was saved somewhere else" role="alert">
            <Text size="sm" mb="sm">
              Another tab or window saved the draft after you opened it. Your text is still here;
              choose which to keep, then save again.
            </Text>
            <Group>
              <Button size="xs" onClick={() => resolve('mine')}>
                Keep mine
              </Button>
              <Button size="xs" variant="default" onClick={() => resolve('theirs')}>
                Load the saved draft
              </Button>
            </Group>
          </Alert>
        ) : (
          (save.isError || send.isError) && (
            <Text c="red" size="sm" role="alert">
              {messageOf(save.error ?? send.error)}
            </Text>
          )
        )}
        <Group>
          <Button variant="default" loading={save.isPending} onClick={() => void saveDraft()}>
            Save draft
          </Button>
          {summary.abilities.send && (
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              loading={send.isPending}
              onClick={() => void saveAndSend()}
            >
              Send summary
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function Respond({ conversationId }: { conversationId: string }) {
  const respond = useRespondToSummary(conversationId);
  const [comment, setComment] = useState('');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Your response">
      <Title order={3} fz="md" mb="sm">
        Does this match what you agreed?
      </Title>
      <Stack>
        <Textarea
          label="Comment (needed to ask for a change)"
          autosize
          minRows={2}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
        />
        {respond.isError && (
          <Text c="red" size="sm" role="alert">
            {messageOf(respond.error)}
          </Text>
        )}
        <Group>
          <Button
            leftSection={<IconCheck size={16} aria-hidden />}
            loading={respond.isPending}
            onClick={() => respond.mutate({ kind: 'acknowledged', comment })}
          >
            Acknowledge
          </Button>
          <Button
            variant="default"
            leftSection={<IconMessageCircle size={16} aria-hidden />}
            disabled={!comment.trim()}
            onClick={() => respond.mutate({ kind: 'amendment_requested', comment })}
          >
            Ask for a change
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The written summary: draft and send (manager), acknowledge or ask for a change (engineer). */
export function SummaryPanel({ conversation }: { conversation: Conversation }) {
  const summary = useSummary(conversation.id);
  if (summary.isPending) return <Skeleton h={200} />;
  if (summary.isError)
    return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  const status = summaryLabels[s.status];
  const latest = s.versions.at(-1);
  return (
    <Stack>
      <Group>
        <Badge color={status.color} size="lg" variant="light">
          {status.label}
        </Badge>
        {s.dueAt && !latest && <Text size="sm">Due by {formatDateTime(s.dueAt)}</Text>}
      </Group>
      {!latest && !s.abilities.editDraft && (
        <Alert variant="light">
          {conversation.status === 'completed'
            ? `${conversation.manager.name} has not sent the summary yet.`
            : 'The summary is written after the conversation is held.'}
        </Alert>
      )}
      {latest && (
        <Paper withBorder radius="md" p="md" component="section" aria-label="Sent summary">
          <Title order={3} fz="md" mb="sm">
            Version {latest.version} · sent {formatDateTime(latest.sentAt)}
          </Title>
          <Stack gap="sm">
            {fieldLabels.map(({ key, label }) => (
              <div key={key}>
                <Text fw={600} size="sm">
                  {label}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{latest[key] || '—'}</Text>
              </div>
            ))}
            {latest.nextCheckInOn && <Text>Next check-in: {formatDate(latest.nextCheckInOn)}</Text>}
          </Stack>
        </Paper>
      )}
      {s.abilities.respond && <Respond conversationId={conversation.id} />}
      {s.abilities.editDraft && s.abilities.send && s.draft && (
        <DraftEditor conversationId={conversation.id} summary={s} />
      )}
      {(s.responses.length > 0 || s.versions.length > 1) && (
        <Paper withBorder radius="md" p="md" component="section" aria-label="Summary history">
          <Title order={3} fz="md" mb="sm">
            History
          </Title>
          <Timeline bulletSize={18} lineWidth={2}>
            {[
              ...s.versions.map((v) => ({
                at: v.sentAt,
                title: `Version ${v.version} sent`,
                body: '',
              })),
              ...s.responses.map((r) => ({
                at: r.at,
                title:
                  r.kind === 'acknowledged'
                    ? `Version ${r.version} acknowledged`
                    : `Change asked on version ${r.version}`,
                body: r.comment,
              })),
            ]
              .sort((a, b) => (a.at < b.at ? -1 : 1))
              .map((event) => (
                <Timeline.Item key={`${event.at}-${event.title}`} title={event.title}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(event.at)}
                  </Text>
                  {event.body && <Text size="sm">{event.body}</Text>}
                </Timeline.Item>
              ))}
          </Timeline>
        </Paper>
      )}
    </Stack>
  );
}
