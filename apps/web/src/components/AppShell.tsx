// The logged-in frame: a side menu on desktops, a compact top bar with a drawer menu on phones.
// Menu items follow the permissions of the user's roles.
import {
  AlertOutlined, BankOutlined, FieldTimeOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, CheckSquareOutlined, FlagOutlined, IdcardOutlined, CloudUploadOutlined, HomeOutlined, KeyOutlined, LogoutOutlined,
  MenuOutlined, ControlOutlined, CrownOutlined, NotificationOutlined, SafetyCertificateOutlined, ScheduleOutlined, SettingOutlined, SolutionOutlined, StarOutlined, TeamOutlined, TrophyOutlined, UserOutlined, UserSwitchOutlined,
} from '@ant-design/icons';
import { CommentOutlined } from '@ant-design/icons';
import { CustomerServiceOutlined, EnvironmentOutlined, HeartOutlined, QrcodeOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiOutlined, ContactsOutlined, ExceptionOutlined, ToolOutlined, WarningOutlined } from '@ant-design/icons';
import { BugOutlined, ProfileOutlined, SafetyOutlined } from '@ant-design/icons';
import { GlobalOutlined } from '@ant-design/icons';
import { FileProtectOutlined, PieChartOutlined, SolutionOutlined as MediationOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Me, Permission } from '../api/types.ts';
import { can, strongestRole } from '../auth/permissions.ts';
import { useCurrentUser, useLogout } from '../auth/session.ts';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal.tsx';
import { isSystemAdmin } from '../features/calendar/model.ts';
import { InboxBell } from '../features/inbox/InboxBell.tsx';
import { isWarningAdmin } from '../features/warnings/access.ts';
import { isOpen311Admin } from '../features/open311/access.ts';
import { useIsPhone } from '../lib/useIsPhone.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PageSpin } from './PageSpin.tsx';
import { RouteErrorBoundary } from './RouteErrorBoundary.tsx';

interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
  /** Any of these permissions shows the item; none listed: everyone. */
  anyOf?: Permission[];
  /** Shows the item only when this holds for the user (e.g. their account is linked to a member). */
  when?: (me: Me) => boolean;
}

