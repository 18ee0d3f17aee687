import { useEffect } from 'react';

/** Sets document.title so every page has its own title (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Trajectory` : 'Trajectory';
  }, [title]);
}
