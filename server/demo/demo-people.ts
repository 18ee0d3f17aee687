/**
 * The demo organisation's people, written for Trajectory: an engineering group of thirty with a
 * VP, two directors and four engineering managers, plus the people partner who administers it.
 * Dates are relative ("joined N days ago") so the demo always looks current.
 */
export const DEMO_ORGANIZATION_NAME = 'Fernhill';
export const DEMO_EMAIL_DOMAIN = 'fernhill.example';

/** Someone this person reported to, from `sinceDaysAgo` (or from the start) until the next entry. */
export interface DemoManagerSpell {
  manager: string;
  sinceDaysAgo?: number;
}

export interface DemoPerson {
  /** A stable handle for other demo seeders (frameworks, conversations…) to find this person by. */
  key: string;
  name: string;
  title: string;
  team: string;
  timezone: string;
  joinedDaysAgo: number;
  isAdmin?: boolean;
  isPeopleTeam?: boolean;
  /** Reporting history, oldest first; the last entry is the current manager. Empty: top of the org. */
  managers: DemoManagerSpell[];
}

/** The date the director layer was introduced: Payments, Mobile and programmes moved under Daniel. */
const PRODUCT_DIRECTOR_JOINED = 300;

const reportsTo = (manager: string): DemoManagerSpell[] => [{ manager }];

