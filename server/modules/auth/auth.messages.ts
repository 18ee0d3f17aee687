/** Wording of the emails the auth module sends. Links only; no content. */
export function passwordLinkMessage(input: {
  purpose: 'invite' | 'reset';
  name: string;
  organization: string;
  url: string;
  expiresAt: string;
}): { subject: string; text: string } {
  const until = new Date(input.expiresAt).toUTCString();
  if (input.purpose === 'invite') {
    return {
      subject: `You're invited to Trajectory${input.organization ? ` at ${input.organization}` : ''}`,
      text: [
        `Hello ${input.name},`,
        '',
        'Trajectory is where you and your manager keep your career conversations, your development plan and what each of you has promised.',
        '',
        'Choose a password to get started:',
        input.url,
        '',
        `The link works once, until ${until}.`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Choose a new Trajectory password',
    text: [
      `Hello ${input.name},`,
      '',
      'An admin started a password reset for your Trajectory account. Choose a new password here:',
      input.url,
      '',
      `The link works once, until ${until}. If you did not expect this, tell your admin.`,
    ].join('\n'),
  };
}
