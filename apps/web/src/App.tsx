import { QueryCache, QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError, onUnauthorized } from './api/client.ts';
import type { Permission } from './api/types.ts';
import { lastUserId, ME_KEY, useCan, useMe } from './auth/session.ts';
import { AppShell } from './components/AppShell.tsx';
import { PageSpin } from './components/PageSpin.tsx';
import { ResidentLanding } from './features/commitments/Landing.tsx';

const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx'));
const HomePage = lazy(() => import('./features/home/HomePage.tsx'));
const UnitsPage = lazy(() => import('./features/units/UnitsPage.tsx'));
const MembersPage = lazy(() => import('./features/members/MembersPage.tsx'));
const MemberDetailPage = lazy(() => import('./features/members/MemberDetailPage.tsx'));
const ImportPage = lazy(() => import('./features/imports/ImportPage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const UsersPage = lazy(() => import('./features/users/UsersPage.tsx'));
const MyPointsPage = lazy(() => import('./features/points/MyPointsPage.tsx'));
const PointsReviewPage = lazy(() => import('./features/points/ReviewPage.tsx'));
const PointsManagePage = lazy(() => import('./features/points/ManagePage.tsx'));
const PointsBoardPage = lazy(() => import('./features/points/BoardPage.tsx'));
const StarsSchemePage = lazy(() => import('./features/stars/SchemePage.tsx'));
const StarsPreviewPage = lazy(() => import('./features/stars/PreviewPage.tsx'));
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage.tsx'));
const MyCommitmentPage = lazy(() => import('./features/commitments/MyCommitmentPage.tsx'));
const CardsPage = lazy(() => import('./features/commitments/CardsPage.tsx'));
const CardDetailPage = lazy(() => import('./features/commitments/CardDetailPage.tsx'));
const ComparePage = lazy(() => import('./features/commitments/ComparePage.tsx'));
const CampaignsPage = lazy(() => import('./features/campaigns/CampaignsPage.tsx'));
const CampaignDetailPage = lazy(() => import('./features/campaigns/CampaignDetailPage.tsx'));
const CandidatePage = lazy(() => import('./features/campaigns/CandidatePage.tsx'));
const MyCampaignsPage = lazy(() => import('./features/campaigns/MyCampaignsPage.tsx'));
const CampaignTodoPage = lazy(() => import('./features/campaigns/TodoPage.tsx'));
const WarningsPage = lazy(() => import('./features/warnings/WarningsPage.tsx'));
const WarningIssuePage = lazy(() => import('./features/warnings/IssuePage.tsx'));
const WarningDashboardPage = lazy(() => import('./features/warnings/DashboardPage.tsx'));
const WarningAckPage = lazy(() => import('./features/warnings/AckPage.tsx'));
const WarningSettingsPage = lazy(() => import('./features/warnings/SettingsPage.tsx'));
const InboxPage = lazy(() => import('./features/inbox/InboxPage.tsx'));
const RaiseAlarmPage = lazy(() => import('./features/alarms/RaiseAlarmPage.tsx'));
const MyAlarmsPage = lazy(() => import('./features/alarms/MyAlarmsPage.tsx'));
const AlarmsPage = lazy(() => import('./features/alarms/AlarmsPage.tsx'));
const AlarmDetailPage = lazy(() => import('./features/alarms/AlarmDetailPage.tsx'));
const EvacuationPage = lazy(() => import('./features/field/EvacuationPage.tsx'));
const HouseholdsPage = lazy(() => import('./features/field/HouseholdsPage.tsx'));
const SheltersPage = lazy(() => import('./features/field/SheltersPage.tsx'));
const RecoveryPage = lazy(() => import('./features/recovery/RecoveryPage.tsx'));
const ChannelsPage = lazy(() => import('./features/channels/ChannelsPage.tsx'));
const Open311Page = lazy(() => import('./features/open311/Open311Page.tsx'));
const ReportHazardPage = lazy(() => import('./features/hazards/ReportHazardPage.tsx'));
const HazardsPage = lazy(() => import('./features/hazards/HazardsPage.tsx'));
const MyHazardsPage = lazy(() => import('./features/hazards/MyHazardsPage.tsx'));
const HazardDetailPage = lazy(() => import('./features/hazards/HazardDetailPage.tsx'));
const HouseholdImportPage = lazy(() => import('./features/hazards/HouseholdImportPage.tsx'));
const PublicLayout = lazy(() => import('./features/public/PublicLayout.tsx'));
const PublicNoticesPage = lazy(() => import('./features/public/NoticesPage.tsx'));
const PublicNoticePage = lazy(() => import('./features/public/NoticePage.tsx'));
const PublicReceiptPage = lazy(() => import('./features/public/ReceiptPage.tsx'));
const PublicHonorRollPage = lazy(() => import('./features/public/HonorRollPage.tsx'));
const PublicHelpAskPage = lazy(() => import('./features/public/HelpAskPage.tsx'));
const PublicHelpFollowPage = lazy(() => import('./features/public/HelpFollowPage.tsx'));
const PublicHelpStatsPage = lazy(() => import('./features/public/HelpStatsPage.tsx'));
const HelpQueuePage = lazy(() => import('./features/help/QueuePage.tsx'));
const HelpVillagePage = lazy(() => import('./features/help/VillagePage.tsx'));
const HelpDetailPage = lazy(() => import('./features/help/RequestDetailPage.tsx'));
const HelpResidencePage = lazy(() => import('./features/help/ResidencePage.tsx'));
const HelpQrPage = lazy(() => import('./features/help/QrPage.tsx'));
const HelpMinePage = lazy(() => import('./features/help/MyRequestsPage.tsx'));
const HelpNewPage = lazy(() => import('./features/help/MyRequestsPage.tsx').then((m) => ({ default: m.NewRequestPage })));
const PublicDeliberationPage = lazy(() => import('./features/public/DeliberationPage.tsx'));
const DeliberationTopicsPage = lazy(() => import('./features/deliberation/TopicsPage.tsx'));
const DeliberationRaisePage = lazy(() => import('./features/deliberation/RaiseTopicPage.tsx'));
const DeliberationTopicPage = lazy(() => import('./features/deliberation/TopicPage.tsx'));
const MediatorsPage = lazy(() => import('./features/mediation/MediatorsPage.tsx'));
const MediationCasesPage = lazy(() => import('./features/mediation/CasesPage.tsx'));
const MyMediationPage = lazy(() => import('./features/mediation/MyCasesPage.tsx'));
const MediationCasePage = lazy(() => import('./features/mediation/CaseDetailPage.tsx'));
const MediationStatsPage = lazy(() => import('./features/mediation/StatsPage.tsx'));

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache(),
    defaultOptions: {
      queries: {
        // 4xx answers do not get better by asking again.
        retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can(permission)) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('errors.pageNotFound')} />;
}

function AppRoutes() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const location = useLocation();
  const { data: me, isPending, error, refetch } = useMe();

  // Any 401 from the server (session expired, logged out elsewhere) brings back the login page.
  useEffect(() => onUnauthorized(() => qc.setQueryData(ME_KEY, null)), [qc]);

  if (isPending) return <PageSpin />;
  if (error)
    return (
      <Result
        status="warning"
        title={t('errors.serverUnreachable')}
        subTitle={error instanceof ApiError ? error.message : undefined}
        extra={<Button onClick={() => refetch()}>{t('common.retry')}</Button>}
      />
    );

  // Back to the page that asked for a login, unless someone else is logging in now.
  const state = location.state as { from?: string; userId?: number | null } | null;
  const back = state?.from && state.from !== '/login' && (!state.userId || state.userId === me?.id) ? state.from : '/';
  return (
    <Suspense fallback={<PageSpin />}>
      <Routes>
        <Route path="/login" element={me ? <Navigate to={back} replace /> : <LoginPage />} />
        {/* 公示, 群众监督 and 光荣榜: open to anyone, logged in or not (residents on phones). */}
        <Route path="/public" element={<PublicLayout />}>
          <Route index element={<Navigate to="/public/notices" replace />} />
          <Route path="notices" element={<PublicNoticesPage />} />
          <Route path="notices/:id" element={<PublicNoticePage />} />
          <Route path="receipt" element={<PublicReceiptPage />} />
          <Route path="honor-roll" element={<PublicHonorRollPage />} />
          {/* 群众求助: the page of a village's QR code, following a request by receipt code, the village's figures. */}
          <Route path="help/follow" element={<PublicHelpFollowPage />} />
          <Route path="help/:villageCode" element={<PublicHelpAskPage />} />
          <Route path="help/:villageCode/stats" element={<PublicHelpStatsPage />} />
          <Route path="deliberation" element={<PublicDeliberationPage />} />
        </Route>
        <Route
          element={me ? <AppShell /> : <Navigate to="/login" replace state={{ from: location.pathname + location.search, userId: lastUserId() }} />}
        >
          <Route index element={<ResidentLanding><HomePage /></ResidentLanding>} />
          <Route path="units" element={<RequirePermission permission="unit.read"><UnitsPage /></RequirePermission>} />
          <Route path="members" element={<RequirePermission permission="member.read"><MembersPage /></RequirePermission>} />
          <Route path="members/:id" element={<RequirePermission permission="member.read"><MemberDetailPage /></RequirePermission>} />
          <Route path="import" element={<ImportGuard><ImportPage /></ImportGuard>} />
          <Route path="audit" element={<RequirePermission permission="audit.read"><AuditPage /></RequirePermission>} />
          <Route path="users" element={<RequirePermission permission="user.read"><UsersPage /></RequirePermission>} />
          {/* A member's own points need no permission: the server serves their own record only. */}
          <Route path="points/me" element={<MyPointsPage />} />
          <Route path="points/review" element={<RequirePermission permission="points.approve"><PointsReviewPage /></RequirePermission>} />
          <Route path="points/manage" element={<RequirePermission permission="points.manage"><PointsManagePage /></RequirePermission>} />
          <Route path="points/board" element={<RequirePermission permission="points.read"><PointsBoardPage /></RequirePermission>} />
          <Route path="stars/scheme" element={<RequirePermission permission="evaluation.manage"><StarsSchemePage /></RequirePermission>} />
          <Route path="stars/preview" element={<RequirePermission permission="evaluation.read"><StarsPreviewPage /></RequirePermission>} />
          {/* 节假日设置: everyone may read the working-day calendar; only a system administrator edits it (the page asks the server). */}
          <Route path="settings/calendar" element={<CalendarPage />} />
          {/* 亮身份、亮承诺: one's own commitment needs a member record; cards are for everyone of the village (the server decides whose). */}
          <Route path="commitments/me" element={<MyCommitmentPage />} />
          <Route path="commitments/compare" element={<RequirePermission permission="points.read"><ComparePage /></RequirePermission>} />
          <Route path="cards" element={<CardsPage />} />
          <Route path="cards/:memberId" element={<CardDetailPage />} />
          {/* 评选: a member's own candidacies and the candidate pages need no permission (the server serves what is theirs). */}
          <Route path="campaigns" element={<RequirePermission permission="evaluation.read"><CampaignsPage /></RequirePermission>} />
          <Route path="campaigns/my" element={<MyCampaignsPage />} />
          <Route path="campaigns/todo" element={<CampaignTodoPage />} />
          <Route path="campaigns/candidates/:id" element={<CandidatePage />} />
          <Route path="campaigns/:id" element={<RequirePermission permission="evaluation.read"><CampaignDetailPage /></RequirePermission>} />
          {/* 预警: the list, the command screen and 签收 are for whoever a warning reaches (the server serves their part); issuing needs warning.issue. */}
          <Route path="warnings" element={<RequirePermission permission="warning.read"><WarningsPage /></RequirePermission>} />
          <Route path="warnings/new" element={<RequirePermission permission="warning.issue"><WarningIssuePage /></RequirePermission>} />
          <Route path="warnings/:id" element={<RequirePermission permission="warning.read"><WarningDashboardPage /></RequirePermission>} />
          <Route path="warnings/:id/ack" element={<RequirePermission permission="warning.read"><WarningAckPage /></RequirePermission>} />
          {/* 预警设置: installation-wide, so the page itself asks for a system administrator. */}
          <Route path="settings/warnings" element={<WarningSettingsPage />} />
          <Route path="inbox" element={<InboxPage />} />
          {/* 上报: anyone with a role where they live raises the alarm; one's own alarms and an alarm's page need only a session (the server serves the raiser's own, or one's units'). */}
          <Route path="alarms/new" element={<RequirePermission permission="alarm.raise"><RaiseAlarmPage /></RequirePermission>} />
          <Route path="alarms/mine" element={<MyAlarmsPage />} />
          <Route path="alarms" element={<RequirePermission permission="warning.read"><AlarmsPage /></RequirePermission>} />
          <Route path="alarms/:id" element={<AlarmDetailPage />} />
          {/* 转移: everyone who reads the warning sees the figures; the forms are for those who acknowledge for a village or grid. */}
          <Route path="warnings/:id/evacuation" element={<RequirePermission permission="warning.read"><EvacuationPage /></RequirePermission>} />
          <Route path="households" element={<RequirePermission permission="household.read"><HouseholdsPage /></RequirePermission>} />
          <Route path="households/import" element={<RequirePermission permission="household.write"><HouseholdImportPage /></RequirePermission>} />
          {/* 隐患排查: anyone with a role where they live reports; one's own reports and a hazard's page need only a session (the server serves what is theirs); the queue needs hazard.read. */}
          <Route path="hazards/new" element={<RequirePermission permission="hazard.report"><ReportHazardPage /></RequirePermission>} />
          <Route path="hazards/mine" element={<MyHazardsPage />} />
          <Route path="hazards" element={<RequirePermission permission="hazard.read"><HazardsPage /></RequirePermission>} />
          <Route path="hazards/:id" element={<HazardDetailPage />} />
          <Route path="shelters" element={<RequirePermission permission="warning.ack"><SheltersPage /></RequirePermission>} />
          <Route path="recovery" element={<RequirePermission permission="warning.read"><RecoveryPage /></RequirePermission>} />
          <Route path="settings/channels" element={<RequirePermission permission="warning.manage"><ChannelsPage /></RequirePermission>} />
          {/* Open311 接入: installation-wide API keys, so the page itself asks for a system administrator. */}
          <Route path="settings/open311" element={<Open311Page />} />
          {/* 群众求助 and 双报到: members serve (queue, registration); the village's people see its queue; one's own requests need only a session. */}
          <Route path="help/queue" element={<RequirePermission permission="help.serve"><HelpQueuePage /></RequirePermission>} />
          <Route path="help/residence" element={<RequirePermission permission="help.serve"><HelpResidencePage /></RequirePermission>} />
          <Route path="help/requests" element={<RequirePermission permission="help.read"><HelpVillagePage /></RequirePermission>} />
          <Route path="help/requests/:id" element={<HelpDetailPage />} />
          <Route path="help/qr" element={<RequirePermission permission="help.read"><HelpQrPage /></RequirePermission>} />
          <Route path="help/mine" element={<HelpMinePage />} />
          <Route path="help/new" element={<RequirePermission permission="help.request"><HelpNewPage /></RequirePermission>} />
          {/* 议事厅: residents and members of a place raise, discuss and vote; what each may do on a topic is decided by the server. */}
          <Route path="deliberation" element={<RequirePermission permission="deliberation.participate"><DeliberationTopicsPage /></RequirePermission>} />
          <Route path="deliberation/new" element={<RequirePermission permission="deliberation.participate"><DeliberationRaisePage /></RequirePermission>} />
          <Route path="deliberation/:id" element={<RequirePermission permission="deliberation.participate"><DeliberationTopicPage /></RequirePermission>} />
          {/* 人民调解: the pool and the register are the supervisors'; a mediator's queue and a case's page need only a session (the server serves assigned cases only). */}
          <Route path="mediation/mediators" element={<RequirePermission permission="mediation.manage"><MediatorsPage /></RequirePermission>} />
          <Route path="mediation/cases" element={<RequirePermission permission="mediation.manage"><MediationCasesPage /></RequirePermission>} />
          <Route path="mediation/mine" element={<MyMediationPage />} />
          <Route path="mediation/cases/:id" element={<MediationCasePage />} />
          <Route path="mediation/stats" element={<RequirePermission permission="mediation.read"><MediationStatsPage /></RequirePermission>} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** The import wizard serves those who may import members or units. */
function ImportGuard({ children }: { children: ReactNode }) {
  const can = useCan();
  return can('member.import') ? <>{children}</> : <RequirePermission permission="unit.write">{children}</RequirePermission>;
}

function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  // Set during render (it is idempotent) so date pickers never show the previous language.
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={{ token: { colorPrimary: '#c8161d', borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [qc] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={qc}>
      <Localized>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </Localized>
    </QueryClientProvider>
  );
}
