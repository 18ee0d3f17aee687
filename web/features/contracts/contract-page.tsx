import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconCircleCheck,
  IconCircleDashed,
  IconDownload,
  IconPencil,
} from '@tabler/icons-react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Contract } from '../../../shared/schemas/contracts.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { useAgreeContract, useContract } from './api.ts';
import { ContractCheckIns } from './contract-check-ins.tsx';
import { ContractCommitments } from './contract-commitments.tsx';
import { ContractOutcome } from './contract-outcome.tsx';
import { ContractPlan } from './contract-plan.tsx';
import { ContractVersions } from './contract-versions.tsx';
import { HandoverNotes } from './handover-notes.tsx';
import { contractStatusLabels } from './labels.ts';

function Side({ label, at }: { label: string; at: string | null }) {
  return (
    <Group gap="xs" wrap="nowrap">
      {at ? (
        <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" aria-hidden />
      ) : (
        <IconCircleDashed size={20} color="var(--mantine-color-dimmed)" aria-hidden />
      )}
      <Text size="sm">
        <Text span fw={600}>
          {label}:
        </Text>{' '}
        {at ? `agreed ${formatDateTime(at)}` : 'not yet agreed'}
      </Text>
    </Group>
  );
}

/** Where agreement stands on the current version, said plainly, with the actor's button. */
function AgreementPanel({ contract }: { contract: Contract }) {
  const session = useSignedInSession();
  const agree = useAgreeContract(contract.id);
  const current = contract.versions.at(-1);
  if (!current) return null;
  const isEngineer = session.person.id === contract.engineer.id;
  const mine = isEngineer ? current.engineerAgreedAt : current.managerAgreedAt;
  const hasChangedSinceAgreed =
    contract.agreedVersion !== null && contract.agreedVersion !== current.version;
  const [color, title, text] = current.isAgreed
    ? ['teal', `Agreed by both — version ${current.version}`, 'You both signed up to this version.']
    : hasChangedSinceAgreed
      ? [
          'yellow',
          `Version ${current.version} needs both of you to agree again`,
          `The plan changed after you both agreed to version ${contract.agreedVersion}. Until both of you agree to version ${current.version}, version ${contract.agreedVersion} is the one you both signed up to. Compare them under Versions.`,
        ]
      : [
          'blue',
          'Not agreed yet',
          `The contract becomes active once both of you agree to the same version (now version ${current.version}).`,
        ];
  return (
    <Alert
      color={color}
      variant="light"
      title={title}
      // Mantine's yellow title text is too faint on its own background (WCAG AA).
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Side label={`${contract.engineer.name} (engineer)`} at={current.engineerAgreedAt} />
          <Side
            label={`${current.managerAgreedBy?.name ?? contract.currentManager?.name ?? 'Manager'} (manager)`}
            at={current.managerAgreedAt}
          />
        </SimpleGrid>
        {contract.abilities.agree && !mine && (
          <Group>
            <Button
              loading={agree.isPending}
              onClick={() => agree.mutate({ version: current.version })}
            >
              I agree to version {current.version}
            </Button>
          </Group>
        )}
        {agree.isError && (
          <Text c="red" size="sm" role="alert">
            {messageOf(agree.error)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** One development contract: agreement, the plan, commitments, check-ins, versions, outcome. */
export default function ContractPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'plan';
  const contract = useContract(id);

  if (contract.isPending)
    return (
      <Page>
        <Skeleton h={36} w={320} mb="lg" />
        <Skeleton h={420} radius="md" />
      </Page>
    );
  if (contract.isError)
    return (
      <Page>
        <QueryError error={contract.error} onRetry={() => void contract.refetch()} />
      </Page>
    );
  const data = contract.data;
  const current = data.versions.at(-1);
  const status = contractStatusLabels[data.status];
  const openCount = data.commitments.filter((c) => !c.isDone).length;
  const overdue = data.commitments.filter((c) => c.isOverdue).length;
  return (
    <Page>
      <PageHeader
        before={
          <Anchor component={Link} to={`/people/${data.engineer.id}/contracts`} size="sm">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} aria-hidden /> All contracts of {data.engineer.name}
            </Group>
          </Anchor>
        }
        title={`Development contract — ${data.engineer.name}`}
        documentTitle="Development contract"
        description={
          <Group gap="xs" component="span">
            <Badge color={status.color} variant="light" component="span">
              {status.label}
            </Badge>
            <Text span c="dimmed">
              {data.currentManager ? `With ${data.currentManager.name}` : 'No manager today'}
              {data.nextReviewOn ? ` · next review ${formatDate(data.nextReviewOn)}` : ''}
              {data.lastReviewedAt ? ` · last reviewed ${formatDate(data.lastReviewedAt)}` : ''}
            </Text>
          </Group>
        }
        actions={
          <Group gap="xs">
            {data.abilities.edit && (
              <Button
                component={Link}
                to={`/contracts/${data.id}/edit`}
                leftSection={<IconPencil size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
            {data.abilities.export && (
              <>
                <Button
                  component="a"
                  href={`/api/contracts/${data.id}/export?format=pdf`}
                  download
                  variant="default"
                  leftSection={<IconDownload size={16} aria-hidden />}
                >
                  PDF
                </Button>
                <Button
                  component="a"
                  href={`/api/contracts/${data.id}/export?format=markdown`}
                  download
                  variant="default"
                  leftSection={<IconDownload size={16} aria-hidden />}
                >
                  Markdown
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Stack gap="lg">
        <AgreementPanel contract={data} />
        {data.handovers.length > 0 && <HandoverNotes engineerId={data.engineer.id} />}
        <Tabs
          value={tab}
          onChange={(value) =>
            setSearch(value && value !== 'plan' ? { tab: value } : {}, { replace: true })
          }
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="plan">Plan</Tabs.Tab>
            <Tabs.Tab
              value="commitments"
              rightSection={
                overdue > 0 ? (
                  <Badge size="xs" color="red" variant="filled">
                    {overdue} overdue
                  </Badge>
                ) : openCount > 0 ? (
                  <Badge size="xs" variant="light" color="gray">
                    {openCount}
                  </Badge>
                ) : null
              }
            >
              Commitments
            </Tabs.Tab>
            <Tabs.Tab
              value="check-ins"
              rightSection={
                data.isCheckInOverdue ? (
                  <Badge size="xs" color="red" variant="filled">
                    due
                  </Badge>
                ) : null
              }
            >
              Check-ins
            </Tabs.Tab>
            <Tabs.Tab value="versions">Versions ({data.versions.length})</Tabs.Tab>
            <Tabs.Tab value="outcome">Outcome</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="plan" pt="lg">
            {current && <ContractPlan version={current} />}
            {data.linkedConversations.length > 0 && (
              <Stack gap={4} mt="lg">
                <Text fw={600}>Conversations about this contract</Text>
                {data.linkedConversations.map((c) => (
                  <Anchor key={c.id} component={Link} to={`/conversations/${c.id}`} size="sm">
                    {formatDateTime(c.startsAt)} —{' '}
                    {c.kind === 'close_gap' ? 'closing the gap' : c.kind.replace('_', ' ')}
                  </Anchor>
                ))}
              </Stack>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="commitments" pt="lg">
            <ContractCommitments contract={data} />
          </Tabs.Panel>
          <Tabs.Panel value="check-ins" pt="lg">
            <ContractCheckIns contract={data} />
          </Tabs.Panel>
          <Tabs.Panel value="versions" pt="lg">
            <ContractVersions contract={data} />
          </Tabs.Panel>
          <Tabs.Panel value="outcome" pt="lg">
            <ContractOutcome contract={data} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Page>
  );
}
