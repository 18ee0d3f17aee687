import { Button, EmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconSearchOff, IconUsers } from '@tabler/icons-react';

export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading people">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} h={40} />
      ))}
    </Stack>
  );
}

export function NoPeople({
  query,
  onClear,
  children,
}: {
  query: string;
  onClear: () => void;
  children?: React.ReactNode;
}) {
  if (query) {
    return (
      <EmptyState
        py="xl"
        icon={<IconSearchOff size={28} aria-hidden />}
        withIndicatorBackground
        title={`Nobody matches "${query}"`}
        description="Try part of a name, an email address or a team."
      >
        <EmptyState.Actions>
          <Button variant="default" onClick={onClear}>
            Clear the search
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      py="xl"
      icon={<IconUsers size={28} aria-hidden />}
      withIndicatorBackground
      title="Nobody here yet"
      description="People appear here once an administrator adds them."
    >
      {children && <EmptyState.Actions>{children}</EmptyState.Actions>}
    </EmptyState>
  );
}

export function LoadMore({
  hasMore,
  isLoading,
  shown,
  onLoad,
}: {
  hasMore: boolean;
  isLoading: boolean;
  shown: number;
  onLoad: () => void;
}) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {hasMore
          ? `Showing the first ${shown} people`
          : shown === 1
            ? 'Showing the only match'
            : `Showing all ${shown} people`}
      </Text>
      {hasMore && (
        <Button variant="default" loading={isLoading} onClick={onLoad}>
          Show more
        </Button>
      )}
    </Group>
  );
}
