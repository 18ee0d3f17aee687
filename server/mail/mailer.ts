import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** An iCalendar part (RFC 6047): the MIME method must match the body's METHOD. */
  calendar?: { method: string; content: string };
  /** A stable key; the same key always gives the same Message-ID, so receivers can drop duplicates. */
  messageId?: string;
}

export interface Mailer {
  /** False when no SMTP server is configured; callers then show links to the admin instead. */
  readonly isConfigured: boolean;
  /** Sends one message; throws when the SMTP server refuses it or cannot be reached. */
  send(message: MailMessage): Promise<void>;
}

/** SMTP through nodemailer when `SMTP_URL` is set; otherwise a mailer that only records the subject. */
export function createMailer(options: {
  smtpUrl: string | null;
  from: string;
  logger: Logger;
}): Mailer {
  if (!options.smtpUrl) {
    return {
      isConfigured: false,
      send: async (message) => {
        options.logger.info({ subject: message.subject }, 'mail not sent: SMTP_URL is not set');
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    isConfigured: true,
    send: async (message) => {
      const { calendar, messageId, ...rest } = message;
      await transport.sendMail({
        from: options.from,
        ...rest,
        ...(calendar ? { icalEvent: { method: calendar.method, content: calendar.content } } : {}),
        ...(messageId
          ? {
              messageId: `<${createHash('sha256').update(messageId).digest('hex').slice(0, 40)}@trajectory>`,
            }
          : {}),
      });
    },
  };
}
