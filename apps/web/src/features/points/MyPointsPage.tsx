// 我的积分: the member's own page, made for a phone. Tabs keep each part one tap away; the tab is
// in the address so a reload (or a link) opens the same one.
import { Result, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../auth/session.ts';
import { ClaimDrawer } from './my/ClaimDrawer.tsx';
import { MyClaims } from './my/MyClaims.tsx';
import { MyConduct } from './my/MyConduct.tsx';
import { MyOverview } from './my/MyOverview.tsx';
import { MyShop } from './my/MyShop.tsx';
import { MyTasks } from './my/MyTasks.tsx';

const TABS = ['overview', 'claims', 'tasks', 'shop', 'conduct'] as const;
type Tab = (typeof TABS)[number];

export default function MyPointsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [claiming, setClaiming] = useState(false);
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'overview';

  if (!me.memberId) return <Result status="info" title={t('points.my.notMemberTitle')} subTitle={t('points.my.notMember')} />;

  const open = () => setClaiming(true);
  const content: Record<Tab, ReactNode> = {
    overview: <MyOverview onClaim={open} />,
    claims: <MyClaims onClaim={open} />,
    tasks: <MyTasks />,
    shop: <MyShop />,
    conduct: <MyConduct />,
  };
  return (
    <div data-testid="my-points">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.pointsMe')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })}
        items={TABS.map((k) => ({ key: k, label: <span data-testid={`my-points-tab-${k}`}>{t(`points.my.tab.${k}`)}</span>, children: content[k] }))}
        destroyOnHidden
      />
      <ClaimDrawer open={claiming} onClose={() => setClaiming(false)} />
    </div>
  );
}
