import type { ReactNode } from 'react';
import {
  IconBell,
  IconBinaryTree2,
  IconCalendarRepeat,
  IconChartDots3,
  IconMailForward,
  IconFileCertificate,
  IconFingerprint,
  IconLock,
  IconHeart,
  IconListDetails,
  IconMessages,
  IconTimeline,
  IconLadder,
  IconStairsUp,
  IconHome,
  IconHourglass,
  IconShieldLock,
  IconUsers,
  IconUserCog,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { Session } from '../../shared/schemas/auth.ts';

export interface NavItem {
  label: string;
  to: string;
  icon: ReactNode;
  /** Which section of the menu the item belongs to. */
  section: 'main' | 'admin';
  /** Hide the item from people it is not for; shown to everyone when absent. */
  isVisible?: (session: Session) => boolean;
}

const isAdmin = (session: Session) => session.person.isAdmin;
const isPeopleTeam = (session: Session) => session.person.isAdmin || session.person.isPeopleTeam;

/** The navigation menu, in order. Add feature menu entries here (the route goes in routes.tsx). */
export const navItems: NavItem[] = [
  { label: 'Home', to: '/', icon: <IconHome size={18} aria-hidden />, section: 'main' },
  {
    label: 'My team',
    to: '/team',
    icon: <IconUsersGroup size={18} aria-hidden />,
    section: 'main',
    isVisible: (session) => session.person.hasReports,
  },
  { label: 'Directory', to: '/people', icon: <IconUsers size={18} aria-hidden />, section: 'main' },
  {
    label: 'Org chart',
    to: '/org-chart',
    icon: <IconBinaryTree2 size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'Coverage',
    to: '/coverage',
    icon: <IconChartDots3 size={18} aria-hidden />,
    section: 'main',
    // Managers and leaders reach their own coverage from the home page.
    isVisible: isPeopleTeam,
  },
  {
    label: 'Conversations',
    to: '/conversations',
    icon: <IconMessages size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'My timeline',
    to: '/timeline',
    icon: <IconTimeline size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'What Matters',
    to: '/what-matters',
    icon: <IconHeart size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'My career',
    to: '/career',
    icon: <IconStairsUp size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'Privacy',
    to: '/privacy',
    icon: <IconLock size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'Development contract',
    to: '/contract',
    icon: <IconFileCertificate size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'Career framework',
    to: '/frameworks',
    icon: <IconLadder size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'Notifications',
    to: '/settings/notifications',
    icon: <IconBell size={18} aria-hidden />,
    section: 'main',
  },
  {
    label: 'Manage people',
    to: '/admin/people',
    icon: <IconUserCog size={18} aria-hidden />,
    section: 'admin',
    isVisible: isAdmin,
  },
  {
    label: 'Question banks',
    to: '/admin/question-banks',
    icon: <IconListDetails size={18} aria-hidden />,
    section: 'admin',
    isVisible: isAdmin,
  },
  {
    label: 'Cadence policy',
    to: '/admin/cadence',
    icon: <IconCalendarRepeat size={18} aria-hidden />,
    section: 'admin',
    isVisible: isPeopleTeam,
  },
  {
    label: 'Outbox',
    to: '/admin/outbox',
    icon: <IconMailForward size={18} aria-hidden />,
    section: 'admin',
    isVisible: isAdmin,
  },
  {
    label: 'Audit trail',
    to: '/admin/audit',
    icon: <IconFingerprint size={18} aria-hidden />,
    section: 'admin',
    isVisible: isAdmin,
  },
  {
    label: 'Single sign-on',
    to: '/admin/sso',
    icon: <IconShieldLock size={18} aria-hidden />,
    section: 'admin',
    isVisible: isAdmin,
  },
  {
    label: 'Data retention',
    to: '/admin/retention',
    icon: <IconHourglass size={18} aria-hidden />,
    section: 'admin',
    isVisible: isAdmin,
  },
];
