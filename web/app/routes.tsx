import type { RouteObject } from 'react-router';
import { lazyPage } from './lazy-page.ts';
import { NotFoundPage } from './not-found-page.tsx';

const SetupPage = lazyPage(() => import('../features/auth/setup-page.tsx'));
const SignInPage = lazyPage(() => import('../features/auth/sign-in-page.tsx'));
const SetPasswordPage = lazyPage(() => import('../features/auth/set-password-page.tsx'));
const HomePage = lazyPage(() => import('./home-route.tsx'));
const TeamPage = lazyPage(() => import('../features/team/team-page.tsx'));
const CoveragePage = lazyPage(() => import('../features/dashboard/coverage-page.tsx'));
const NotificationsPage = lazyPage(() => import('../features/settings/notifications-page.tsx'));
const CadencePolicyPage = lazyPage(() => import('../features/settings/cadence-policy-page.tsx'));
const OutboxPage = lazyPage(() => import('../features/settings/outbox-page.tsx'));
const RetentionPage = lazyPage(() => import('../features/settings/retention-page.tsx'));
const DirectoryPage = lazyPage(() => import('../features/people/directory-page.tsx'));
const PersonPage = lazyPage(() => import('../features/people/person-page.tsx'));
const AdminPeoplePage = lazyPage(() => import('../features/people/admin-people-page.tsx'));
const OrgChartPage = lazyPage(() => import('../features/org-chart/org-chart-page.tsx'));
const PeopleImportPage = lazyPage(() => import('../features/imports/people-import-page.tsx'));
const SsoSettingsPage = lazyPage(() => import('../features/sso/sso-settings-page.tsx'));
const FrameworksPage = lazyPage(() => import('../features/frameworks/frameworks-page.tsx'));
const FrameworkVersionPage = lazyPage(
  () => import('../features/frameworks/framework-version-page.tsx'),
);
const FrameworkImportPage = lazyPage(
  () => import('../features/frameworks/framework-import-page.tsx'),
);
const CareerPage = lazyPage(() => import('../features/frameworks/career-page.tsx'));
const MyCareerPage = lazyPage(() => import('../features/frameworks/my-career-page.tsx'));
const AssessmentPage = lazyPage(() => import('../features/frameworks/assessment-page.tsx'));
const ConversationsPage = lazyPage(
  () => import('../features/conversations/conversations-page.tsx'),
);
const ConversationPage = lazyPage(() => import('../features/conversations/conversation-page.tsx'));
const ConversationModePage = lazyPage(
  () => import('../features/conversations/conversation-mode-page.tsx'),
);
const TimelinePage = lazyPage(() => import('../features/conversations/timeline-page.tsx'));
const WhatMattersPage = lazyPage(() => import('../features/what-matters/what-matters-page.tsx'));
const PrivacyPage = lazyPage(() => import('../features/privacy/privacy-page.tsx'));
const PersonAccessLogPage = lazyPage(
  () => import('../features/privacy/person-access-log-page.tsx'),
);
const AuditTrailPage = lazyPage(() => import('../features/privacy/audit-trail-page.tsx'));
const PersonContractsPage = lazyPage(
  () => import('../features/contracts/person-contracts-page.tsx'),
);
const NewContractPage = lazyPage(() => import('../features/contracts/new-contract-page.tsx'));
const ContractPage = lazyPage(() => import('../features/contracts/contract-page.tsx'));
const ContractEditPage = lazyPage(() => import('../features/contracts/contract-edit-page.tsx'));
const QuestionBanksPage = lazyPage(
  () => import('../features/conversations/question-banks-page.tsx'),
);

/**
 * Pages anyone can open without signing in (shown without the app shell).
 * Add public feature routes here (for example a single sign-on callback).
 */
export const publicRoutes: RouteObject[] = [
  { path: 'setup', element: <SetupPage /> },
  { path: 'sign-in', element: <SignInPage /> },
  { path: 'set-password', element: <SetPasswordPage /> },
];

/**
 * Pages for signed-in people, shown inside the app shell. Add feature routes here: one line
 * per page, the page component loaded with lazyPage(). Add its menu entry in nav.tsx.
 */
export const signedInRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'people', element: <DirectoryPage /> },
  { path: 'people/:id', element: <PersonPage /> },
  { path: 'org-chart', element: <OrgChartPage /> },
  { path: 'admin/people', element: <AdminPeoplePage /> },
  { path: 'admin/people/import', element: <PeopleImportPage /> },
  { path: 'admin/sso', element: <SsoSettingsPage /> },
  { path: 'frameworks', element: <FrameworksPage /> },
  { path: 'frameworks/versions/:id', element: <FrameworkVersionPage /> },
  { path: 'admin/frameworks/import', element: <FrameworkImportPage /> },
  { path: 'career', element: <MyCareerPage /> },
  { path: 'people/:id/career', element: <CareerPage /> },
  { path: 'assessments/:id', element: <AssessmentPage /> },
  { path: 'conversations', element: <ConversationsPage /> },
  { path: 'conversations/:id', element: <ConversationPage /> },
  { path: 'conversations/:id/mode', element: <ConversationModePage /> },
  { path: 'timeline', element: <TimelinePage /> },
  { path: 'people/:id/timeline', element: <TimelinePage /> },
  { path: 'what-matters', element: <WhatMattersPage /> },
  { path: 'admin/question-banks', element: <QuestionBanksPage /> },
  { path: 'contract', element: <PersonContractsPage /> },
  { path: 'people/:id/contracts', element: <PersonContractsPage /> },
  { path: 'people/:id/contracts/new', element: <NewContractPage /> },
  { path: 'contracts/:id', element: <ContractPage /> },
  { path: 'contracts/:id/edit', element: <ContractEditPage /> },
  { path: 'privacy', element: <PrivacyPage /> },
  { path: 'people/:id/access-log', element: <PersonAccessLogPage /> },
  { path: 'admin/audit', element: <AuditTrailPage /> },
  { path: 'team', element: <TeamPage /> },
  { path: 'coverage', element: <CoveragePage /> },
  { path: 'settings/notifications', element: <NotificationsPage /> },
  { path: 'admin/cadence', element: <CadencePolicyPage /> },
  { path: 'admin/outbox', element: <OutboxPage /> },
  { path: 'admin/retention', element: <RetentionPage /> },
  // Keep last: anything unknown inside the app.
  { path: '*', element: <NotFoundPage /> },
];