/** Everyone in the demo, managers before the people who report to them. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'adaeze',
    name: 'Adaeze Okonkwo',
    title: 'VP of Engineering',
    team: 'Engineering',
    timezone: 'Europe/London',
    joinedDaysAgo: 1650,
    managers: [],
  },
  {
    key: 'marta',
    name: 'Marta Kowalczyk',
    title: 'People Partner',
    team: 'People',
    timezone: 'Europe/Warsaw',
    joinedDaysAgo: 900,
    isAdmin: true,
    isPeopleTeam: true,
    managers: [],
  },
  {
    key: 'daniel',
    name: 'Daniel Reyes',
    title: 'Director of Engineering',
    team: 'Product Engineering',
    timezone: 'America/New_York',
    joinedDaysAgo: PRODUCT_DIRECTOR_JOINED,
    managers: reportsTo('adaeze'),
  },
  {
    key: 'hannah',
    name: 'Hannah Lindqvist',
    title: 'Director of Engineering',
    team: 'Infrastructure',
    timezone: 'Europe/Stockholm',
    joinedDaysAgo: 1200,
    managers: reportsTo('adaeze'),
  },
  {
    key: 'tomas',
    name: 'Tomás Oliveira',
    title: 'Engineering Manager',
    team: 'Payments',
    timezone: 'Europe/Lisbon',
    joinedDaysAgo: 980,
    managers: [{ manager: 'adaeze' }, { manager: 'daniel', sinceDaysAgo: PRODUCT_DIRECTOR_JOINED }],
  },
  {
    key: 'aisha',
    name: 'Aisha Rahman',
    title: 'Engineering Manager',
    team: 'Mobile',
    timezone: 'Europe/London',
    joinedDaysAgo: 760,
    managers: [{ manager: 'adaeze' }, { manager: 'daniel', sinceDaysAgo: 270 }],
  },
  {
    key: 'priya',
    name: 'Priya Natarajan',
    title: 'Technical Program Manager',
    team: 'Product Engineering',
    timezone: 'Europe/Amsterdam',
    joinedDaysAgo: 510,
    managers: [{ manager: 'adaeze' }, { manager: 'daniel', sinceDaysAgo: PRODUCT_DIRECTOR_JOINED }],
  },
  {
    key: 'kenji',
    name: 'Kenji Watanabe',
    title: 'Senior Engineering Manager',
    team: 'Platform',
    timezone: 'Europe/Berlin',
    joinedDaysAgo: 1100,
    managers: reportsTo('hannah'),
  },
  {
    key: 'grace',
    name: 'Grace Mensah',
    title: 'Engineering Manager',
    team: 'Data',
    timezone: 'Africa/Accra',
    joinedDaysAgo: 640,
    managers: reportsTo('hannah'),
  },
  {
    key: 'ingrid',
    name: 'Ingrid Solberg',
    title: 'Principal Engineer',
    team: 'Infrastructure',
    timezone: 'Europe/Oslo',
    joinedDaysAgo: 1400,
    managers: reportsTo('hannah'),
  },

  // Payments
  {
    key: 'chloe',
    name: 'Chloé Martin',
    title: 'Staff Engineer',
    team: 'Payments',
    timezone: 'Europe/Paris',
    joinedDaysAgo: 1300,
    managers: reportsTo('tomas'),
  },
  {
    key: 'yusuf',
    name: 'Yusuf Demir',
    title: 'Senior Software Engineer',
    team: 'Payments',
    timezone: 'Europe/Istanbul',
    joinedDaysAgo: 700,
    managers: reportsTo('tomas'),
  },
  {
    key: 'emily',
    name: 'Emily Zhang',
    title: 'Software Engineer',
    team: 'Payments',
    timezone: 'America/Toronto',
    joinedDaysAgo: 420,
    managers: reportsTo('tomas'),
  },
  {
    key: 'mateo',
    name: 'Mateo García',
    title: 'Senior Software Engineer',
    team: 'Payments',
    timezone: 'Europe/Madrid',
    joinedDaysAgo: 880,
    managers: reportsTo('tomas'),
  },
  {
    key: 'noah',
    name: 'Noah Fischer',
    title: 'Software Engineer',
    team: 'Payments',
    timezone: 'Europe/Berlin',
    joinedDaysAgo: 9,
    managers: reportsTo('tomas'),
  },

  // Mobile
  {
    key: 'sofia',
    name: 'Sofia Marchetti',
    title: 'Senior Software Engineer (iOS)',
    team: 'Mobile',
    timezone: 'Europe/Rome',
    joinedDaysAgo: 820,
    managers: [{ manager: 'tomas' }, { manager: 'aisha', sinceDaysAgo: 75 }],
  },
  {
    key: 'kwame',
    name: 'Kwame Asante',
    title: 'Software Engineer (Android)',
    team: 'Mobile',
    timezone: 'Europe/London',
    joinedDaysAgo: 350,
    managers: reportsTo('aisha'),
  },
  {
    key: 'lena',
    name: 'Lena Hoffmann',
    title: 'Staff Engineer',
    team: 'Mobile',
    timezone: 'Europe/Berlin',
    joinedDaysAgo: 1500,
    managers: reportsTo('aisha'),
  },
  {
    key: 'diego',
    name: 'Diego Hernández',
    title: 'Software Engineer',
    team: 'Mobile',
    timezone: 'America/Mexico_City',
    joinedDaysAgo: 200,
    managers: reportsTo('aisha'),
  },
  {
    key: 'meilin',
    name: 'Mei Lin Tan',
    title: 'Junior Software Engineer',
    team: 'Mobile',
    timezone: 'Asia/Singapore',
    joinedDaysAgo: 95,
    managers: reportsTo('aisha'),
  },

  // Platform
  {
    key: 'seun',
    name: 'Oluwaseun Adeyemi',
    title: 'Senior Software Engineer',
    team: 'Platform',
    timezone: 'Africa/Lagos',
    joinedDaysAgo: 1020,
    managers: reportsTo('kenji'),
  },
  {
    key: 'anna',
    name: 'Anna Novák',
    title: 'Site Reliability Engineer',
    team: 'Platform',
    timezone: 'Europe/Prague',
    joinedDaysAgo: 610,
    managers: reportsTo('kenji'),
  },
  {
    key: 'samuel',
    name: 'Samuel Cohen',
    title: 'Staff Engineer',
    team: 'Platform',
    timezone: 'America/New_York',
    joinedDaysAgo: 1250,
    managers: reportsTo('kenji'),
  },
  {
    key: 'fatima',
    name: 'Fatima Zahra Benali',
    title: 'Software Engineer',
    team: 'Platform',
    timezone: 'Africa/Casablanca',
    joinedDaysAgo: 280,
    managers: reportsTo('kenji'),
  },
  {
    key: 'jonas',
    name: 'Jonas Berg',
    title: 'Senior Site Reliability Engineer',
    team: 'Platform',
    timezone: 'Europe/Stockholm',
    joinedDaysAgo: 730,
    managers: reportsTo('kenji'),
  },

  // Data
  {
    key: 'lucas',
    name: 'Lucas Ferreira',
    title: 'Senior Data Engineer',
    team: 'Data',
    timezone: 'America/Sao_Paulo',
    joinedDaysAgo: 540,
    managers: [{ manager: 'kenji' }, { manager: 'grace', sinceDaysAgo: 120 }],
  },
  {
    key: 'hyunwoo',
    name: 'Hyun-woo Park',
    title: 'Data Engineer',
    team: 'Data',
    timezone: 'Asia/Seoul',
    joinedDaysAgo: 330,
    managers: reportsTo('grace'),
  },
  {
    key: 'amelia',
    name: 'Amelia Brooks',
    title: 'Machine Learning Engineer',
    team: 'Data',
    timezone: 'Europe/Dublin',
    joinedDaysAgo: 460,
    managers: reportsTo('grace'),
  },
  {
    key: 'rahul',
    name: 'Rahul Mehta',
    title: 'Senior Data Engineer',
    team: 'Data',
    timezone: 'Asia/Dubai',
    joinedDaysAgo: 900,
    managers: reportsTo('grace'),
  },
  {
    key: 'zainab',
    name: 'Zainab Yusuf',
    title: 'Analytics Engineer',
    team: 'Data',
    timezone: 'Europe/London',
    joinedDaysAgo: 180,
    managers: reportsTo('grace'),
  },
];

/** A demo person's sign-in email: first.last at the demo domain, without accents or spaces. */
export function demoEmailOf(person: Pick<DemoPerson, 'name'>): string {
  const local = person.name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}@${DEMO_EMAIL_DOMAIN}`;
}
