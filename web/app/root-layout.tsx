import { Suspense } from 'react';
import { Anchor, Box, Center, Container, Group, Paper, Text } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { QueryError } from '../components/ui/query-error.tsx';
import { useSetupStatus } from '../lib/session.ts';
import { BrandMark } from '../components/ui/brand-mark.tsx';
import { FullPageLoader } from './full-page-loader.tsx';
import classes from './app-shell.module.css';

/** Sends everyone to the setup page while the organisation has no admin, and away from it after. */
export function RootLayout() {
  const setup = useSetupStatus();
  const { pathname } = useLocation();
  if (setup.isPending) return <FullPageLoader />;
  if (setup.isError) {
    return (
      <Container size="sm" py="xl" component="main">
        <QueryError
          title="Trajectory is not answering"
          error={setup.error}
          onRetry={() => void setup.refetch()}
        />
      </Container>
    );
  }
  const isSetupPage = pathname === '/setup';
  if (setup.data.isSetupNeeded && !isSetupPage) return <Navigate to="/setup" replace />;
  if (!setup.data.isSetupNeeded && isSetupPage) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** A calm, centred card for pages used before signing in. */
export function PublicLayout() {
  return (
    <Box className={classes.publicBackground} mih="100vh">
      <Anchor href="#main" className={classes.skipLink}>
        Skip to main content
      </Anchor>
      <Container size={460} py={48}>
        <Group justify="center" mb="lg" component="header">
          <BrandMark />
          <Text fw={700} fz="xl">
            Trajectory
          </Text>
        </Group>
        <Paper component="main" id="main" tabIndex={-1} withBorder shadow="sm" radius="lg" p="xl">
          <Suspense
            fallback={
              <Center py="xl">
                <Text c="dimmed">Loading…</Text>
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </Paper>
      </Container>
    </Box>
  );
}
