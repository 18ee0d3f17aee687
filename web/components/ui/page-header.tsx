import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '../../lib/page-title.ts';

/** The page's one h1, its document title, an optional sentence and actions on the right. */
export function PageHeader({
  title,
  documentTitle,
  description,
  actions,
  before,
}: {
  title: ReactNode;
  /** The browser tab's title when `title` is not plain text. */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
  before?: ReactNode;
}) {
  usePageTitle(documentTitle ?? (typeof title === 'string' ? title : ''));
  return (
    <Stack gap={4} mb="xl">
      {before}
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} style={{ flex: '1 1 320px' }}>
          <Title order={1} fz={{ base: 26, sm: 30 }}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" maw={680}>
              {description}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}
