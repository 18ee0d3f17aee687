import {
  Anchor,
  Avatar,
  Badge,
  Group,
  Paper,
  Stack,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { Link } from 'react-router';
import type { ObligationView } from '../../../shared/schemas/cadence.ts';
import { initialsOf } from '../../components/ui/initials.ts';
import { dueText, obligationLink, obligationTitle, stateColors } from '../../lib/cadence.ts';
import { formatDateTime } from '../../lib/dates.ts';

const stateWords: Record<ObligationView['state'], string> = {
  overdue: 'Overdue',
  due: 'Due soon',
  upcoming: 'Coming up',
  done: 'Done',
};

/** One obligation: who, what, when (from the cadence engine) and where to act on it. */
export function ObligationRow({
  obligation,
  viewerId,
  withPerson = false,
}: {
  obligation: ObligationView;
  viewerId: string;
  withPerson?: boolean;
}) {
  const link = obligationLink(obligation, viewerId);
  const title = obligationTitle(obligation, viewerId);
  return (
    <Paper component="li" withBorder radius="md" px="md" py="sm">
      <Group wrap="nowrap" gap="sm" align="center">
        {withPerson && (
          <Avatar radius="xl" size={36} color="indigo" aria-hidden>
            {initialsOf(obligation.engineer.name)}
          </Avatar>
        )}
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={550} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          <Group gap={8}>
            <Tooltip label={`Due ${formatDateTime(obligation.dueAt)}`} withArrow>
              <Text
                size="xs"
                c={obligation.state === 'overdue' ? 'red' : 'dimmed'}
                fw={obligation.state === 'overdue' ? 600 : 400}
                tabIndex={0}
              >
                {dueText(obligation)}
              </Text>
            </Tooltip>
            <Text size="xs" c="dimmed" visibleFrom="sm" lineClamp={1}>
              {obligation.reason}
            </Text>
          </Group>
        </Stack>
        <Badge
          color={stateColors[obligation.state]}
          variant={obligation.state === 'overdue' ? 'filled' : 'light'}
          visibleFrom="xs"
          style={{ flexShrink: 0 }}
        >
          {stateWords[obligation.state]}
        </Badge>
        <Anchor component={Link} to={link.to} size="sm" fw={500} style={{ flexShrink: 0 }}>
          {link.label}
          <VisuallyHidden> — {title}</VisuallyHidden>
        </Anchor>
      </Group>
    </Paper>
  );
}

/** A list of obligations, or a calm sentence when there is none. */
export function ObligationList({
  obligations,
  viewerId,
  withPerson = false,
  empty,
  label,
}: {
  obligations: readonly ObligationView[];
  viewerId: string;
  withPerson?: boolean;
  empty: string;
  label: string;
}) {
  if (obligations.length === 0)
    return (
      <Paper withBorder radius="md" p="md">
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      </Paper>
    );
  return (
    <Stack
      component="ul"
      gap="xs"
      aria-label={label}
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {obligations.map((o) => (
        <ObligationRow
          key={`${o.kind}-${o.engineer.id}-${o.conversation?.id ?? ''}`}
          obligation={o}
          viewerId={viewerId}
          withPerson={withPerson}
        />
      ))}
    </Stack>
  );
}
