// The home page's alarm bell: the warnings in force that reach the user, strongest first, in the
// strongest one's colour, each with 签收 when one of the user's units has not acknowledged yet.
// Nothing is shown when no warning is in force.
import { AlertFilled, RightOutlined } from '@ant-design/icons';
import { WARNING_LEVEL_INFO, type WarningLevel } from '@xianfeng/domain';
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/session.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { levelColor } from './format.ts';
import { useActiveWarnings } from './hooks.ts';
import { ExerciseTag, LevelTag } from './LevelTag.tsx';
import type { WarningListItem } from './types.ts';

const rank = (w: WarningListItem) => (w.exercise ? 0 : 10) + WARNING_LEVEL_INFO[w.level as WarningLevel].rank;

export function ActiveWarningsCard() {
  const can = useCan();
  const enabled = can('warning.read');
  const { list, details } = useActiveWarnings(enabled);
  if (!enabled || !list.data || list.data.items.length === 0) return null;
  return <Shown items={list.data.items} pendingOf={(id) => details.find((d) => d?.id === id)?.myUnits.filter((u) => !u.acknowledgedAt).length ?? 0} />;
}

function Shown({ items, pendingOf }: { items: WarningListItem[]; pendingOf: (id: number) => number }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const sorted = [...items].sort((a, b) => rank(b) - rank(a) || b.issuedAt.localeCompare(a.issuedAt));
  const top = levelColor(sorted[0].level);
  return (
    <Card
      size="small"
      data-testid="home-active-warnings"
      style={{ borderColor: top.bg, borderWidth: 2, background: top.soft }}
      styles={{ header: { background: top.bg, color: top.fg, borderBottom: 0 } }}
      title={
        <Space>
          <AlertFilled />
          {t('warnings.home.title', { count: items.length })}
        </Space>
      }
      extra={
        <Link to="/warnings" style={{ color: top.fg }}>
          {t('warnings.home.all')} <RightOutlined />
        </Link>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {sorted.map((w) => {
          const pending = pendingOf(w.id);
          return (
            <div
              key={w.id}
              data-testid="home-active-warning"
              style={{ display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'space-between', flexWrap: isPhone ? 'wrap' : 'nowrap', background: '#fff', borderRadius: 6, padding: '8px 10px', borderInlineStart: `4px solid ${levelColor(w.level).bg}` }}
            >
              <div style={{ minWidth: 0, flex: '1 1 200px' }}>
                <Space size={6} wrap>
                  <LevelTag level={w.level} />
                  {w.exercise && <ExerciseTag />}
                  <Link to={`/warnings/${w.id}`}>
                    <Typography.Text strong>{w.headline}</Typography.Text>
                  </Link>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {w.unitName} · {formatDateTime(w.issuedAt)} · {t('warnings.list.ackOf', { acked: w.acknowledged, total: w.units })}
                </Typography.Text>
              </div>
              {pending > 0 ? (
                <Link to={`/warnings/${w.id}/ack`} style={{ flex: isPhone ? '1 1 100%' : undefined }}>
                  <Button type="primary" danger block={isPhone} data-testid="home-warning-ack">
                    {t('warnings.home.ack', { count: pending })}
                  </Button>
                </Link>
              ) : (
                <Link to={`/warnings/${w.id}`}>
                  <Button size="small">{t('warnings.home.open')}</Button>
                </Link>
              )}
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