const NAV: NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, label: 'nav.home' },
  { key: 'warnings', path: '/warnings', icon: <AlertOutlined />, label: 'nav.warnings', anyOf: ['warning.read'] },
  // 上报险情 before 险情上报: the menu marks the first item whose path starts the address.
  { key: 'alarm-new', path: '/alarms/new', icon: <WarningOutlined />, label: 'nav.alarmNew', anyOf: ['alarm.raise'] },
  { key: 'alarms', path: '/alarms', icon: <ExceptionOutlined />, label: 'nav.alarms', anyOf: ['warning.read'] },
  { key: 'households', path: '/households', icon: <ContactsOutlined />, label: 'nav.households', anyOf: ['household.read'] },
  // 报告隐患 before 隐患排查 and 我的隐患, for the same reason as the alarms above.
  { key: 'hazard-new', path: '/hazards/new', icon: <BugOutlined />, label: 'hazards.nav.report', anyOf: ['hazard.report'] },
  { key: 'hazards-mine', path: '/hazards/mine', icon: <ProfileOutlined />, label: 'hazards.nav.mine', anyOf: ['hazard.report'] },
  { key: 'hazards', path: '/hazards', icon: <SafetyOutlined />, label: 'hazards.nav.queue', anyOf: ['hazard.read'] },
  { key: 'shelters', path: '/shelters', icon: <BankOutlined />, label: 'nav.shelters', anyOf: ['warning.ack'] },
  { key: 'recovery', path: '/recovery', icon: <ToolOutlined />, label: 'nav.recovery', anyOf: ['warning.read'] },
  { key: 'units', path: '/units', icon: <ApartmentOutlined />, label: 'nav.units', anyOf: ['unit.read'] },
  { key: 'members', path: '/members', icon: <TeamOutlined />, label: 'nav.members', anyOf: ['member.read'] },
  { key: 'import', path: '/import', icon: <CloudUploadOutlined />, label: 'nav.import', anyOf: ['member.import', 'unit.write'] },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, label: 'nav.audit', anyOf: ['audit.read'] },
  { key: 'users', path: '/users', icon: <UserSwitchOutlined />, label: 'nav.users', anyOf: ['user.read'] },
  { key: 'points-me', path: '/points/me', icon: <StarOutlined />, label: 'nav.pointsMe', when: (me) => me.memberId !== null },
  { key: 'points-review', path: '/points/review', icon: <CheckSquareOutlined />, label: 'nav.pointsReview', anyOf: ['points.approve'] },
  { key: 'points-board', path: '/points/board', icon: <TrophyOutlined />, label: 'nav.pointsBoard', anyOf: ['points.read'] },
  { key: 'points-manage', path: '/points/manage', icon: <SettingOutlined />, label: 'nav.pointsManage', anyOf: ['points.manage'] },
  { key: 'stars-preview', path: '/stars/preview', icon: <CrownOutlined />, label: 'nav.starsPreview', anyOf: ['evaluation.read'] },
  { key: 'stars-scheme', path: '/stars/scheme', icon: <ControlOutlined />, label: 'nav.starsScheme', anyOf: ['evaluation.manage'] },
  { key: 'commitments-me', path: '/commitments/me', icon: <FlagOutlined />, label: 'nav.commitmentsMe', when: (me) => me.memberId !== null },
  { key: 'cards', path: '/cards', icon: <IdcardOutlined />, label: 'nav.cards' },
  { key: 'deliberation', path: '/deliberation', icon: <CommentOutlined />, label: 'deliberation.nav', anyOf: ['deliberation.participate'] },
  { key: 'help-queue', path: '/help/queue', icon: <CustomerServiceOutlined />, label: 'help.nav.queue', anyOf: ['help.serve'], when: (me) => me.memberId !== null },
  { key: 'help-residence', path: '/help/residence', icon: <EnvironmentOutlined />, label: 'help.nav.residence', anyOf: ['help.serve'], when: (me) => me.memberId !== null },
  { key: 'help-mine', path: '/help/mine', icon: <HeartOutlined />, label: 'help.nav.mine', anyOf: ['help.request'] },
  { key: 'help-village', path: '/help/requests', icon: <InboxOutlined />, label: 'help.nav.village', anyOf: ['help.read'] },
  { key: 'help-qr', path: '/help/qr', icon: <QrcodeOutlined />, label: 'help.nav.qr', anyOf: ['help.read'] },
  // 人民调解: a member's own queue (the page says so when they are not a mediator), then the supervisors' pages.
  { key: 'mediation-mine', path: '/mediation/mine', icon: <MediationOutlined />, label: 'mediation.nav.mine', when: (me) => me.memberId !== null },
  { key: 'mediation-cases', path: '/mediation/cases', icon: <FileProtectOutlined />, label: 'mediation.nav.cases', anyOf: ['mediation.manage'] },
  { key: 'mediation-pool', path: '/mediation/mediators', icon: <UsergroupAddOutlined />, label: 'mediation.nav.pool', anyOf: ['mediation.manage'] },
  { key: 'mediation-stats', path: '/mediation/stats', icon: <PieChartOutlined />, label: 'mediation.nav.stats', anyOf: ['mediation.read'] },
  { key: 'commitments-compare', path: '/commitments/compare', icon: <BarChartOutlined />, label: 'nav.commitmentsCompare', anyOf: ['points.read'] },
  { key: 'campaigns-my', path: '/campaigns/my', icon: <SolutionOutlined />, label: 'nav.campaignsMy', when: (me) => me.memberId !== null },
  { key: 'campaigns-todo', path: '/campaigns/todo', icon: <ScheduleOutlined />, label: 'nav.campaignsTodo', anyOf: ['evaluation.recommend', 'evaluation.review', 'evaluation.decide'] },
  { key: 'campaigns', path: '/campaigns', icon: <SafetyCertificateOutlined />, label: 'nav.campaigns', anyOf: ['evaluation.read'] },
  { key: 'public-notices', path: '/public/notices', icon: <NotificationOutlined />, label: 'nav.publicNotices' },
  { key: 'calendar', path: '/settings/calendar', icon: <CalendarOutlined />, label: 'nav.calendar', when: isSystemAdmin },
  { key: 'warning-settings', path: '/settings/warnings', icon: <FieldTimeOutlined />, label: 'nav.warningSettings', when: isWarningAdmin },
  { key: 'channels', path: '/settings/channels', icon: <ApiOutlined />, label: 'nav.channels', anyOf: ['warning.manage'] },
  { key: 'open311', path: '/settings/open311', icon: <GlobalOutlined />, label: 'open311.nav', when: isOpen311Admin },
];

