import { Badge, DataList, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ContractVersion } from '../../../shared/schemas/contracts.ts';
import { reviewCadenceLabels } from '../../../shared/schemas/contracts.ts';
import { formatDate } from '../../lib/dates.ts';
import { goalLabels, partLabels } from './labels.ts';

function Part({ title, children }: { title: string; children: string }) {
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm" c="dimmed" tt="uppercase" lts={0.3}>
        {title}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{children}</Text>
    </Stack>
  );
}

/** One version of the contract, read-only: the six parts, "not here" and the goals. */
export function ContractPlan({ version }: { version: ContractVersion }) {
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Text fw={600} size="sm" c="dimmed" tt="uppercase" lts={0.3}>
          {partLabels.developmentGoal.label}
        </Text>
        <Title order={2} fz="xl" mt={4}>
          {version.developmentGoal}
        </Title>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Part title={partLabels.managerCommitment.label}>{version.managerCommitment}</Part>
        <Part title={partLabels.engineerCommitment.label}>{version.engineerCommitment}</Part>
        <Part title={partLabels.evidenceOfSuccess.label}>{version.evidenceOfSuccess}</Part>
        <Part title={partLabels.reviewCadence.label}>
          {`${reviewCadenceLabels[version.reviewCadence]}; next review on ${formatDate(version.nextReviewOn)}.`}
        </Part>
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
        <Part title={partLabels.caveat.label}>
          {version.isCaveatNoneKnown ? 'None known — chosen explicitly.' : version.caveat}
        </Part>
      </Paper>
      {(version.notHere || version.transitionSupport) && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {version.notHere && <Part title={partLabels.notHere.label}>{version.notHere}</Part>}
          {version.transitionSupport && (
            <Part title={partLabels.transitionSupport.label}>{version.transitionSupport}</Part>
          )}
        </SimpleGrid>
      )}
      <Stack gap="sm">
        <Title order={3} fz="md">
          Goals
        </Title>
        {version.goals.map((goal, index) => (
          <Paper key={goal.id} withBorder radius="md" p="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text fw={600}>
                {index + 1}. {goal.description}
              </Text>
              <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                Due {formatDate(goal.dueOn)}
              </Badge>
            </Group>
            <DataList mt="xs" labelWidth={150}>
              <DataList.Item>
                <DataList.ItemLabel>{goalLabels.successCriteria}</DataList.ItemLabel>
                <DataList.ItemValue>{goal.successCriteria}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{goalLabels.supportNeeded}</DataList.ItemLabel>
                <DataList.ItemValue>{goal.supportNeeded}</DataList.ItemValue>
              </DataList.Item>
            </DataList>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
