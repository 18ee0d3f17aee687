import { describe, expect, it } from 'vitest';
import { composeDigest, composeReminder, mayCarryPairContent } from './reminder-mail.ts';

const engineer = { id: 'e', name: 'Eli Engineer', email: 'e@x.test', timezone: 'Europe/London' };
const manager = { id: 'm', name: 'Mina Manager', email: 'm@x.test', timezone: 'America/New_York' };
const summary = {
  discussed: 'SECRET discussion',
  goals: 'SECRET goals',
  managerActions: '',
  engineerActions: '- write it',
  nextCheckInOn: '2026-04-01',
};
const reminder = {
  type: 'acknowledgement' as const,
  conversation: {
    id: 'c',
    kind: 'quarterly' as const,
    startsAt: '2026-03-01T10:00:00Z',
    managerId: 'm',
  },
  dueAt: '2026-03-09T10:00:00Z',
  version: 1,
};

describe('mail content', () => {
  it('lets only the pair receive the pair’s own content, and nobody when mail is link-only', () => {
    const pair = { engineerId: 'e', managerId: 'm' };
    expect(mayCarryPairContent('e', pair, false)).toBe(true);
    expect(mayCarryPairContent('m', pair, false)).toBe(true);
    expect(mayCarryPairContent('leader', pair, false)).toBe(false);
    expect(mayCarryPairContent('e', pair, true)).toBe(false);
  });

  it('puts the summary in the engineer’s acknowledgement mail unless mail is link-only', () => {
    const base = { reminder, engineer, manager, baseUrl: 'https://t.example', summary };
    const full = composeReminder({ ...base, recipient: engineer, isLinkOnly: false });
    expect(full.kind).toBe('reminder.acknowledgement.with_summary');
    expect(full.text).toContain('SECRET goals');
    expect(full.subject).not.toContain('SECRET');
    expect(full.text).toContain('https://t.example/conversations/c');
    const linkOnly = composeReminder({ ...base, recipient: engineer, isLinkOnly: true });
    expect(linkOnly.kind).toBe('reminder.acknowledgement');
    expect(linkOnly.text).not.toContain('SECRET');
    const outsider = { ...engineer, id: 'leader', email: 'l@x.test' };
    expect(composeReminder({ ...base, recipient: outsider, isLinkOnly: false }).text).not.toContain(
      'SECRET',
    );
  });

  it('writes dates in the recipient’s zone', () => {
    const mail = composeReminder({
      reminder: { type: 'manager_prep', conversation: reminder.conversation },
      recipient: manager,
      engineer,
      manager,
      baseUrl: 'https://t.example',
      isLinkOnly: false,
      summary: null,
    });
    expect(mail.text).toContain('Sun 1 Mar 2026, 05:00 UTC-5');
  });

  it('lists overdue items in the digest with links only', () => {
    const mail = composeDigest({
      manager,
      lines: [
        {
          engineerName: 'Eli Engineer',
          what: 'summary not sent',
          dueAt: '2026-03-01T10:00:00Z',
          link: 'https://t.example/conversations/c',
        },
      ],
      overdueCommitments: 2,
      baseUrl: 'https://t.example',
    });
    expect(mail.subject).toBe('Your week in career conversations: 3 overdue');
    expect(mail.text).toContain('Eli Engineer: summary not sent');
    expect(mail.text).toContain('2 overdue commitments');
  });
});
