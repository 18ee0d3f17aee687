import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Log ids, route patterns and outcomes; never passwords, tokens, cookies or
 * anything a person wrote. The redaction list is a second line of defence, not the first.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'cookie',
          '*.cookie',
          'authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
