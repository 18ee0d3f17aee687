import { Anchor, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { UpcomingConversation } from '../../../shared/schemas/cadence.ts';
import { conversationKindLabels } from '../../lib/cadence.ts';
import { formatDateTime } from '../../lib/dates.ts';

/** The next career conversations the viewer takes part in, soonest first. */
export function UpcomingList({ items }: { items: readonly UpcomingConversation[] }) {
  if (items.length === 0)
    return (
      <Paper withBorder radius="md" p="md">
        <Text size="sm" c="dimmed">
          Nothing on the calendar yet.
        </Text>
      </Paper>
    );
  return (
    <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((c) => (
        <Paper component="li" key={c.id} withBorder radius="md" px="md" py="sm">
          <Group wrap="nowrap" gap="sm">
            <ThemeIcon variant="light" radius="md" size={34} aria-hidden>
              <IconCalendarEvent size={18} />
            </ThemeIcon>
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Anchor component={Link} to={`/conversations/${c.id}`} fw={550} size="sm">
                {conversationKindLabels[c.kind]} with {c.with.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatDateTime(c.startsAt)} · {c.durationMinutes} min
                {c.status === 'proposed' ? ' · waiting for confirmation' : ''}
              </Text>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
