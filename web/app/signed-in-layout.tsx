import { Suspense, useEffect, useRef } from 'react';
import {
  Anchor,
  AppShell,
  Burger,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Navigate, Link, Outlet, useLocation } from 'react-router';
import type { Session } from '../../shared/schemas/auth.ts';
import { BrandMark } from '../components/ui/brand-mark.tsx';
import { QueryError } from '../components/ui/query-error.tsx';
import { useSession } from '../lib/session.ts';
import { ColorSchemeMenu } from './color-scheme-menu.tsx';
import { FullPageLoader } from './full-page-loader.tsx';
import { navItems } from './nav.tsx';
import { UserMenu } from './user-menu.tsx';
import classes from './app-shell.module.css';

function isCurrent(itemPath: string, pathname: string): boolean {
  return itemPath === '/'
    ? pathname === '/'
    : pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}

function Navigation({ session, onNavigate }: { session: Session; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const visible = navItems.filter((item) => !item.isVisible || item.isVisible(session));
  // The most specific matching item is the current page (so /admin/people/import marks "Manage people").
  const current = visible
    .filter((item) => isCurrent(item.to, pathname))
    .sort((a, b) => b.to.length - a.to.length)[0];
  const renderItem = (item: (typeof visible)[number]) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={item.icon}
      active={item === current}
      aria-current={item === current ? 'page' : undefined}
      className={classes.navLink}
      onClick={onNavigate}
    />
  );
  const admin = visible.filter((item) => item.section === 'admin');
  return (
    <Stack gap={4}>
      {visible.filter((item) => item.section === 'main').map(renderItem)}
      {admin.length > 0 && (
        <>
          <Divider my="sm" />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
            Administration
          </Text>
          {admin.map(renderItem)}
        </>
      )}
    </Stack>
  );
}

/** The app shell for signed-in people; anyone else is sent to sign in and brought back after. */
export function SignedInLayout() {
  const session = useSession();
  const location = useLocation();
  const [isNavOpen, nav] = useDisclosure(false);
  // Below the `sm` breakpoint a closed menu is only moved off screen; inert keeps it out of the tab order.
  const isPhone = useMediaQuery('(max-width: 48em)');
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (previousPath.current !== location.pathname) {
      previousPath.current = location.pathname;
      mainRef.current?.focus();
    }
  }, [location.pathname]);

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <main>
        <QueryError
          title="Could not check who is signed in"
          error={session.error}
          onRetry={() => void session.refetch()}
        />
      </main>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return (
      <Navigate
        to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`}
        replace
      />
    );
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <Anchor href="#main" className={classes.skipLink}>
        Skip to main content
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={isNavOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={isNavOpen}
            />
            <UnstyledButton component={Link} to="/" aria-label="Trajectory home">
              <Group gap="xs" wrap="nowrap">
                <BrandMark />
                <Text fw={700} visibleFrom="xs">
                  Trajectory
                </Text>
              </Group>
            </UnstyledButton>
            <Text c="dimmed" visibleFrom="md" truncate maw={280}>
              {session.data.organization.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeMenu />
            <UserMenu session={session.data} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation" inert={isPhone && !isNavOpen}>
        <AppShell.Section hiddenFrom="md" px="sm" pb="sm">
          <Text size="sm" c="dimmed" truncate>
            {session.data.organization.name}
          </Text>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Navigation session={session.data} onNavigate={nav.close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} className={classes.main}>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function PageSkeleton() {
  return (
    <Stack maw={960} gap="md" aria-busy="true" aria-label="Loading page">
      <Skeleton h={32} w="40%" />
      <Skeleton h={16} w="60%" />
      <Skeleton h={200} />
    </Stack>
  );
}
