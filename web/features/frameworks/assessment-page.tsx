import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClock, IconEye } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type {
  AssessmentDetail,
  AssessmentItem,
  Rating,
  RatingEntry,
} from '../../../shared/schemas/frameworks.ts';
import { RATINGS } from '../../../shared/schemas/frameworks.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useAssessment, useSaveRatings, useSubmitSide } from './api.ts';
import { RATING_COLORS, RATING_LABELS } from './ratings.ts';

type Draft = Record<string, { rating: Rating | null; evidence: string }>;

function draftOf(detail: AssessmentDetail): Draft {
  return Object.fromEntries(
    detail.items.map((item) => [
      item.id,
      { rating: item.mine?.rating ?? null, evidence: item.mine?.evidence ?? '' },
    ]),
  );
}

function RatingForm({ detail }: { detail: AssessmentDetail }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(detail));
  const save = useSaveRatings(detail.id);
  const submit = useSubmitSide(detail.id);
  const ratings = () => Object.entries(draft).map(([itemId, entry]) => ({ itemId, ...entry }));
  const missing = Object.values(draft).filter((entry) => entry.rating === null).length;
  const update = (itemId: string, patch: Partial<Draft[string]>) =>
    setDraft((current) => ({
      ...current,
      [itemId]: { rating: null, evidence: '', ...current[itemId], ...patch },
    }));

  function saveDraft() {
    save.mutate(
      { ratings: ratings() },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            title: 'Draft saved',
            message: 'Only you can see it until you submit.',
          }),
      },
    );
  }

  function submitSide() {
    save.mutate({ ratings: ratings() }, { onSuccess: () => submit.mutate(undefined) });
  }

  return (
    <Stack gap="md">
      <Alert
        color="indigo"
        variant="light"
        icon={<IconEye size={18} aria-hidden />}
        title="Blind until both submit"
      >
        Rate every criterion as you see it today. Nobody else can read your ratings or evidence
        until both sides have submitted.
      </Alert>
      {detail.items.map((item, index) => {
        const entry = draft[item.id];
        const heading = detail.items[index - 1]?.competencyName !== item.competencyName;
        return (
          <Stack key={item.id} gap={6}>
            {heading && (
              <Title order={2} fz="lg" mt={index === 0 ? 0 : 'md'}>
                {item.competencyName}
              </Title>
            )}
            <Paper withBorder radius="md" p="md">
              <Text fw={500} id={`criterion-${item.id}`} style={{ whiteSpace: 'pre-line' }}>
                {item.text}
              </Text>
              {item.examples.length > 0 && (
                <Text size="xs" c="dimmed" mt={2}>
                  For example: {item.examples.join(' · ')}
                </Text>
              )}
              <SegmentedControl
                mt="sm"
                fullWidth
                aria-labelledby={`criterion-${item.id}`}
                value={entry?.rating ?? ''}
                onChange={(value) => update(item.id, { rating: value as Rating })}
                data={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
              />
              <Textarea
                mt="sm"
                label="Evidence"
                description="Optional: examples that support your rating."
                autosize
                minRows={1}
                value={entry?.evidence ?? ''}
                onChange={(event) => update(item.id, { evidence: event.currentTarget.value })}
              />
            </Paper>
          </Stack>
        );
      })}
      {(save.isError || submit.isError) && (
        <Alert color="red" role="alert" title="Not saved">
          {messageOf(save.error ?? submit.error)}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={saveDraft} loading={save.isPending && !submit.isPending}>
          Save draft
        </Button>
        <Button onClick={submitSide} disabled={missing > 0} loading={submit.isPending}>
          Submit my ratings
        </Button>
        {missing > 0 && (
          <Text size="sm" c="dimmed">
            {missing} {missing === 1 ? 'criterion needs' : 'criteria need'} a rating before you can
            submit.
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function Side({ who, entry }: { who: string; entry: RatingEntry | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {who}
      </Text>
      {entry?.rating ? (
        <Badge color={RATING_COLORS[entry.rating]} variant="light">
          {RATING_LABELS[entry.rating]}
        </Badge>
      ) : (
        <Text size="sm">—</Text>
      )}
      {entry?.evidence && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line' }}>
          {entry.evidence}
        </Text>
      )}
    </div>
  );
}

function RevealedItem({ item }: { item: AssessmentItem }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      style={item.isDisagreement ? { borderColor: 'var(--mantine-color-orange-6)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Text size="xs" c="dimmed">
            {item.competencyName}
          </Text>
          <Text fw={500}>{item.text}</Text>
        </div>
        {item.isDisagreement && (
          <Badge variant="light" color="grape">
            Disagreement
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Side who="Engineer" entry={item.engineer} />
        <Side who="Manager" entry={item.manager} />
      </SimpleGrid>
    </Paper>
  );
}

function Reveal({ detail }: { detail: AssessmentDetail }) {
  const summary = detail.summary;
  const disagreements = detail.items.filter((i) => i.isDisagreement);
  const agreements = detail.items.filter((i) => !i.isDisagreement);
  return (
    <Stack gap="lg">
      {summary && (
        <Paper withBorder radius="lg" p="lg">
          <Title order={2} fz="lg" mb="sm">
            Summary
          </Title>
          <Text mb="sm">
            {summary.disagreements === 0
              ? 'You agree on every criterion.'
              : `You disagree on ${summary.disagreements} of ${detail.items.length} criteria — start the conversation there.`}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(['engineer', 'manager'] as const).map((side) => (
              <div key={side}>
                <Text fw={600} size="sm" mb={4}>
                  {side === 'engineer' ? 'Engineer' : 'Manager'}
                </Text>
                <Group gap="xs">
                  {RATINGS.map((r) => (
                    <Badge key={r} color={RATING_COLORS[r]} variant="light">
                      {RATING_LABELS[r]}: {summary[side][r] ?? 0}
                    </Badge>
                  ))}
                </Group>
              </div>
            ))}
          </SimpleGrid>
        </Paper>
      )}
      {disagreements.length > 0 && (
        <Stack gap="sm">
          <Title order={2} fz="lg">
            Disagreements
          </Title>
          {disagreements.map((item) => (
            <RevealedItem key={item.id} item={item} />
          ))}
        </Stack>
      )}
      {agreements.length > 0 && (
        <Stack gap="sm">
          <Title order={2} fz="lg">
            Where you agree
          </Title>
          {agreements.map((item) => (
            <RevealedItem key={item.id} item={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export default function AssessmentPage() {
  const { id = '' } = useParams();
  const assessment = useAssessment(id);
  const detail = assessment.data;
  const other = detail?.mySide === 'engineer' ? 'manager' : 'engineer';
  const waiting = detail && detail.status === 'in_progress' && !detail.abilities.rate;
  return (
    <Page size={900}>
      <PageHeader
        title={detail ? `Ladder sync-up: ${detail.targetLevel.name}` : 'Ladder sync-up'}
        before={
          detail && (
            <Anchor component={Link} to={`/people/${detail.person.id}/career`} size="sm">
              ← {detail.person.name}: career
            </Anchor>
          )
        }
        description={
          detail &&
          `${detail.person.name} against ${detail.targetLevel.name} (${detail.targetLevel.trackName}), started ${formatDateTime(detail.createdAt)}.`
        }
      />
      {assessment.isPending && <Skeleton h={300} radius="lg" />}
      {assessment.isError && <QueryError error={assessment.error} />}
      {detail && detail.status === 'revealed' && <Reveal detail={detail} />}
      {waiting && (
        <Alert
          color="gray"
          icon={<IconClock size={18} aria-hidden />}
          title="Waiting for the other side"
        >
          Your ratings are submitted. They will be shown side by side with the {other}'s as soon as
          the {other} submits.
        </Alert>
      )}
      {detail && detail.abilities.rate && <RatingForm key={detail.id} detail={detail} />}
    </Page>
  );
}
