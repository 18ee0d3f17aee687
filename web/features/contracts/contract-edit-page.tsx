import { useState } from 'react';
import { Alert, Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Contract, ContractVersion } from '../../../shared/schemas/contracts.ts';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { ApiError } from '../../lib/api.ts';
import { useContract, useSaveContract } from './api.ts';
import { ContractFields, useContractForm, valuesFromVersion } from './contract-form.tsx';

function EditForm({ contract, current }: { contract: Contract; current: ContractVersion }) {
  const form = useContractForm(valuesFromVersion(current));
  const save = useSaveContract(contract.id);
  const navigate = useNavigate();
  const [baseVersion, setBaseVersion] = useState(contract.version);
  const [stale, setStale] = useState<Contract | null>(null);

  async function submit() {
    const input = form.validate();
    if (!input) return;
    try {
      await save.mutateAsync({ ...input, baseVersion });
      void navigate(`/contracts/${contract.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        const now = error.current as Contract;
        setStale(now);
        // The user has now seen that someone saved; saving again builds on their version.
        setBaseVersion(now.version);
        return;
      }
      form.showServerError(error, form.labels);
    }
  }

  return (
    <Stack gap="lg">
      {stale && (
        <Alert
          color="orange"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
          variant="light"
          title="Someone saved a newer version while you were editing"
          role="alert"
        >
          <Text size="sm">
            {stale.versions.at(-1)?.savedBy?.name ?? 'The other person'} saved version{' '}
            {stale.version}. Your text is kept here. Compare it with theirs under{' '}
            <Anchor component={Link} to={`/contracts/${contract.id}?tab=versions`} target="_blank">
              Versions
            </Anchor>{' '}
            (opens in a new tab), merge what matters, then save again to make version{' '}
            {stale.version + 1}.
          </Text>
        </Alert>
      )}
      <ContractFields form={form} isNewVersion />
      <Group justify="flex-end">
        <Button variant="default" component={Link} to={`/contracts/${contract.id}`}>
          Cancel
        </Button>
        <Button loading={save.isPending} onClick={() => void submit()}>
          Save as version {baseVersion + 1}
        </Button>
      </Group>
    </Stack>
  );
}

/** Edit the contract: every save is a new version; agreement must then be given again. */
export default function ContractEditPage() {
  const { id = '' } = useParams();
  const contract = useContract(id);
  return (
    <Page size={860}>
      <PageHeader
        before={
          <Anchor component={Link} to={`/contracts/${id}`} size="sm">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} aria-hidden /> Back to the contract
            </Group>
          </Anchor>
        }
        title={
          contract.data ? `Edit the contract — ${contract.data.engineer.name}` : 'Edit the contract'
        }
        documentTitle="Edit development contract"
      />
      {contract.isPending && <Skeleton h={480} radius="md" />}
      {contract.isError && (
        <QueryError error={contract.error} onRetry={() => void contract.refetch()} />
      )}
      {contract.isSuccess &&
        (contract.data.abilities.edit && contract.data.versions.at(-1) ? (
          <EditForm
            contract={contract.data}
            current={contract.data.versions.at(-1) as ContractVersion}
          />
        ) : (
          <Alert color="gray" variant="light">
            This contract is closed or you cannot change it.
          </Alert>
        ))}
    </Page>
  );
}
