import type { ReactNode } from 'react';
import { Box } from '@mantine/core';

/** Width limit shared by every page inside the shell. */
export function Page({ children, size = 1100 }: { children: ReactNode; size?: number }) {
  return (
    <Box maw={size} mx="auto">
      {children}
    </Box>
  );
}
