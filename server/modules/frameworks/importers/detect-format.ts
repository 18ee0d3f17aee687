import type { ImportFormat } from '../../../../shared/schemas/frameworks.ts';
import { ImportError } from '../framework-model.ts';
import type { FrameworkModel, ImportFile } from '../framework-model.ts';
import { importFinancialTimes } from './financial-times.importer.ts';
import { importMonzo } from './monzo.importer.ts';
import { importNative } from './native.format.ts';
import { importUnidays } from './unidays.importer.ts';

/** Guesses a file's format from its name and first lines; null when nothing matches. */
export function detectFormat(file: ImportFile): ImportFormat | null {
  const head = file.content
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 4000);
  if (head.includes('trajectory-framework/')) return 'native';
  if (/\.(md|markdown)$/i.test(file.name) || head.startsWith('---')) return 'monzo';
  if (head.startsWith('{') || /\.json$/i.test(file.name)) return 'unidays';
  if (/^(levels|themes|competencies):/m.test(head)) return 'financial-times';
  return null;
}

/** Runs the importer for the format (detected when `auto`); throws ImportError. */
export function parseFramework(
  files: ImportFile[],
  format: ImportFormat | 'auto',
): { format: ImportFormat; model: FrameworkModel; warnings: string[] } {
  let chosen: ImportFormat;
  if (format === 'auto') {
    const detected = files.map(detectFormat);
    const first = detected[0];
    const unknown = files.find((_, i) => detected[i] === null);
    if (unknown)
      throw new ImportError(
        unknown.name,
        null,
        'is not a format Trajectory recognises; choose the format explicitly.',
      );
    if (!first || detected.some((d) => d !== first))
      throw new ImportError(
        files.map((f) => f.name).join(', '),
        null,
        'mix several formats; import one format at a time.',
      );
    chosen = first;
  } else {
    chosen = format;
  }
  switch (chosen) {
    case 'native': {
      const [only, ...rest] = files;
      if (!only || rest.length > 0)
        throw new ImportError(
          files.map((f) => f.name).join(', '),
          null,
          'a native framework is one file; import them one at a time.',
        );
      return { format: chosen, ...importNative(only) };
    }
    case 'monzo':
      return { format: chosen, ...importMonzo(files) };
    case 'financial-times':
      return { format: chosen, ...importFinancialTimes(files) };
    case 'unidays':
      return { format: chosen, ...importUnidays(files) };
  }
}
