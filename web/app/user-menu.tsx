import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconUser } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Session } from '../../shared/schemas/auth.ts';
import { api, messageOf } from '../lib/api.ts';
import { endSession } from '../lib/session.ts';
import { initialsOf } from '../components/ui/initials.ts';

export function UserMenu({ session }: { session: Session }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  async function signOut() {
    try {
      await api('/api/session', { method: 'DELETE' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: messageOf(error) });
      return;
    }
    endSession(queryClient);
    await navigate('/sign-in', { replace: true });
  }

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${session.person.name}`} p={4}>
          <Group gap="xs" wrap="nowrap">
            <Avatar
              size={32}
              radius="xl"
              color="indigo"
              variant="filled"
              name={session.person.name}
            >
              {initialsOf(session.person.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={160}>
              {session.person.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{session.person.email}</Menu.Label>
        <Menu.Item
          component={Link}
          to={`/people/${session.person.id}`}
          leftSection={<IconUser size={16} aria-hidden />}
        >
          My page
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => void signOut()}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
