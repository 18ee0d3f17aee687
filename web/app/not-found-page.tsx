import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Page } from '../components/ui/page.tsx';
import { usePageTitle } from '../lib/page-title.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Page size={640}>
      <EmptyState mt="xl" variant="light" icon={<IconMapOff size={28} aria-hidden />}>
        <EmptyState.Title order={1}>This page does not exist</EmptyState.Title>
        <EmptyState.Description>
          The address may have a typo, or the page has moved. Everything in Trajectory can be
          reached from the menu.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Button component={Link} to="/">
            Go to the home page
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Page>
  );
}
