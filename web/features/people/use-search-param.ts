import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearchParams } from 'react-router';

/** A search box kept in the URL (?q=), so a search can be shared and survives reloads. */
export function useSearchParam(name = 'q') {
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get(name) ?? '';
  const [input, setInput] = useState(fromUrl);
  const [debounced] = useDebouncedValue(input.trim(), 300);
  const written = useRef(fromUrl);

  // The URL changed from outside the box (a link, back button): show what it says.
  useEffect(() => {
    if (fromUrl !== written.current) {
      written.current = fromUrl;
      setInput(fromUrl);
    }
  }, [fromUrl]);

  useEffect(() => {
    if (debounced === written.current) return;
    written.current = debounced;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debounced) next.set(name, debounced);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }, [debounced, name, setParams]);

  return { input, setInput, query: fromUrl };
}
