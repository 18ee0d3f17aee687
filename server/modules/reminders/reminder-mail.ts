import { formatStartInZone } from '../../../shared/schemas/conversations.ts';
import type { SummaryFields } from '../../../shared/schemas/conversations.ts';
import { kindInfos } from '../conversations/question-banks.content.ts';
import type { DigestLine, PlannedReminder } from './reminder-rules.ts';

/*
 * Reminder mail, written in our own words. The one rule about content: a message may carry a
 * pair's own summary only when it goes to one of that pair and the organisation has not made all
 * mail link-only. Everything else — and every message to anyone else — carries links only.
 */

export interface MailParty {
  id: string;
  name: string;
  email: string;
  timezone: string;
}

export interface ComposedMail {
  /** The outbox kind; kinds ending in `.with_summary` carry content an admin does not read. */
  kind: string;
  subject: string;
  text: string;
}

export const CONTENT_KIND_SUFFIX = '.with_summary';

/** Whether a message to `recipientId` may carry the pair's own content. */
export function mayCarryPairContent(
  recipientId: string,
  pair: { engineerId: string; managerId: string },
  isLinkOnly: boolean,
): boolean {
  return !isLinkOnly && (recipientId === pair.engineerId || recipientId === pair.managerId);
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
const when = (at: string, party: MailParty) => formatStartInZone(at, party.timezone);
const footer = (baseUrl: string) =>
  `\n\n—\nTrajectory. Choose which reminders you get: ${baseUrl}/settings/notifications`;

function summaryBlock(summary: SummaryFields): string {
  const section = (title: string, body: string) =>
    body.trim() ? `${title}\n${body.trim()}\n\n` : '';
  return (
    '\n\n--- The summary ---\n\n' +
    section('What you discussed', summary.discussed) +
    section('Goals', summary.goals) +
    section('Your manager will', summary.managerActions) +
    section('You will', summary.engineerActions) +
    (summary.nextCheckInOn ? `Next check-in: ${summary.nextCheckInOn}\n` : '') +
    '--- End of the summary ---'
  );
}

/**
 * The message for one planned reminder. `summary` is used only for the acknowledgement mail and
 * only when `mayCarryPairContent` allows it.
 */
export function composeReminder(input: {
  reminder: PlannedReminder;
  recipient: MailParty;
  engineer: MailParty;
  manager: MailParty;
  baseUrl: string;
  isLinkOnly: boolean;
  summary: SummaryFields | null;
}): ComposedMail {
  const { reminder, recipient, engineer, manager, baseUrl } = input;
  const hi = `Hi ${firstName(recipient.name)},\n\n`;
  const end = footer(baseUrl);
  if (reminder.type === 'plan_check') {
    return {
      kind: 'reminder.plan_check',
      subject: 'Time for your monthly plan check',
      text:
        `${hi}How is your development plan going? A quick check-in — on track, at risk or off ` +
        `track, with a line about why — keeps the plan alive between conversations. It is due by ` +
        `${when(reminder.dueAt, recipient)}.\n\nCheck in on your plan: ${baseUrl}/contract${end}`,
    };
  }
  const c = reminder.conversation;
  const kindLabel = kindInfos[c.kind].label.toLowerCase();
  const link = `${baseUrl}/conversations/${c.id}`;
  switch (reminder.type) {
    case 'engineer_prep':
      return {
        kind: 'reminder.engineer_prep',
        subject: `Prepare for your career conversation on ${when(c.startsAt, recipient)}`,
        text:
          `${hi}Your ${kindLabel} with ${manager.name} is on ${when(c.startsAt, recipient)}. ` +
          `A few minutes with the prep prompts beforehand helps you say what you really want. ` +
          `What you write stays private until you choose to share it.\n\n` +
          `Prepare: ${link}${end}`,
      };
    case 'manager_prep':
      return {
        kind: 'reminder.manager_prep',
        subject: `Your career conversation with ${engineer.name} is coming up`,
        text:
          `${hi}You meet ${engineer.name} for a ${kindLabel} on ${when(c.startsAt, recipient)}. ` +
          `Before you go in: look back at what was agreed last time and whether it happened, ` +
          `place them against the framework, and bring an opportunity or two.\n\n` +
          `Open the prep checklist: ${link}${end}`,
      };
    case 'summary_due':
      return {
        kind: 'reminder.summary_due',
        subject: `Summary due: your conversation with ${engineer.name}`,
        text:
          `${hi}Thanks for holding the ${kindLabel} with ${engineer.name}. The summary is due by ` +
          `${when(reminder.dueAt, recipient)}; writing it while the conversation is fresh takes ` +
          `a few minutes.\n\nWrite the summary: ${link}${end}`,
      };
    case 'summary_overdue':
      return {
        kind: 'reminder.summary_overdue',
        subject: `Overdue: the summary for ${engineer.name}`,
        text:
          `${hi}The summary of your ${kindLabel} with ${engineer.name} was due by ` +
          `${when(reminder.dueAt, recipient)} and has not gone out yet. Until it does, you may ` +
          `each remember something different.\n\nWrite the summary: ${link}${end}`,
      };
    case 'acknowledgement': {
      const withContent =
        input.summary !== null &&
        mayCarryPairContent(
          recipient.id,
          { engineerId: engineer.id, managerId: manager.id },
          input.isLinkOnly,
        );
      return {
        kind: `reminder.acknowledgement${withContent ? CONTENT_KIND_SUFFIX : ''}`,
        subject: `Your summary from ${manager.name} is ready`,
        text:
          `${hi}${manager.name} sent the summary of your ${kindLabel}. Read it and acknowledge ` +
          `it, or ask for a change, by ${when(reminder.dueAt, recipient)}.` +
          (withContent && input.summary ? summaryBlock(input.summary) : '') +
          `\n\nAcknowledge or ask for a change: ${link}${end}`,
      };
    }
    case 'acknowledgement_overdue':
      return {
        kind: 'reminder.acknowledgement_overdue',
        subject: `Reminder: the summary from ${manager.name} is waiting for you`,
        text:
          `${hi}The summary of your ${kindLabel} with ${manager.name} is still waiting for your ` +
          `answer (it was due by ${when(reminder.dueAt, recipient)}). Acknowledge it, or ask ` +
          `for a change if something is not right.\n\nOpen it: ${link}${end}`,
      };
  }
}

/** The weekly digest of overdue items for a manager: names, kinds and dates, with links. */
export function composeDigest(input: {
  manager: MailParty;
  lines: readonly DigestLine[];
  overdueCommitments: number;
  baseUrl: string;
}): ComposedMail {
  const { manager, lines, overdueCommitments, baseUrl } = input;
  const total = lines.length + overdueCommitments;
  const list = lines
    .map(
      (l) =>
        `- ${l.engineerName}: ${l.what}, due ${formatStartInZone(l.dueAt, manager.timezone)}\n  ${l.link}`,
    )
    .join('\n');
  return {
    kind: 'digest.weekly',
    subject: `Your week in career conversations: ${total} overdue`,
    text:
      `Hi ${firstName(manager.name)},\n\nHere is what is overdue with your reports this week.\n\n` +
      (list ? `${list}\n\n` : '') +
      (overdueCommitments > 0
        ? `You also have ${overdueCommitments} overdue commitment${overdueCommitments === 1 ? '' : 's'} to your reports: ${baseUrl}/\n\n`
        : '') +
      `Your team at a glance: ${baseUrl}/team${footer(baseUrl)}`,
  };
}

/**
 * The two notices of a handover note (ADR 106): to the engineer once it is written, to their next
 * manager once they may read it. Links only, never the note: it is the pair's record (C3), and
 * the link asks the reader to sign in, where the rules of the day decide what they see.
 */
export function composeHandoverNotice(input: {
  type: 'written' | 'ready';
  recipient: MailParty;
  engineer: MailParty;
  author: MailParty;
  /** The engineer shared the note before their week was up. */
  isShared: boolean;
  baseUrl: string;
}): ComposedMail {
  const { type, recipient, engineer, author, baseUrl } = input;
  const hi = `Hi ${firstName(recipient.name)},\n\n`;
  const end = `\n\n—\nTrajectory. Sent once for each handover note.`;
  if (type === 'written')
    return {
      kind: 'handover.written',
      subject: `${author.name} left you a handover note`,
      text:
        `${hi}${author.name} wrote a handover note for your next manager: what they know about ` +
        `your goals and the promises still open in your development contract. You read it ` +
        `first. Your next manager can read it a week after ${firstName(author.name)}'s last ` +
        `change to it, or as soon as you share it.\n\nRead the note: ${baseUrl}/contract${end}`,
    };
  return {
    kind: 'handover.ready',
    subject: `A handover note about ${engineer.name} is ready for you`,
    text:
      `${hi}${author.name}, ${engineer.name}'s previous manager, left a handover note for you ` +
      `with what they know about ${firstName(engineer.name)}'s goals and the commitments still ` +
      `open in their development contract. ` +
      (input.isShared
        ? `${firstName(engineer.name)} read it first and shared it with you.`
        : `${firstName(engineer.name)} had the first week with it; now you can read it too.`) +
      `\n\nRead the note: ${baseUrl}/people/${engineer.id}/contracts${end}`,
  };
}
