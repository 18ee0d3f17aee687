import { LineCounter, isNode, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { ImportError, MAX_IMPORT_FILE_CHARS } from '../framework-model.ts';

export type Path = (string | number)[];

/**
 * Reads a parsed file and reports problems with a location a person can find: line and column for
 * YAML, a JSON pointer for JSON. Every `read*` method throws ImportError when the value is wrong.
 */
export class SourceReader {
  readonly warnings: string[] = [];

  constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly locate: (path: Path) => string,
  ) {}

  fail(path: Path, reason: string): never {
    throw new ImportError(this.file, this.locate(path), reason);
  }

  warn(path: Path, message: string): void {
    this.warnings.push(`${this.file}, ${this.locate(path)}: ${message}`);
  }

  at(path: Path): unknown {
    let current: unknown = this.value;
    for (const step of path) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string | number, unknown>)[step];
    }
    return current;
  }

  object(path: Path, what: string): Record<string, unknown> {
    const value = this.at(path);
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      this.fail(path, `${what} must be a mapping of keys to values (found ${kindOf(value)}).`);
    return value as Record<string, unknown>;
  }

  /** A list; null or absent gives [] when `isOptional`. */
  array(path: Path, what: string, isOptional = false): unknown[] {
    const value = this.at(path);
    if ((value === undefined || value === null) && isOptional) return [];
    if (!Array.isArray(value)) this.fail(path, `${what} must be a list (found ${kindOf(value)}).`);
    return value;
  }

  string(path: Path, what: string): string {
    const value = this.at(path);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(path, `${what} must be a non-empty text (found ${kindOf(value)}).`);
    return value.trim();
  }

  /** Text, or undefined when absent, null or blank. */
  optionalString(path: Path, what: string): string | undefined {
    const value = this.at(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string')
      this.fail(path, `${what} must be text (found ${kindOf(value)}).`);
    return value.trim() || undefined;
  }

  integer(path: Path, what: string): number {
    const value = this.at(path);
    const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number))
      this.fail(path, `${what} must be a whole number (found ${kindOf(value)}).`);
    return number;
  }

  /** Warns about keys the importer does not use, except those it deliberately skips. */
  warnUnknownKeys(path: Path, known: readonly string[], skipped: readonly string[] = []): void {
    const value = this.at(path);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (known.includes(key) || skipped.includes(key)) continue;
      this.warn([...path, key], `ignored unknown key "${key}".`);
    }
  }
}

export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value.trim() ? 'text' : 'empty text';
  return `a ${typeof value}`;
}

function refuseHuge(file: string, text: string): void {
  if (text.length > MAX_IMPORT_FILE_CHARS)
    throw new ImportError(
      file,
      null,
      `is too large (${Math.round(text.length / 1000)} kB); the limit is ${MAX_IMPORT_FILE_CHARS / 1_000_000} MB.`,
    );
}

/**
 * Parses YAML with positions. `firstLine` shifts reported lines (front matter starts on line 2).
 * Throws ImportError with line and column for syntax errors and duplicate keys.
 */
export function readYaml(file: string, text: string, firstLine = 1): SourceReader {
  refuseHuge(file, text);
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    throw new ImportError(file, null, `is not valid YAML: ${(error as Error).message}`);
  }
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line + firstLine - 1}, column ${col}`;
  };
  const [first] = doc.errors;
  if (first) {
    const offset = first.pos[0];
    const reason = first.message.split(' at line ')[0]?.split('\n')[0] ?? first.message;
    throw new ImportError(file, position(offset), `is not valid YAML: ${reason}.`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ImportError(file, null, `is not valid YAML: ${(error as Error).message}`);
  }
  const locate = (path: Path): string => {
    for (let n = path.length; n >= 0; n -= 1) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return position(node.range[0]);
    }
    return position(0);
  };
  return new SourceReader(file, value, locate);
}

/** Encodes a path as an RFC 6901 JSON pointer. */
export function jsonPointer(path: Path): string {
  return `/${path.map((step) => String(step).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/**
 * Parses strict JSON. Syntax errors are located by line and column (the text has no structure to
 * point into yet); everything after that is located by JSON pointer.
 */
export function readJson(file: string, text: string): SourceReader {
  refuseHuge(file, text);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    const [first] = doc.errors;
    const where = first
      ? `line ${lineCounter.linePos(first.pos[0]).line}, column ${lineCounter.linePos(first.pos[0]).col}`
      : null;
    throw new ImportError(file, where, `is not valid JSON: ${(error as Error).message}`);
  }
  return new SourceReader(file, value, (path) =>
    path.length ? `at ${jsonPointer(path)}` : 'at the top of the document',
  );
}
