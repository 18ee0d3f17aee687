import type { Clock } from '../clock.ts';
import { DAY_MS, toIsoDate } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { createFrameworksService } from '../modules/frameworks/frameworks.service.ts';
import { createPlacementsService } from '../modules/frameworks/placements.service.ts';
import type { PersonActor } from '../policies/actor.ts';
import { DEMO_PEOPLE } from './demo-people.ts';

/** Which level of the built-in framework a demo title sits at. Titles not listed are not placed. */
const LEVEL_BY_TITLE: ReadonlyMap<string, string> = new Map([
  ['VP of Engineering', 'M3'],
  ['Director of Engineering', 'M3'],
  ['Senior Engineering Manager', 'M2'],
  ['Engineering Manager', 'M1'],
  ['Principal Engineer', 'IC6'],
  ['Staff Engineer', 'IC4'],
  ['Senior Software Engineer', 'IC3'],
  ['Senior Software Engineer (iOS)', 'IC3'],
  ['Senior Site Reliability Engineer', 'IC3'],
  ['Senior Data Engineer', 'IC3'],
  ['Software Engineer', 'IC2'],
  ['Software Engineer (Android)', 'IC2'],
  ['Site Reliability Engineer', 'IC2'],
  ['Data Engineer', 'IC2'],
  ['Machine Learning Engineer', 'IC2'],
  ['Analytics Engineer', 'IC2'],
  ['Junior Software Engineer', 'IC1'],
]);

/**
 * Places every demo person whose title maps to a level on the built-in framework, effective from
 * when they joined, through the same services (and rules) an admin would use. Returns how many.
 */
export async function seedDemoPlacements(
  database: Database,
  clock: Clock,
  personIds: ReadonlyMap<string, string>,
  adminKey = 'marta',
): Promise<number> {
  const adminId = personIds.get(adminKey);
  if (!adminId) return 0;
  const admin: PersonActor = { kind: 'person', id: adminId, isAdmin: true, isPeopleTeam: true };
  const frameworks = createFrameworksService({ database, clock });
  const placements = createPlacementsService({ database, clock, frameworks });
  const list = await frameworks.listFrameworks(admin);
  if (!list.activeVersionId) return 0;
  const version = await frameworks.getVersion(admin, list.activeVersionId);
  const levelIdByCode = new Map(
    version.tracks.flatMap((track) =>
      track.levels.flatMap((level) => (level.code ? [[level.code, level.id] as const] : [])),
    ),
  );
  let placed = 0;
  for (const person of DEMO_PEOPLE) {
    const id = personIds.get(person.key);
    const levelId = levelIdByCode.get(LEVEL_BY_TITLE.get(person.title) ?? '');
    if (!id || !levelId) continue;
    if ((await placements.listPlacements(admin, id)).current) continue;
    const effectiveOn = toIsoDate(new Date(clock.now().getTime() - person.joinedDaysAgo * DAY_MS));
    await placements.placePerson(admin, id, {
      levelId,
      effectiveOn,
      note: 'Placed when the demo organisation was created.',
    });
    placed += 1;
  }
  return placed;
}
