import { useState } from 'react';
import { Badge, Group, List, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconTarget } from '@tabler/icons-react';
import type { FrameworkVersionDetail, Rating } from '../../../shared/schemas/frameworks.ts';
import { QueryError } from '../../components/ui/query-error.tsx';
import { useGapAnalysis } from './api.ts';
import { LevelSelect } from './level-select.tsx';
import { RATING_COLORS, RATING_LABELS } from './ratings.ts';

function RatingBadge({ who, rating }: { who: string; rating: Rating | null }) {
  if (!rating) return null;
  return (
    <Badge size="xs" variant="light" color={RATING_COLORS[rating]}>
      {who}: {RATING_LABELS[rating]}
    </Badge>
  );
}

/** What separates a person from a level, using the latest revealed ratings. */
export function GapAnalysisCard({
  personId,
  version,
}: {
  personId: string;
  version: FrameworkVersionDetail | undefined;
}) {
  const [target, setTarget] = useState<string | null>(null);
  const gap = useGapAnalysis(personId, target, true);
  const data = gap.data;
  return (
    <Paper withBorder radius="lg" p="lg">
      <Title order={2} fz="lg" mb="xs">
        What is left to reach the next level
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        A criterion counts as met when both sides rated it “demonstrating consistently” in the
        latest revealed assessment that covered it.
      </Text>
      <Stack gap="md">
        <LevelSelect
          version={version}
          label="Level to compare with"
          isRequired={false}
          description="By default, the level after the current placement."
          value={target ?? data?.targetLevel?.id ?? null}
          onChange={setTarget}
        />
        {gap.isPending && <Skeleton h={120} />}
        {gap.isError && <QueryError error={gap.error} onRetry={() => void gap.refetch()} />}
        {data && !data.targetLevel && (
          <Text c="dimmed">Choose a level, or place this person on the framework first.</Text>
        )}
        {data?.targetLevel && (
          <>
            <Group gap="xs">
              <Badge variant="light" color="teal">
                {data.summary.met} met
              </Badge>
              <Badge variant="light" color="grape">
                {data.summary.remaining} to work on
              </Badge>
              <Badge variant="light" color="gray">
                {data.summary.unassessed} not assessed yet
              </Badge>
            </Group>
            {data.competencies.map((competency) => (
              <div key={competency.id}>
                <Title order={3} fz="md" mb={6}>
                  {competency.name}
                </Title>
                <List spacing={6} size="sm" center>
                  {competency.criteria.map((c) => (
                    <List.Item
                      key={c.id}
                      icon={
                        <ThemeIcon
                          size={20}
                          radius="xl"
                          variant="light"
                          color={c.isMet ? 'teal' : c.assessedAt ? 'grape' : 'gray'}
                        >
                          {c.isMet ? (
                            <IconCheck size={12} aria-label="Met" />
                          ) : c.assessedAt ? (
                            <IconTarget size={12} aria-label="To work on" />
                          ) : (
                            <IconCircleDashed size={12} aria-label="Not assessed" />
                          )}
                        </ThemeIcon>
                      }
                    >
                      <Text size="sm">{c.text}</Text>
                      <Group gap={4} mt={2}>
                        <RatingBadge who="Engineer" rating={c.engineer} />
                        <RatingBadge who="Manager" rating={c.manager} />
                      </Group>
                    </List.Item>
                  ))}
                </List>
              </div>
            ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}
