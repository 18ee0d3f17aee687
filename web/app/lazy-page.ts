import { lazy } from 'react';
import type { ComponentType } from 'react';

/** A page loaded on first visit, so each page is its own chunk and the first load stays small. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  return lazy(load);
}
