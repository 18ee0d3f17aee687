import { Button, Group, Paper, RingProgress, Stack, Text, Title } from '@mantine/core';
import { IconChartDots3 } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { OrgHealth } from '../../../shared/schemas/cadence.ts';
import { percent } from '../../lib/cadence.ts';

/** The leader's (or people team's) glance at their part of the organisation: metadata only. */
export function OrgHealthCard({ health }: { health: OrgHealth }) {
  const share = health.onCadence?.value ?? null;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="org-health">
      <Title order={2} fz="lg" id="org-health">
        Your part of the organisation
      </Title>
      <Text size="sm" c="dimmed" mt={2}>
        {health.scopeLabel}
      </Text>
      {health.isHidden || health.people === null ? (
        <Text size="sm" mt="md">
          {health.isHidden
            ? 'Fewer than 5 people sit in this view, so its numbers stay hidden and nobody is singled out.'
            : 'Nobody here has a manager yet, so there is nothing to measure.'}
        </Text>
      ) : (
        <Group mt="md" gap="lg" wrap="nowrap" align="center">
          <RingProgress
            size={96}
            thickness={10}
            roundCaps
            sections={[{ value: (share ?? 0) * 100, color: 'teal' }]}
            label={
              <Text ta="center" fw={700} size="lg">
                {percent(share)}
              </Text>
            }
            aria-hidden
          />
          <Stack gap={4}>
            <Text size="sm">
              <strong>{percent(share)}</strong> of {health.people} people are on cadence
            </Text>
            <Text size="sm" c={health.overduePeople ? 'red' : undefined}>
              <strong>{health.overduePeople ?? 0}</strong> with something overdue
            </Text>
            <Text size="sm">
              <strong>{health.stalePlans ?? 0}</strong> development plans gone stale
            </Text>
          </Stack>
        </Group>
      )}
      <Button
        component={Link}
        to="/coverage"
        variant="light"
        mt="md"
        leftSection={<IconChartDots3 size={16} aria-hidden />}
      >
        Open the coverage dashboard
      </Button>
    </Paper>
  );
}
