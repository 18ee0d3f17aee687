/** Tiny `--name value` / `--flag` parser for the bench scripts. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) args.set(name, inline);
    else if (next !== undefined && !next.startsWith('--')) {
      args.set(name, next);
      i += 1;
    } else args.set(name, 'true');
  }
  return args;
}

/** People in a named size: 1k, 10k, 100k (or a plain number). */
export function peopleOfSize(size: string): number {
  const match = /^(\d+)(k?)$/i.exec(size.trim());
  if (!match) throw new Error(`--size must be like 1k, 10k, 100k or a number (got "${size}")`);
  return Number(match[1]) * (match[2] ? 1000 : 1);
}