function Brand({ light }: { light?: boolean }) {
  const { t } = useTranslation();
  return (
    <Typography.Text strong style={{ fontSize: 18, color: light ? '#fff' : '#c8161d', whiteSpace: 'nowrap' }}>
      {t('app.name')}
    </Typography.Text>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const isPhone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const visible = NAV.filter((n) => (!n.anyOf || n.anyOf.some((p) => can(me, p))) && (!n.when || n.when(me)));
  // The item whose path starts the address (`/members/12` → members, `/points/review` → points-review).
  const selected = visible.find((n) => n.path !== '/' && (location.pathname === n.path || location.pathname.startsWith(`${n.path}/`)))?.key ?? 'home';
  const items: MenuProps['items'] = visible.map((n) => ({
    key: n.key,
    icon: n.icon,
    label: <span data-testid={`menu-${n.key}`}>{t(n.label)}</span>,
  }));
  const go: MenuProps['onClick'] = ({ key }) => {
    const item = NAV.find((n) => n.key === key);
    if (item) navigate(item.path);
    setDrawerOpen(false);
  };

  const role = strongestRole(me);
  const userMenu: MenuProps['items'] = [
    { key: 'who', disabled: true, label: <span>{t(`enums.role.${role}`)}</span> },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('auth.changePassword')}</span> },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.logout')}</span> },
  ];
  const onUserMenu: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') setPasswordOpen(true);
    if (key === 'logout') {
      await logout();
      navigate('/login', { replace: true });
    }
  };
  const userButton = (
    <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
        <Space size={6}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8161d' }} />
          {!isPhone && <span className="xf-ellipsis" style={{ maxWidth: 160, display: 'inline-block' }}>{me.displayName}</span>}
        </Space>
      </Button>
    </Dropdown>
  );

  const content = (
    <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
      <div className="xf-page">
        {/* Keyed by path: moving to another page clears an error shown on the previous one. */}
        <RouteErrorBoundary key={location.pathname}>
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </div>
    </Layout.Content>
  );

  const passwordModal = (
    <ChangePasswordModal
      open={passwordOpen || me.mustChangePassword}
      forced={me.mustChangePassword}
      onClose={() => setPasswordOpen(false)}
    />
  );

  // One tree for both sizes, the parts that differ in fixed places: crossing the phone breakpoint
  // (a tablet turned, a window resized) must not remount the page and lose an open form.
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Layout.Sider breakpoint="lg" collapsedWidth={64} width={208} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            <Brand />
          </div>
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={go} style={{ borderInlineEnd: 0 }} />
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          size={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
        >
          <div style={{ padding: '8px 24px', color: 'rgba(0,0,0,0.55)' }}>
            {me.displayName} · {t(`enums.role.${role}`)}
          </div>
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={go} style={{ borderInlineEnd: 0 }} />
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={
            isPhone
              ? { position: 'sticky', top: 0, zIndex: 10, height: 52, lineHeight: '52px', paddingInline: 8, display: 'flex', alignItems: 'center', gap: 8, background: '#fff', borderBottom: '1px solid #f0f0f0' }
              : { background: '#fff', paddingInline: 24, display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 16, borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }
          }
        >
          {isPhone && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.open')} data-testid="menu-toggle" onClick={() => setDrawerOpen(true)} />}
          {isPhone && (
            <div style={{ flex: 1, minWidth: 0 }}>
              <Brand />
            </div>
          )}
          <InboxBell />
          <LanguageSwitch />
          {userButton}
        </Layout.Header>
        {content}
      </Layout>
      {passwordModal}
    </Layout>
  );
}
