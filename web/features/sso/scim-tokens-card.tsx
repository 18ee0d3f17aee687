import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { CreatedScimToken, ScimToken } from '../../../shared/schemas/scim.ts';
import { QueryError } from '../../components/ui/query-error.tsx';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useCreateScimToken, useRevokeScimToken, useScimTokens } from './api.ts';
import { CopyField } from './copy-field.tsx';

function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateScimToken();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedScimToken | null>(null);
  const [error, setError] = useState<string | null>(null);

  function close() {
    setName('');
    setCreated(null);
    setError(null);
    create.reset();
    onClose();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Name is required.');
    setError(null);
    create.mutate({ name: name.trim() }, { onSuccess: setCreated });
  }

  return (
    <Modal opened={opened} onClose={close} title="New SCIM token" size="lg">
      {created ? (
        <Stack gap="md">
          <Alert color="blue" title="Copy it now">
            This is the only time the token is shown. Paste it into your identity provider’s
            provisioning settings as the API token (bearer token).
          </Alert>
          <CopyField label="SCIM token" value={created.token} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {create.isError && (
              <Alert color="red" role="alert" title="No token was created">
                {messageOf(create.error)}
              </Alert>
            )}
            <TextInput
              label="Name"
              description="Which identity provider will use it, for example “Okta production”."
              required
              maxLength={80}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={error}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RevokeModal({ token, onClose }: { token: ScimToken | null; onClose: () => void }) {
  const revoke = useRevokeScimToken();
  return (
    <Modal opened={token !== null} onClose={onClose} title="Revoke this token?">
      <Stack gap="md">
        <Text>
          Provisioning with “{token?.name}” stops at once. This cannot be undone; create a new token
          if you need one again.
        </Text>
        {revoke.isError && (
          <Alert color="red" role="alert" title="The token was not revoked">
            {messageOf(revoke.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() =>
              token &&
              revoke.mutate(token.id, {
                onSuccess: () => {
                  revoke.reset();
                  onClose();
                },
              })
            }
          >
            Revoke
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** SCIM provisioning: the base URL and the bearer tokens identity providers use. */
export function ScimTokensCard({ scimBaseUrl }: { scimBaseUrl: string }) {
  const tokens = useScimTokens();
  const [isCreating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} fz="lg">
              Provisioning (SCIM 2.0)
            </Title>
            <Text c="dimmed" size="sm" maw={620}>
              Your identity provider can add people, keep their details and managers up to date, and
              deactivate leavers. Deactivation signs the person out everywhere at once.
            </Text>
          </div>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
          >
            New token
          </Button>
        </Group>
        <CopyField
          label="SCIM base URL"
          value={scimBaseUrl}
          description="Also called the tenant URL or SCIM connector base URL."
        />
        {tokens.isPending && <Skeleton height={80} />}
        {tokens.isError && (
          <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
        )}
        {tokens.data && tokens.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            No tokens yet.
          </Text>
        )}
        {tokens.data && tokens.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                    <Table.Td>
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}
                    </Table.Td>
                    <Table.Td ta="right">
                      {token.revokedAt ? (
                        <Badge color="gray" variant="light">
                          Revoked
                        </Badge>
                      ) : (
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          onClick={() => setRevoking(token)}
                          aria-label={`Revoke ${token.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <CreateTokenModal opened={isCreating} onClose={() => setCreating(false)} />
      <RevokeModal token={revoking} onClose={() => setRevoking(null)} />
    </Paper>
  );
}
