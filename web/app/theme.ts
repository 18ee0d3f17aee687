import { createTheme } from '@mantine/core';
import type { CSSVariablesResolver } from '@mantine/core';
import classes from './theme.module.css';

/** Shades chosen so text on filled buttons, links and dimmed text meet WCAG AA contrast in both schemes. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 7 },
  autoContrast: true,
  defaultRadius: 'md',
  cursorType: 'pointer',
  respectReducedMotion: true,
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  // Icon-only close buttons need a name for screen readers. Plain objects rather than
  // Component.extend() so the components stay out of the first-load bundle.
  components: {
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      classNames: { description: classes.notificationDescription },
    },
  },
});

// Mantine's light variants put shade 6 text on a pale background, below 4.5:1; use darker text.
const READABLE_COLORS = ['indigo', 'teal', 'green', 'orange', 'gray', 'blue', 'yellow', 'grape'];
const lightOverrides = Object.fromEntries(
  READABLE_COLORS.flatMap((color) => [
    [`--mantine-color-${color}-text`, `var(--mantine-color-${color}-9)`],
    [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-9)`],
    [`--mantine-color-${color}-outline`, `var(--mantine-color-${color}-9)`],
    [`--mantine-color-${color}-light`, `var(--mantine-color-${color}-0)`],
    [`--mantine-color-${color}-light-hover`, `var(--mantine-color-${color}-1)`],
  ]),
);
const darkOverrides = Object.fromEntries(
  READABLE_COLORS.flatMap((color) => [
    [`--mantine-color-${color}-text`, `var(--mantine-color-${color}-3)`],
    [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-3)`],
    [`--mantine-color-${color}-outline`, `var(--mantine-color-${color}-4)`],
  ]),
);

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...lightOverrides,
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-red-text': 'var(--mantine-color-red-9)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-red-filled': 'var(--mantine-color-red-9)',
    '--mantine-color-red-filled-hover': 'var(--mantine-color-red-8)',
  },
  dark: {
    ...darkOverrides,
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--mantine-color-red-text': 'var(--mantine-color-red-4)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-3)',
    '--mantine-color-red-filled': 'var(--mantine-color-red-9)',
    '--mantine-color-red-filled-hover': 'var(--mantine-color-red-8)',
  },
});
