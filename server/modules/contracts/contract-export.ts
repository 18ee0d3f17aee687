import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Contract, ContractVersion } from '../../../shared/schemas/contracts.ts';
import { reviewCadenceLabels } from '../../../shared/schemas/contracts.ts';

/**
 * The engineer's own copy of their development contract, every version included, as Markdown and
 * as PDF. Both are rendered from one list of blocks so they always say the same thing.
 */
type Block =
  | { kind: 'title' | 'heading' | 'subheading' | 'paragraph' | 'meta'; text: string }
  | { kind: 'item'; text: string };

const statusLabels: Record<Contract['status'], string> = {
  draft: 'Draft (not yet agreed by both)',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  superseded: 'Superseded',
};

const checkInLabels = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' };

const day = (value: string) => value.slice(0, 10);

function agreementLine(version: ContractVersion): string {
  const engineer = version.engineerAgreedAt
    ? `engineer agreed ${day(version.engineerAgreedAt)}`
    : 'engineer has not agreed';
  const manager = version.managerAgreedAt
    ? `manager${version.managerAgreedBy ? ` (${version.managerAgreedBy.name})` : ''} agreed ${day(version.managerAgreedAt)}`
    : 'manager has not agreed';
  return `Agreement: ${engineer}; ${manager}.`;
}

function versionBlocks(version: ContractVersion): Block[] {
  const blocks: Block[] = [
    {
      kind: 'meta',
      text: `Saved ${day(version.savedAt)}${version.savedBy ? ` by ${version.savedBy.name}` : ''}. ${agreementLine(version)}`,
    },
  ];
  if (version.changeNote)
    blocks.push({ kind: 'meta', text: `What changed: ${version.changeNote}` });
  const part = (title: string, text: string) => {
    blocks.push({ kind: 'subheading', text: title }, { kind: 'paragraph', text });
  };
  part('Development goal', version.developmentGoal);
  part('What the manager and the organisation commit to', version.managerCommitment);
  part('What the engineer commits to', version.engineerCommitment);
  part('Evidence of success', version.evidenceOfSuccess);
  part(
    'Review cadence',
    `${reviewCadenceLabels[version.reviewCadence]}; next review on ${version.nextReviewOn}.`,
  );
  part(
    'Honest caveat',
    version.isCaveatNoneKnown ? 'None known (chosen explicitly).' : version.caveat,
  );
  if (version.notHere) part('Not available here', version.notHere);
  if (version.transitionSupport) part('Transition support', version.transitionSupport);
  blocks.push({ kind: 'subheading', text: 'Goals' });
  version.goals.forEach((goal, index) => {
    blocks.push({
      kind: 'item',
      text: `${index + 1}. ${goal.description} — due ${goal.dueOn}. Success: ${goal.successCriteria} Support needed: ${goal.supportNeeded}`,
    });
  });
  return blocks;
}

