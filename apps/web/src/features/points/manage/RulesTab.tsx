// 积分规则: the catalogue in force for the unit — its own rules and those inherited from above (上级),
// which it may override with its own copy (also to switch one off for itself).
import { CopyOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { ACCOUNT_COLOR, usePointsFormat } from '../format.ts';
import { useInvalidatePoints, useUnitRules } from '../hooks.ts';
import type { Rule } from '../types.ts';
import { RuleFormDrawer } from './RuleFormDrawer.tsx';

const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

export function RulesTab({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const { account, rulePoints } = usePointsFormat();
  const { data, isFetching, error } = useUnitRules(unitId, true);
  const [editing, setEditing] = useState<{ rule?: Rule; template?: Rule } | null>(null);
  const rules = data?.items ?? [];

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const adopt = () =>
    modal.confirm({
      title: t('points.rules.adoptTitle'),
      content: t('points.rules.adoptConfirm'),
      okButtonProps: { 'data-testid': 'rules-adopt-confirm' },
      onOk: async () => {
        try {
          const r = await api.post<{ adopted: number }>('/api/points/rules/adopt', { unitId });
          message.success(t('points.rules.adopted', { count: r.adopted }));
          await invalidate();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  /** Own rule: flip it. Inherited: this unit gets its own copy, switched off. */
  const toggle = (r: Rule) => {
    if (!r.inherited) return run(() => api.patch(`/api/points/rules/${r.id}`, { active: !r.active }), r.active ? t('points.rules.deactivated') : t('points.rules.activated'));
    const { id: _id, unitId: _u, inherited: _i, ...fields } = r;
    modal.confirm({
      title: t('points.rules.deactivateInheritedTitle', { name: r.name }),
      content: t('points.rules.deactivateInheritedHint'),
      onOk: () => run(() => api.post('/api/points/rules', { ...fields, unitId, active: false }), t('points.rules.deactivated')),
    });
  };

  const limits = (r: Rule) =>
    [
      r.capPerPeriod !== null ? t('points.rule.capText', { cap: r.capPerPeriod }) : null,
      r.cycleDays !== null ? t('points.rule.cycleText', { days: r.cycleDays, max: r.maxPerCycle }) : null,
    ]
      .filter(Boolean)
      .join(t('common.separator'));

  const flags = (r: Rule) => (
    <Space size={[4, 4]} wrap>
      {r.inherited && <Tag color="purple" data-testid="rule-inherited">{t('points.rules.inherited')}</Tag>}
      {!r.active && <Tag>{t('points.rules.inactive')}</Tag>}
      {r.needsEvidence && <Tag color="orange">{t('points.rule.needsEvidence')}</Tag>}
      {!r.needsApproval && <Tag color="cyan">{t('points.rules.noApproval')}</Tag>}
      {r.veto && <Tag color="magenta">{t('points.veto')}</Tag>}
    </Space>
  );

  const actions = (r: Rule) => (
    <Space size={4} wrap>
      {r.inherited ? (
        <Button size="small" icon={<CopyOutlined />} onClick={() => setEditing({ template: r })} data-testid="rule-override">
          {t('points.rules.override')}
        </Button>
      ) : (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ rule: r })} data-testid="rule-edit">
          {t('common.edit')}
        </Button>
      )}
      {(r.active || !r.inherited) && (
        <Button size="small" danger={r.active} onClick={() => toggle(r)} data-testid="rule-toggle">
          {r.active ? t('points.rules.deactivate') : t('points.rules.activate')}
        </Button>
      )}
    </Space>
  );

  const columns: ColumnsType<Rule> = [
    { title: t('points.rules.code'), dataIndex: 'code', width: 90 },
    { title: t('points.rules.name'), dataIndex: 'name', render: (v: string, r) => (<span>{v}{r.description && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.description}</Typography.Text>}</span>) },
    { title: t('points.rules.account'), dataIndex: 'account', render: (a: Rule['account']) => <Tag color={ACCOUNT_COLOR[a]}>{account(a)}</Tag> },
    { title: t('points.rules.points'), key: 'points', render: (_, r) => rulePoints(r) },
    { title: t('points.rules.limits'), key: 'limits', render: (_, r) => limits(r) || t('common.none') },
    { title: t('points.rules.flags'), key: 'flags', render: (_, r) => flags(r) },
    { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_, r) => actions(r) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="rule-create">
          {t('points.rules.create')}
        </Button>
        <Button onClick={adopt} data-testid="rules-adopt">
          {t('points.rules.adopt')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {rules.length === 0 && !isFetching && <Empty description={t('points.rules.none')} />}
            {rules.map((r) => (
              <Card key={r.id} size="small" {...rowProps('rule-row')} style={{ opacity: r.active ? 1 : 0.65 }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span style={{ minWidth: 0 }}>
                    <Tag color={ACCOUNT_COLOR[r.account]}>{account(r.account)}</Tag>
                    <Typography.Text strong>{r.name}</Typography.Text>
                  </span>
                  <span style={{ whiteSpace: 'nowrap' }}>{rulePoints(r)}</span>
                </div>
                <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12, marginTop: 2 }}>
                  {r.code}
                  {limits(r) ? ` · ${limits(r)}` : ''}
                </div>
                <div style={{ marginTop: 4 }}>{flags(r)}</div>
                <div style={{ marginTop: 6 }}>{actions(r)}</div>
              </Card>
            ))}
          </div>
        </Spin>
      ) : (
        <Table<Rule>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rules}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ ...rowProps('rule-row'), style: { opacity: r.active ? 1 : 0.65 } })}
          locale={{ emptyText: <Empty description={t('points.rules.none')} /> }}
        />
      )}
      <RuleFormDrawer open={!!editing} unitId={unitId} rule={editing?.rule} template={editing?.template} onClose={() => setEditing(null)} />
    </Space>
  );
}
