import { SMTPServer } from 'smtp-server';
import PostalMime from 'postal-mime';
import type { Email } from 'postal-mime';

/** A real SMTP server on loopback that keeps every message it accepts, parsed. */
export async function startSmtpSink(
  port = 0,
): Promise<{ port: number; messages: Email[]; raw: string[]; close(): Promise<void> }> {
  const messages: Email[] = [];
  const raw: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        raw.push(text);
        PostalMime.parse(text)
          .then((email) => {
            messages.push(email);
            callback();
          })
          .catch((error: unknown) =>
            callback(error instanceof Error ? error : new Error(String(error))),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: boundPort,
    messages,
    raw,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
