import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Checkbox,
  Grid,
  Group,
  List,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Conversation, ManagerChecklist } from '../../../shared/schemas/conversations.ts';
import { QueryError } from '../../components/ui/query-error.tsx';
import { formatDate } from '../../lib/dates.ts';
import { savePrivateNote, useManagerPrep, usePrivateNote, useUpdateManagerPrep } from './api.ts';
import { AutosaveTextarea } from './autosave-textarea.tsx';
import { kindLabels } from './labels.ts';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={3} fz="md" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The manager's checklist, talking points, private notes about the report and the context panel. */
export function ManagerPrepPanel({ conversation }: { conversation: Conversation }) {
  const prep = useManagerPrep(conversation.id, true);
  const update = useUpdateManagerPrep(conversation.id);
  const notePath = `/api/people/${conversation.engineer.id}/private-note`;
  const personNote = usePrivateNote(notePath);
  if (prep.isPending) return <Skeleton h={240} />;
  if (prep.isError) return <QueryError error={prep.error} onRetry={() => void prep.refetch()} />;
  const { checklist, checklistItems, context, abilities } = prep.data;
  const done = checklistItems.filter((i) => checklist[i.key as keyof ManagerChecklist]).length;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack>
          <Card title="Prep checklist">
            <Progress
              value={(done / checklistItems.length) * 100}
              mb="sm"
              aria-label="Checklist progress"
            />
            <Stack gap="xs">
              {checklistItems.map((item) => (
                <Checkbox
                  key={item.key}
                  label={`${item.label} (${item.minutes} min)`}
                  checked={checklist[item.key as keyof ManagerChecklist]}
                  disabled={!abilities.update}
                  onChange={(event) => update.mutate({ [item.key]: event.currentTarget.checked })}
                />
              ))}
            </Stack>
          </Card>
          <Card title="Talking points (only you)">
            <AutosaveTextarea
              aria-label="Talking points"
              initialValue={prep.data.talkingPoints}
              readOnly={!abilities.update}
              onSave={(talkingPoints) => update.mutateAsync({ talkingPoints })}
            />
          </Card>
          <Card title={`Private notes about ${conversation.engineer.name}`}>
            {personNote.isSuccess && (
              <>
                <Text size="xs" c="dimmed" mb="xs">
                  {personNote.data.notice}
                </Text>
                <AutosaveTextarea
                  aria-label={`Private notes about ${conversation.engineer.name}`}
                  initialValue={personNote.data.body}
                  readOnly={!personNote.data.abilities.update}
                  onSave={(body) => savePrivateNote(notePath, body)}
                />
              </>
            )}
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Card title="Last time">
            {context.lastSummary ? (
              <Stack gap={4}>
                <Text size="sm" c="dimmed">
                  {kindLabels[context.lastSummary.kind]} · sent{' '}
                  {formatDate(context.lastSummary.sentAt)}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>
                  {context.lastSummary.discussed || '—'}
                </Text>
                {context.lastSummary.goals && (
                  <Text fw={500}>Goals: {context.lastSummary.goals}</Text>
                )}
              </Stack>
            ) : (
              <Text c="dimmed">No earlier summary with {conversation.engineer.name} yet.</Text>
            )}
          </Card>
          <Card title="Open action items">
            {context.openActionItems.length === 0 ? (
              <Text c="dimmed">Nothing open.</Text>
            ) : (
              <List spacing="xs">
                {context.openActionItems.map((item) => (
                  <List.Item key={item.id}>
                    <Group gap="xs">
                      <Text>{item.text}</Text>
                      <Badge
                        size="sm"
                        variant="light"
                        color={item.owner === 'manager' ? 'grape' : 'blue'}
                      >
                        {item.owner === 'manager' ? 'You' : conversation.engineer.name}
                      </Badge>
                      {item.dueOn && (
                        <Badge
                          size="sm"
                          variant={item.isOverdue ? 'filled' : 'outline'}
                          color={item.isOverdue ? 'red' : 'gray'}
                        >
                          {item.isOverdue ? 'Overdue · ' : 'Due '}
                          {formatDate(item.dueOn)}
                        </Badge>
                      )}
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
          <Card title="Shared prep">
            {context.sharedPrep.length === 0 ? (
              <Text c="dimmed">Nothing shared yet.</Text>
            ) : (
              <Stack gap="sm">
                {context.sharedPrep.map((item) => (
                  <div key={item.key}>
                    <Text fw={600} size="sm">
                      {item.prompt}
                    </Text>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{item.answer}</Text>
                  </div>
                ))}
              </Stack>
            )}
          </Card>
          <Card title="What Matters (shared)">
            {context.whatMatters ? (
              <List size="sm">
                {context.whatMatters.values.map((v) => (
                  <List.Item key={v.value}>
                    {v.rank}. {v.value.replace(/_/g, ' ')} — {v.points} points
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text c="dimmed">Not shared with you.</Text>
            )}
          </Card>
          {context.earlierSummaries.length > 1 && (
            <Card title="Earlier summaries">
              <Accordion variant="separated">
                {context.earlierSummaries.slice(1).map((s) => (
                  <Accordion.Item key={s.conversationId} value={s.conversationId}>
                    <Accordion.Control>
                      {kindLabels[s.kind]} · {formatDate(s.heldAt)}
                    </Accordion.Control>
                    <Accordion.Panel>
                      <Text style={{ whiteSpace: 'pre-wrap' }}>{s.discussed}</Text>
                    </Accordion.Panel>
                  </Accordion.Item>
                ))}
              </Accordion>
            </Card>
          )}
          <Card title="Development contract">
            {context.contract ? (
              <Stack gap="xs">
                <Text fw={600}>{context.contract.developmentGoal}</Text>
                <Group gap="xs">
                  <Badge
                    variant="light"
                    color={context.contract.status === 'active' ? 'teal' : 'gray'}
                  >
                    {context.contract.status}
                  </Badge>
                  {context.contract.agreedVersion !== context.contract.version && (
                    <Badge variant="light" color="red">
                      Version {context.contract.version} not agreed by both
                    </Badge>
                  )}
                  {context.contract.nextReviewOn && (
                    <Text size="sm" c="dimmed">
                      Next review {formatDate(context.contract.nextReviewOn)}
                    </Text>
                  )}
                </Group>
                <List size="sm">
                  {context.contract.goals.map((goal) => (
                    <List.Item key={goal.id}>
                      {goal.description} — due {formatDate(goal.dueOn)}
                    </List.Item>
                  ))}
                </List>
                <Text size="sm" c="dimmed">
                  Caveat:{' '}
                  {context.contract.isCaveatNoneKnown ? 'none known' : context.contract.caveat}
                </Text>
                {context.contract.lastCheckIn ? (
                  <Text size="sm">
                    Last check-in {formatDate(context.contract.lastCheckIn.createdAt)}:{' '}
                    {context.contract.lastCheckIn.status.replace('_', ' ')} —{' '}
                    {context.contract.lastCheckIn.note}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    No check-in yet.
                  </Text>
                )}
                {context.contract.openCommitments.length > 0 && (
                  <List size="sm">
                    {context.contract.openCommitments.map((item) => (
                      <List.Item key={item.id}>
                        <Text span size="sm" c={item.isOverdue ? 'red' : undefined}>
                          {item.owner === 'manager' ? 'You' : item.engineer.name}: {item.text}
                          {item.dueOn ? ` (due ${formatDate(item.dueOn)})` : ''}
                          {item.isOverdue ? ' — overdue' : ''}
                          {item.isAwaitingTakeOver ? ' — waiting for you to take it over' : ''}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                )}
                <Anchor component={Link} to={`/contracts/${context.contract.id}`} size="sm">
                  Open the contract
                </Anchor>
              </Stack>
            ) : (
              <Text c="dimmed">No development contract yet.</Text>
            )}
          </Card>
          <Alert variant="light" icon={<IconInfoCircle aria-hidden />} title="Coming together">
            The latest ladder sync-up appears here once it exists.
          </Alert>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
