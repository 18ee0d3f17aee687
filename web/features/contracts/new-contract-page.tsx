import { Alert, Anchor, Button, Group, Skeleton, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Page } from '../../components/ui/page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryError } from '../../components/ui/query-error.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useCreateContract, usePerson, useSourceConversation } from './api.ts';
import { ContractFields, emptyContractValues, useContractForm } from './contract-form.tsx';

/** Write a new development contract for an engineer, optionally from a conversation. */
export default function NewContractPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const from = search.get('from');
  const person = usePerson(id);
  const source = useSourceConversation(from);
  const create = useCreateContract(id);
  const navigate = useNavigate();
  const form = useContractForm(emptyContractValues());

  async function save() {
    const input = form.validate();
    if (!input) return;
    try {
      const created = await create.mutateAsync({ ...input, sourceConversationId: from });
      void navigate(`/contracts/${created.id}`);
    } catch (error) {
      form.showServerError(error, form.labels);
    }
  }

  if (person.isError)
    return <QueryError error={person.error} onRetry={() => void person.refetch()} />;
  return (
    <Page size={860}>
      <PageHeader
        before={
          <Anchor component={Link} to={`/people/${id}/contracts`} size="sm">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} aria-hidden /> Development contracts
            </Group>
          </Anchor>
        }
        title={
          person.data ? `A development contract for ${person.data.name}` : 'A development contract'
        }
        documentTitle="New development contract"
        description="Write it together: what is being built and why, who does what, how you will both know it works, when you look at it again, and what cannot be promised."
      />
      {person.isPending ? (
        <Skeleton h={400} radius="md" />
      ) : (
        <Stack gap="lg">
          {source.data && (
            <Alert variant="light" color="blue" title="Written from a conversation">
              This contract will be linked to the closing-the-gap conversation of{' '}
              {formatDateTime(source.data.startsAt)}.
            </Alert>
          )}
          <ContractFields form={form} isNewVersion={false} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={`/people/${id}/contracts`}>
              Cancel
            </Button>
            <Button loading={create.isPending} onClick={() => void save()}>
              Save the draft
            </Button>
          </Group>
        </Stack>
      )}
    </Page>
  );
}
