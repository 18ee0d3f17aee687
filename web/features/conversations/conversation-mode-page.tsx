import { useState } from 'react';
import {
  Accordion,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconArrowLeft, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { Conversation, ConversationGuide } from '../../../shared/schemas/conversations.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useSignedInSession } from '../../lib/session.ts';
import {
  savePrivateNote,
  useConversation,
  useGuide,
  usePrivateNote,
  useSharedNotes,
} from './api.ts';
import { ActionItemsCapture } from './action-items-capture.tsx';
import { AutosaveTextarea } from './autosave-textarea.tsx';
import { kindLabels } from './labels.ts';
import { SharedNotesEditor } from './shared-notes-editor.tsx';

function minutesSeconds(totalSeconds: number) {
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** The guide's parts as steps, with suggested minutes and a quiet timer for the current part. */
function GuideSteps({ guide }: { guide: ConversationGuide }) {
  const [active, setActive] = useState(0);
  const [seconds, setSeconds] = useState(0);
  const timer = useInterval(() => setSeconds((s) => s + 1), 1000);
  const section = guide.sections[active];
  const isOver =
    section?.minutes !== null && section?.minutes !== undefined && seconds > section.minutes * 60;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {guide.talkingShare}
        </Text>
        <Group gap={6}>
          <Badge variant="light" color={isOver ? 'red' : 'gray'} aria-label="Time in this part">
            {minutesSeconds(seconds)}
            {section?.minutes ? ` / ${section.minutes}:00` : ''}
          </Badge>
          <Button
            size="compact-xs"
            variant="subtle"
            aria-label={timer.active ? 'Pause the timer' : 'Start the timer'}
            onClick={timer.toggle}
          >
            {timer.active ? (
              <IconPlayerPause size={14} aria-hidden />
            ) : (
              <IconPlayerPlay size={14} aria-hidden />
            )}
          </Button>
        </Group>
      </Group>
      <Stepper
        active={active}
        onStepClick={(step) => {
          setActive(step);
          setSeconds(0);
        }}
        orientation="vertical"
        size="sm"
        allowNextStepsSelect
      >
        {guide.sections.map((s) => (
          <Stepper.Step
            key={s.key}
            label={s.title}
            description={s.minutes ? `about ${s.minutes} min` : undefined}
          />
        ))}
      </Stepper>
      {section && (
        <Paper bg="var(--mantine-color-default-hover)" p="sm" radius="md">
          <Text fw={600} size="sm" mb={4}>
            {section.title}
          </Text>
          <List size="sm" spacing={4}>
            {section.prompts.map((prompt) => (
              <List.Item key={prompt}>{prompt}</List.Item>
            ))}
          </List>
        </Paper>
      )}
      <Group>
        <Button
          size="xs"
          variant="default"
          disabled={active === 0}
          onClick={() => {
            setActive((a) => a - 1);
            setSeconds(0);
          }}
        >
          Previous part
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={active >= guide.sections.length - 1}
          onClick={() => {
            setActive((a) => a + 1);
            setSeconds(0);
          }}
        >
          Next part
        </Button>
      </Group>
    </Stack>
  );
}

function Mode({ conversation }: { conversation: Conversation }) {
  const guide = useGuide(conversation.id);
  const notes = useSharedNotes(conversation.id);
  const notePath = `/api/conversations/${conversation.id}/private-note`;
  const privateNote = usePrivateNote(notePath);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
        <Stack>
          <Paper withBorder radius="md" p="md" component="section" aria-label="Guide">
            <Title order={2} fz="md" mb="sm">
              Guide
            </Title>
            {guide.isSuccess ? <GuideSteps guide={guide.data} /> : <Skeleton h={200} />}
          </Paper>
          <Paper withBorder radius="md" p="md" component="section" aria-label="Listening guide">
            <Title order={2} fz="md" mb="xs">
              Listening guide
            </Title>
            {guide.isSuccess && (
              <>
                <Text size="sm" c="dimmed" mb="sm">
                  {guide.data.listening.intro}
                </Text>
                <Accordion variant="contained">
                  {guide.data.listening.signals.map((signal) => (
                    <Accordion.Item key={signal.key} value={signal.key}>
                      <Accordion.Control>{signal.signal}</Accordion.Control>
                      <Accordion.Panel>
                        <Text size="sm" mb={6}>
                          {signal.whatItMayMean}
                        </Text>
                        <Text size="sm" fw={600}>
                          Try: “{signal.question}”
                        </Text>
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
              </>
            )}
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
        <Stack>
          <Paper withBorder radius="md" p="md">
            {notes.isSuccess ? <SharedNotesEditor notes={notes.data} /> : <Skeleton h={200} />}
          </Paper>
          <Paper withBorder radius="md" p="md" component="section" aria-label="Action items">
            <Title order={2} fz="md" mb="sm">
              Action items
            </Title>
            <ActionItemsCapture conversation={conversation} />
          </Paper>
          <Paper withBorder radius="md" p="md">
            {privateNote.isSuccess && (
              <AutosaveTextarea
                label="My private notes"
                description={privateNote.data.notice}
                initialValue={privateNote.data.body}
                readOnly={!privateNote.data.abilities.update}
                onSave={(body) => savePrivateNote(notePath, body)}
              />
            )}
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** Conversation mode: the guide, shared and private notes, quick action items, the listening guide. */
export default function ConversationModePage() {
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const conversation = useConversation(id);
  if (conversation.isPending) return <Skeleton h={300} />;
  if (conversation.isError) return <QueryError error={conversation.error} />;
  const c = conversation.data;
  const other = c.engineer.id === session.person.id ? c.manager : c.engineer;
  return (
    <Page size={1400}>
      <PageHeader
        title={`${kindLabels[c.kind]} with ${other.name}`}
        documentTitle={`Conversation mode · ${kindLabels[c.kind]}`}
        before={
          <Anchor component={Link} to={`/conversations/${c.id}`} size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden /> Back to the conversation
            </Group>
          </Anchor>
        }
      />
      <Mode conversation={c} />
    </Page>
  );
}
