import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { ResponsiveModal } from '../../components/ui/responsive-modal.tsx';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../../lib/api.ts';
import { useUpdatePerson } from './api.ts';

/** Confirms deactivating (which signs them out everywhere) or reactivating a person. */
export function ActivationModal({
  person,
  opened,
  onClose,
}: {
  person: { id: string; name: string; isActive: boolean };
  opened: boolean;
  onClose: () => void;
}) {
  const update = useUpdatePerson(person.id);
  const isDeactivating = person.isActive;

  function confirm() {
    update.mutate(
      { isActive: !isDeactivating },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            title: isDeactivating ? 'Person deactivated' : 'Person reactivated',
            message: isDeactivating
              ? `${saved.name} can no longer sign in.`
              : `${saved.name} is back in the directory. Send a new sign-in link if they need one.`,
          });
          onClose();
        },
      },
    );
  }

  return (
    <ResponsiveModal
      opened={opened}
      onClose={() => {
        update.reset();
        onClose();
      }}
      title={isDeactivating ? `Deactivate ${person.name}?` : `Reactivate ${person.name}?`}
    >
      <Stack gap="md">
        <Text size="sm">
          {isDeactivating
            ? `${person.name} will be signed out everywhere straight away and will not be able to sign in. They disappear from the directory and the org chart; their history is kept, and you can reactivate them at any time.`
            : `${person.name} will appear in the directory again and can sign in with their existing password.`}
        </Text>
        {update.isError && (
          <Alert color="red" role="alert">
            {messageOf(update.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={isDeactivating ? 'red' : undefined}
            loading={update.isPending}
            onClick={confirm}
          >
            {isDeactivating ? 'Deactivate' : 'Reactivate'}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}
