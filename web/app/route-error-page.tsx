import { Button, Container, EmptyState, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRouteError } from 'react-router';
import { usePageTitle } from '../lib/page-title.ts';

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script/i.test(error.message)
  );
}

/** Shown when a page fails to render: says so plainly and offers a way out. */
export function RouteErrorPage({ isInShell = false }: { isInShell?: boolean }) {
  const error = useRouteError();
  usePageTitle('Something went wrong');
  // A new version was deployed while this tab was open: reloading fetches it.
  const description = isChunkLoadError(error)
    ? 'Trajectory was updated since this tab was opened. Reload the page to get the new version.'
    : 'This page hit an unexpected problem. Nothing you saved was lost. Reload the page, or go back to the home page.';
  return (
    <Container size={640} py="xl" component={isInShell ? 'div' : 'main'}>
      <EmptyState variant="light" color="red" icon={<IconAlertTriangle size={28} aria-hidden />}>
        <EmptyState.Title order={1}>Something went wrong</EmptyState.Title>
        <EmptyState.Description>{description}</EmptyState.Description>
        <EmptyState.Actions>
          <Group>
            <Button onClick={() => window.location.reload()}>Reload the page</Button>
            <Button variant="default" component="a" href="/">
              Go to the home page
            </Button>
          </Group>
        </EmptyState.Actions>
      </EmptyState>
    </Container>
  );
}
