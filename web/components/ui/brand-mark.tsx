import { ThemeIcon } from '@mantine/core';
import { IconTrendingUp } from '@tabler/icons-react';

/** The Trajectory mark: decorative, the name is always written next to it. */
export function BrandMark() {
  return (
    <ThemeIcon size={32} radius="md" variant="filled" aria-hidden>
      <IconTrendingUp size={20} />
    </ThemeIcon>
  );
}
