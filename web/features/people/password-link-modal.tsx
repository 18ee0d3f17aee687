import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { ResponsiveModal } from '../../components/ui/responsive-modal.tsx';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { messageOf } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useCreatePasswordLink } from './api.ts';

type Purpose = 'invite' | 'reset';

/**
 * Creates a one-time sign-in link for a person and shows it with a copy button.
 * Returns `open(person, purpose)` and the modal to render.
 */
export function usePasswordLinkDialog() {
  const [target, setTarget] = useState<{ id: string; name: string; purpose: Purpose } | null>(null);
  const create = useCreatePasswordLink();

  function open(person: { id: string; name: string }, purpose: Purpose) {
    setTarget({ ...person, purpose });
    create.mutate({ personId: person.id, purpose });
  }

  function close() {
    setTarget(null);
    create.reset();
  }

  const isInvite = target?.purpose === 'invite';
  const link = create.data;
  const dialog = (
    <ResponsiveModal
      opened={target !== null}
      onClose={close}
      title={isInvite ? `Invite ${target?.name ?? ''}` : `Reset ${target?.name ?? ''}'s password`}
      size="lg"
    >
      {create.isPending && (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden />
          <Text size="sm">Creating the link…</Text>
        </Group>
      )}
      {create.isError && (
        <Alert color="red" role="alert" title="No link was created">
          {messageOf(create.error)}
        </Alert>
      )}
      {link && (
        <Stack gap="md">
          <Text size="sm">
            {link.isEmailed
              ? `We emailed this link to ${target?.name ?? 'them'}. You can also share it yourself.`
              : `Email is not set up on this server, so send this link to ${target?.name ?? 'them'} yourself, privately.`}{' '}
            It works once, until {formatDateTime(link.expiresAt)}. Any earlier link stops working.
          </Text>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={isInvite ? 'Invitation link' : 'Password reset link'}
              value={link.url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="password-link"
            />
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'teal' : undefined}
                  leftSection={
                    copied ? (
                      <IconCheck size={16} aria-hidden />
                    ) : (
                      <IconCopy size={16} aria-hidden />
                    )
                  }
                  onClick={copy}
                >
                  {copied ? 'Copied' : 'Copy link'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      )}
    </ResponsiveModal>
  );
  return { open, dialog };
}
