import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConversationKind,
  QuestionBank,
  QuestionBankContent,
} from '../../../shared/schemas/conversations.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { api, messageOf } from '../../lib/api.ts';
import { useKinds } from './api.ts';

interface SectionDraft {
  key: string;
  title: string;
  minutes: number | string;
  prompts: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function Editor({ bank }: { bank: QuestionBank }) {
  const queryClient = useQueryClient();
  const [prep, setPrep] = useState(bank.engineerPrompts.map((p) => p.text).join('\n'));
  const [sections, setSections] = useState<SectionDraft[]>(
    bank.managerGuide.map((s) => ({
      ...s,
      minutes: s.minutes ?? '',
      prompts: s.prompts.join('\n'),
    })),
  );
  const publish = useMutation({
    mutationFn: (content: QuestionBankContent) =>
      api<QuestionBank>(`/api/question-banks/${bank.kind}/versions`, {
        method: 'POST',
        body: content,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(['question-bank', bank.kind], next);
      notifications.show({ color: 'teal', message: `Version ${next.version} published.` });
    },
  });
  const setSection = (index: number, patch: Partial<SectionDraft>) =>
    setSections((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  return (
    <Stack>
      <Paper withBorder radius="md" p="md" component="section" aria-label="Engineer prep prompts">
        <Title order={2} fz="md" mb="xs">
          Engineer prep prompts
        </Title>
        <Textarea
          label="One prompt per line"
          autosize
          minRows={8}
          value={prep}
          onChange={(event) => setPrep(event.currentTarget.value)}
        />
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-label="Manager guide">
        <Title order={2} fz="md" mb="xs">
          Manager guide
        </Title>
        <Stack>
          {sections.map((section, index) => (
            <Stack key={section.key} gap="xs">
              <Group grow>
                <TextInput
                  label={`Part ${index + 1} title`}
                  value={section.title}
                  onChange={(event) => setSection(index, { title: event.currentTarget.value })}
                />
                <NumberInput
                  label="Suggested minutes"
                  min={1}
                  max={120}
                  value={section.minutes}
                  onChange={(minutes) => setSection(index, { minutes })}
                />
              </Group>
              <Textarea
                label={`Part ${index + 1} prompts, one per line`}
                autosize
                minRows={2}
                value={section.prompts}
                onChange={(event) => setSection(index, { prompts: event.currentTarget.value })}
              />
            </Stack>
          ))}
        </Stack>
      </Paper>
      {publish.isError && (
        <Text c="red" size="sm" role="alert">
          {messageOf(publish.error)}
        </Text>
      )}
      <Group>
        <Button
          loading={publish.isPending}
          onClick={() =>
            publish.mutate({
              engineerPrompts: lines(prep).map((text, i) => ({ key: `p${i + 1}`, text })),
              managerGuide: sections.map((s) => ({
                key: s.key,
                title: s.title,
                minutes: s.minutes === '' ? null : Number(s.minutes),
                prompts: lines(s.prompts),
              })),
            })
          }
        >
          Publish a new version
        </Button>
        <Text size="sm" c="dimmed">
          Conversations already scheduled keep the version they started with.
        </Text>
      </Group>
    </Stack>
  );
}

/** Admins: read and publish new versions of each kind's question bank. */
export default function QuestionBanksPage() {
  const kinds = useKinds();
  const [kind, setKind] = useState<ConversationKind>('quarterly');
  const bank = useQuery({
    queryKey: ['question-bank', kind],
    queryFn: ({ signal }) => api<QuestionBank>(`/api/question-banks/${kind}`, { signal }),
  });
  return (
    <Page>
      <PageHeader
        title="Question banks"
        description="The prompts engineers answer before each kind of conversation, and the guide managers follow during it."
      />
      <Group mb="lg" align="flex-end">
        <Select
          label="Kind"
          data={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: k.label }))}
          value={kind}
          onChange={(value) => value && setKind(value as ConversationKind)}
          allowDeselect={false}
          w={280}
        />
        {bank.isSuccess && (
          <Badge variant="light" size="lg">
            Version {bank.data.version} of {bank.data.versions.length}
          </Badge>
        )}
      </Group>
      {bank.isPending && <Skeleton h={300} />}
      {bank.isError && <QueryError error={bank.error} />}
      {bank.isSuccess && <Editor key={`${bank.data.kind}-${bank.data.version}`} bank={bank.data} />}
    </Page>
  );
}
