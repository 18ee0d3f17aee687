import type { PersonalExport } from './personal-export.gather.ts';

/** Text written by people may contain Markdown; indent it as a quote so it cannot break the layout. */
function quote(text: string | null | undefined): string {
  const value = (text ?? '').trim();
  if (!value) return '_(empty)_';
  return value
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function section(title: string, body: string[]): string[] {
  return ['', `## ${title}`, '', ...(body.length > 0 ? body : ['Nothing here yet.'])];
}

/** A readable copy of the export, for a person rather than a program. */
export function renderExportMarkdown(data: PersonalExport): string {
  const p = data.profile;
  const out: string[] = [
    `# Your Trajectory record — ${p.name}`,
    '',
    `Exported on ${day(data.generatedAt)}. The file \`export.json\` beside this one holds the same`,
    'data for programs. It contains what you can read in Trajectory about yourself; notes other',
    'people keep privately about you are not part of it, because nobody but their author can read them.',
  ];

  out.push(
    ...section('Profile', [
      `- Name: ${p.name}`,
      `- Email: ${p.email}`,
      `- Title: ${p.title || '—'}`,
      `- Team: ${p.team || '—'}`,
      `- Time zone: ${p.timezone}`,
      `- Start date: ${p.startDate ?? '—'}`,
      `- Admin: ${yesNo(p.isAdmin)}; people team: ${yesNo(p.isPeopleTeam)}; active: ${yesNo(p.isActive)}`,
    ]),
  );

  out.push(
    ...section(
      'Reporting lines',
      data.reportingLines.map(
        (l) =>
          `- ${l.isYouTheReport ? `You reported to ${l.managerName}` : `${l.reportName} reported to you`} from ${l.startsOn}${l.endsOn ? ` until ${l.endsOn}` : ''}`,
      ),
    ),
  );

  out.push(
    ...section(
      'Track and level',
      data.placements.map(
        (pl) =>
          `- ${pl.track}, ${pl.level}, from ${pl.effectiveOn}${pl.note ? ` — ${pl.note}` : ''}`,
      ),
    ),
  );

  const conversations = data.conversations.flatMap((c) => {
    const lines = [
      `### ${day(c.startsAt)} — ${c.kind} with ${c.with} (${c.status})`,
      '',
      `You were the ${c.yourRole}. ${c.durationMinutes} minutes${c.place ? `, ${c.place}` : ''}.`,
      '',
      '**Agenda**',
      '',
      quote(c.agenda),
      '',
      '**Shared notes**',
      '',
      quote(c.sharedNotes),
    ];
    for (const answer of c.prep) {
      const whose = answer.isYours
        ? answer.isShared
          ? 'yours, shared'
          : 'yours, private'
        : 'shared with you';
      lines.push('', `**Preparation: ${answer.promptKey}** (${whose})`, '', quote(answer.answer));
    }
    if (c.yourPrivateNote !== null)
      lines.push('', '**Your private note** (only you can read it)', '', quote(c.yourPrivateNote));
    if (c.yourManagerPrep)
      lines.push(
        '',
        '**Your talking points** (only you can read them)',
        '',
        quote(c.yourManagerPrep.talkingPoints),
      );
    if (c.unsentSummaryDraft)
      lines.push('', '**Summary draft, not sent**', '', quote(c.unsentSummaryDraft));
    for (const s of c.summaries) {
      lines.push(
        '',
        `**Summary, version ${s.version}** (sent ${day(s.sentAt)})`,
        '',
        'Discussed:',
        quote(s.discussed),
        '',
        'Goals:',
        quote(s.goals),
        '',
        "Manager's actions:",
        quote(s.managerActions),
        '',
        "Engineer's actions:",
        quote(s.engineerActions),
      );
    }
    for (const r of c.responses)
      lines.push(
        '',
        `- ${r.isYours ? 'You' : 'They'} ${r.kind} version ${r.version} on ${day(r.at)}${r.comment ? ':' : ''}`,
        ...(r.comment ? [quote(r.comment)] : []),
      );
    return [...lines, ''];
  });
  out.push(...section('Conversations', conversations));

  out.push(
    ...section(
      'Action items',
      data.actionItems.map(
        (i) =>
          `- [${i.isDone ? 'x' : ' '}] ${i.text.replace(/\n/g, ' ')} — ${i.owner === 'manager' ? i.manager : i.engineer}${i.dueOn ? `, due ${i.dueOn}` : ''}`,
      ),
    ),
  );

  out.push(
    ...section(
      'Notes you wrote about people you managed',
      data.notesYouWroteAboutOthers.flatMap((n) => [`### About ${n.about}`, '', quote(n.body), '']),
    ),
  );

  out.push(
    ...section(
      'What Matters',
      data.whatMatters.flatMap((w) => [
        `### ${day(w.createdAt)}${w.isShared ? ' (shared with your manager)' : ' (private)'}`,
        '',
        '| Rank | Value | Points | Note |',
        '|---|---|---|---|',
        ...w.values.map(
          (v) => `| ${v.rank} | ${v.value} | ${v.points} | ${v.note.replace(/[|\n]/g, ' ')} |`,
        ),
        '',
      ]),
    ),
  );

  out.push(
    ...section(
      'Assessments',
      data.assessments.flatMap((a) => [
        `### Towards ${a.targetLevel}, started ${day(a.startedAt)}${a.isRevealed ? '' : ' (not revealed yet: your side only)'}`,
        '',
        ...a.items.flatMap((item) => [
          `- **${item.competency}**: ${item.criterion.replace(/\n/g, ' ')}`,
          ...item.ratings.map(
            (r) =>
              `  - ${r.side}: ${r.rating ?? 'not rated'}${r.evidence ? ` — ${r.evidence.replace(/\n/g, ' ')}` : ''}`,
          ),
        ]),
        '',
      ]),
    ),
  );

  out.push(
    ...section(
      'Development contracts',
      data.contracts.flatMap((c) => [
        `### Contract (${c.status})`,
        ...c.versions.flatMap((v) => [
          '',
          `**Version ${v.version}** (saved ${day(v.savedAt)})`,
          '',
          'Development goal:',
          quote(v.developmentGoal),
          '',
          "Manager's commitment:",
          quote(v.managerCommitment),
          '',
          'Your commitment:',
          quote(v.engineerCommitment),
          '',
          'Evidence of success:',
          quote(v.evidenceOfSuccess),
          '',
          'Honest caveat:',
          quote(v.caveat),
          ...v.goals.flatMap((g) => [
            '',
            `- Goal: ${g.description.replace(/\n/g, ' ')} (due ${g.dueOn})`,
          ]),
        ]),
        ...c.checkIns.flatMap((k) => ['', `- Check-in ${day(k.at)} (${k.status}):`, quote(k.note)]),
        '',
      ]),
    ),
  );

  out.push(
    ...section(
      'Handover notes',
      data.handovers.flatMap((h) => [
        `### ${h.changeOn}: ${h.engineer === 'you' ? 'your contract' : `${h.engineer}'s contract`}, from ${h.from}${h.to ? ` to ${h.to}` : ''}`,
        '',
        quote(h.note),
        '',
      ]),
    ),
  );

  out.push(
    ...section(
      'Who has accessed your record',
      data.accessLog.map(
        (e) =>
          `- ${e.at.slice(0, 16).replace('T', ' ')} UTC — ${e.who}: ${e.label}${e.decision === 'deny' ? ' (refused)' : ''}`,
      ),
    ),
  );

  out.push(
    ...section(
      'Emails we sent you',
      data.emails.map(
        (e) => `- ${day(e.queuedAt)}: ${e.subject}${e.sentAt ? '' : ' (not sent yet)'}`,
      ),
    ),
  );
  return `${out.join('\n')}\n`;
}