/** The contract as blocks: summary, current version, commitments, check-ins, then every version. */
export function contractBlocks(contract: Contract, exportedAt: Date): Block[] {
  const current = contract.versions.at(-1);
  const blocks: Block[] = [
    { kind: 'title', text: `Development contract — ${contract.engineer.name}` },
    {
      kind: 'meta',
      text: `Status: ${statusLabels[contract.status]}${contract.activeSince ? ` since ${day(contract.activeSince)}` : ''}. Current manager: ${contract.currentManager?.name ?? 'none'}. Exported ${day(exportedAt.toISOString())}.`,
    },
  ];
  if (contract.outcomeNote)
    blocks.push({ kind: 'meta', text: `Outcome note: ${contract.outcomeNote}` });
  if (current) {
    blocks.push({
      kind: 'heading',
      text: `Current version (${current.version})${current.isAgreed ? ' — agreed by both' : ' — waiting for both to agree'}`,
    });
    blocks.push(...versionBlocks(current));
  }
  blocks.push({ kind: 'heading', text: 'Commitments' });
  if (contract.commitments.length === 0)
    blocks.push({ kind: 'paragraph', text: 'No commitments recorded.' });
  for (const c of contract.commitments)
    blocks.push({
      kind: 'item',
      text: `${c.isDone ? '[done]' : '[open]'} ${c.owner === 'manager' ? `Manager (${c.manager.name})` : `Engineer (${c.engineer.name})`}: ${c.text}${c.dueOn ? ` — due ${c.dueOn}` : ''}${c.isDone && c.doneAt ? `, done ${day(c.doneAt)}` : ''}${c.handedOverFrom ? `, taken over from ${c.handedOverFrom.name}` : ''}`,
    });
  blocks.push({ kind: 'heading', text: 'Monthly check-ins' });
  if (contract.checkIns.length === 0)
    blocks.push({ kind: 'paragraph', text: 'No check-ins recorded.' });
  for (const checkIn of contract.checkIns)
    blocks.push({
      kind: 'item',
      text: `${day(checkIn.createdAt)} — ${checkInLabels[checkIn.status]}${checkIn.author ? ` (${checkIn.author.name})` : ''}: ${checkIn.note}`,
    });
  const earlier = contract.versions.slice(0, -1).reverse();
  if (earlier.length > 0) {
    blocks.push({ kind: 'heading', text: 'Earlier versions' });
    for (const version of earlier) {
      blocks.push({ kind: 'heading', text: `Version ${version.version}` });
      blocks.push(...versionBlocks(version));
    }
  }
  return blocks;
}

/** Markdown with the user's text kept as written (only line starts that would turn into markup are escaped). */
export function contractToMarkdown(contract: Contract, exportedAt: Date): string {
  const escape = (text: string) => text.replace(/^([#>*+-]|\d+\.)(?=\s)/gm, '\\$1');
  const lines = contractBlocks(contract, exportedAt).map((block) => {
    switch (block.kind) {
      case 'title':
        return `# ${block.text}\n`;
      case 'heading':
        return `## ${block.text}\n`;
      case 'subheading':
        return `### ${block.text}\n`;
      case 'meta':
        return `_${block.text.replace(/_/g, '\\_')}_\n`;
      case 'item':
        return `- ${block.text.replace(/\n+/g, ' ')}`;
      case 'paragraph':
        return `${escape(block.text)}\n`;
    }
    return '';
  });
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

const require = createRequire(import.meta.url);
let fontFiles: { regular: Buffer; bold: Buffer } | null = null;
/** The font files, read once per process (about 1.4 MB). */
function fonts(): { regular: Buffer; bold: Buffer } {
  fontFiles ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fontFiles;
}

/** A PDF with an embedded Unicode font, so names and text in any Latin, Greek or Cyrillic script survive. */
export function contractToPdf(contract: Contract, exportedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Development contract — ${contract.engineer.name}`,
      Author: contract.engineer.name,
      Creator: 'Trajectory',
      CreationDate: exportedAt,
    },
  });
  doc.registerFont('regular', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const block of contractBlocks(contract, exportedAt)) {
    switch (block.kind) {
      case 'title':
        doc.font('bold').fontSize(18).text(block.text).moveDown(0.4);
        break;
      case 'heading':
        doc.moveDown(0.6).font('bold').fontSize(14).text(block.text).moveDown(0.2);
        break;
      case 'subheading':
        doc.moveDown(0.3).font('bold').fontSize(11).text(block.text);
        break;
      case 'meta':
        doc.font('regular').fontSize(9).fillColor('#444444').text(block.text).fillColor('black');
        break;
      case 'item':
        doc.font('regular').fontSize(10).text(`•  ${block.text}`, { indent: 8 }).moveDown(0.2);
        break;
      case 'paragraph':
        doc.font('regular').fontSize(10).text(block.text);
        break;
    }
  }
  doc.end();
  return done;
}
