// The frame of the pages anyone may open without logging in — residents on phones, mostly: the
// notices under public notice (公示) with the objection form, following an objection by its receipt
// code, and the honor roll (光荣榜). A plain red bar, the language switch, three links.
import { Button, Layout, Menu, Typography, type MenuProps } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../auth/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { RouteErrorBoundary } from '../../components/RouteErrorBoundary.tsx';

const LINKS = [
  { key: 'notices', path: '/public/notices', label: 'publicNotice.nav.notices' },
  { key: 'receipt', path: '/public/receipt', label: 'publicNotice.nav.receipt' },
  { key: 'honor-roll', path: '/public/honor-roll', label: 'publicNotice.nav.honorRoll' },
  { key: 'deliberation', path: '/public/deliberation', label: 'deliberation.public.title' },
  { key: 'help-follow', path: '/public/help/follow', label: 'help.follow.title' },
];

export default function PublicLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const selected = LINKS.find((l) => location.pathname.startsWith(l.path))?.key ?? 'notices';
  const items: MenuProps['items'] = LINKS.map((l) => ({ key: l.key, label: <span data-testid={`public-nav-${l.key}`}>{t(l.label)}</span> }));
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="public-layout">
      <div style={{ background: '#c8161d', padding: '10px 12px' }}>
        <div style={{ maxWidth: 960, margin: '0 auto', display: 'flex', alignItems: 'center', gap: 8 }}>
          <Link to="/public/notices" style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Text>
            <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', marginInlineStart: 8, whiteSpace: 'nowrap' }}>{t('publicNotice.supervision')}</Typography.Text>
          </Link>
          <LanguageSwitch />
          <Link to={me ? '/' : '/login'}>
            <Button size="small" ghost data-testid="public-login">
              {me ? t('publicNotice.backToApp') : t('publicNotice.login')}
            </Button>
          </Link>
        </div>
      </div>
      <div style={{ background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          items={items}
          onClick={({ key }) => navigate(LINKS.find((l) => l.key === key)!.path)}
          style={{ maxWidth: 960, margin: '0 auto', borderBottom: 0 }}
        />
      </div>
      <Layout.Content style={{ padding: 12 }}>
        <div style={{ maxWidth: 960, margin: '0 auto' }}>
          <RouteErrorBoundary key={location.pathname}>
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </RouteErrorBoundary>
        </div>
      </Layout.Content>
    </Layout>
  );
}
