import type { Random } from './random.ts';

const words = (text: string) => text.trim().split(/\s+/);
/** Comma- or line-separated names (some contain spaces). */
const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

/*
 * Word pools for the synthetic organisation: names, teams and short passages written for this
 * generator. Passages are assembled from a few sentences so records differ without being long.
 */

export const FIRST_NAMES = words(`
  Ada Ahmed Aiko Alba Amara Anders Ania Arjun Bea Bilal Bruno Carmen Chen Chidi Clara Dario
  Dev Elif Elena Emeka Emil Farah Femi Freya Gabriel Greta Hana Hugo Ines Ivan Jana Jonas
  Kai Kavya Kofi Lars Leila Lena Luca Maya Mateo Mei Nadia Nico Noor Olu Omar Paula Priya
  Quinn Rafael Rhea Rosa Sami Sara Tariq Theo Uma Vera Wen Yara Yusuf Zoe Zane
`);

export const LAST_NAMES = words(`
  Abara Andersen Bakker Banerjee Becker Costa Cruz Dahl Diallo Dubois Eze Fischer Fontaine
  Garcia Haddad Hansen Ito Jensen Kaur Khan Kim Kowalski Larsen Lopez Mensah Moreau Murphy
  Nakamura Novak Okafor Olsen Park Patel Petrov Quinn Rossi Santos Schmidt Sato Silva Singh
  Sorensen Tanaka Torres Varga Virtanen Wagner Wang Weber Yilmaz Young Zhang
`);

export const AREAS = list(`
  Payments, Mobile, Platform, Data, Search, Identity, Growth, Checkout, Messaging
  Infrastructure, Reliability, Developer Experience, Billing, Notifications, Analytics
  Security, Maps, Media, Onboarding, Partnerships, Pricing, Logistics
`);

export const TIMEZONES = words(`
  Europe/London Europe/Berlin Europe/Paris Europe/Madrid Europe/Warsaw America/New_York
  America/Chicago America/Los_Angeles Asia/Kolkata Asia/Singapore
`);

export const PLACES = ['Video call', 'Room 2.14', 'Room 4.03', 'The quiet room', 'Walk outside'];

const AGENDA = [
  'Look back at the last quarter and what felt different.',
  'Talk through the on-call rotation and how it affects focus time.',
  'Review progress on the plan we agreed last time.',
  'Discuss the new project and where it could stretch you.',
  'Go over the feedback from the design review.',
  'Check how the team change is landing.',
  'Revisit the goals and see which still matter.',
];

const NOTES = [
  'We agreed the migration work showed real ownership.',
  'Mentoring the two new joiners is taking more time than expected.',
  'The design doc was clear; the rollout plan needs more detail next time.',
  'Interest in leading the next incident review.',
  'Wants more exposure to product discussions before planning starts.',
  'Felt the last sprint was mostly interruptions.',
  'Pairing with the platform team helped a lot.',
  'We will look for a project with a cross-team dependency.',
  'Conference talk proposal is in draft.',
  'Prefers written feedback before our meetings.',
];

const GOALS = [
  'Lead the design of one service change end to end.',
  'Run two incident reviews and publish the write-ups.',
  'Mentor a newer engineer through their first on-call.',
  'Present the quarterly roadmap to the wider group.',
  'Own the performance budget for the checkout flow.',
  'Write the team guide to local development.',
  'Take a feature from idea to measured result with product.',
];

const ACTIONS = [
  'Share the draft design doc for comments',
  'Book time with the staff engineer for a review',
  'Find a stretch project for next quarter',
  'Introduce to the platform lead',
  'Write up the incident review',
  'Pick a conference talk topic',
  'Agree the on-call swap with the team',
  'Set up a pairing session each week',
  'Read the framework expectations for the next level',
  'Ask two peers for written feedback',
];

const ANSWERS = [
  'Most energy comes from debugging hard problems with others.',
  'I would like to spend less time on release chores.',
  'Leading the last project was the most useful thing this year.',
  'I am unsure whether I want to manage people one day.',
  'Feedback straight after a review works best for me.',
  'Learning more about the product side is my priority.',
  'The next level feels close in craft, further in influence.',
];

const REASONS = [
  'Clash with a customer call.',
  'Away that day.',
  'Incident in progress.',
  'Moved to fit the planning week.',
  'Needed more time to prepare.',
];

/** One to `max` sentences from a pool, joined into a short passage. */
function passage(random: Random, pool: readonly string[], max: number): string {
  const count = random.int(1, max);
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) parts.push(random.pick(pool));
  return parts.join(' ');
}

export const agendaText = (random: Random) => passage(random, AGENDA, 2);
export const notesText = (random: Random) => passage(random, NOTES, 4);
export const goalText = (random: Random) => random.pick(GOALS);
export const actionText = (random: Random) => random.pick(ACTIONS);
export const answerText = (random: Random) => passage(random, ANSWERS, 2);
export const reasonText = (random: Random) => random.pick(REASONS);
export const shortNote = (random: Random) => passage(random, NOTES, 1);
