import { Modal } from '@mantine/core';
import type { ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** A Mantine Modal that takes the whole screen on phones, where a floating dialog is cramped. */
export function ResponsiveModal(props: ModalProps) {
  const isPhone = useMediaQuery('(max-width: 36em)');
  return <Modal fullScreen={isPhone} {...props} />;
}
