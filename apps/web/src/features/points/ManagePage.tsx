// 积分管理: everything a secretary (or party-affairs worker) keeps for a unit — rules, the two lists,
// the shop, the settings, direct bookings and the ledger. The unit and the tab live in the address.
import { Card, Empty, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { BookTab } from './manage/BookTab.tsx';
import { ConductTab } from './manage/ConductTab.tsx';
import { LedgerTab } from './manage/LedgerTab.tsx';
import { RulesTab } from './manage/RulesTab.tsx';
import { SettingsTab } from './manage/SettingsTab.tsx';
import { ShopTab } from './manage/ShopTab.tsx';
import { TasksTab } from './manage/TasksTab.tsx';
import { useUnitChoice } from './useUnitChoice.ts';

const TABS = ['rules', 'conduct', 'tasks', 'shop', 'settings', 'book', 'ledger'] as const;
type Tab = (typeof TABS)[number];

const CONTENT: Record<Tab, (unitId: number) => ReactNode> = {
  rules: (u) => <RulesTab unitId={u} />,
  conduct: (u) => <ConductTab unitId={u} />,
  tasks: (u) => <TasksTab unitId={u} />,
  shop: (u) => <ShopTab unitId={u} />,
  settings: (u) => <SettingsTab unitId={u} />,
  book: (u) => <BookTab unitId={u} />,
  ledger: (u) => <LedgerTab unitId={u} />,
};

export default function ManagePage() {
  const { t } = useTranslation();
  const { unitId, unit, params, setParam, setUnit } = useUnitChoice('points.manage');
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'rules';

  return (
    <div data-testid="points-manage" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.pointsManage')}
      </Typography.Title>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <span>{t('points.unitLabel')}</span>
          <div style={{ flex: '1 1 240px', minWidth: 0, maxWidth: 480 }}>
            <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setUnit(id)} data-testid="manage-unit" />
          </div>
        </div>
      </Card>
      {!unitId ? (
        <Empty description={t('points.pickUnit')} />
      ) : (
        <Tabs
          // A new unit starts every tab afresh (half-filled forms belong to the previous one).
          key={unitId}
          activeKey={tab}
          onChange={(k) => setParam({ tab: k === 'rules' ? undefined : k })}
          destroyOnHidden
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`manage-tab-${k}`}>{t(`points.manage.tab.${k}`)}</span>, children: CONTENT[k](unitId) }))}
        />
      )}
    </div>
  );
}
