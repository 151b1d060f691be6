// 预警: the warnings issued in or reaching the user's units. Those in force come first, in a section
// of their own; ended ones follow, page by page. Exercises (演练) carry their own tag and, unless
// asked for, stay out of the list of real warnings.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Pagination, Progress, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { DrillButton } from './DrillButton.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { levelColor } from './format.ts';
import { useWarnings } from './hooks.ts';
import { ExerciseTag, LevelTag, StatusTag, useWarningLabels } from './LevelTag.tsx';
import type { ListExercise, WarningListItem } from './types.ts';

type Show = 'all' | 'active' | 'closed';
const PAGE_SIZE = 20;

function AckProgress({ w, width }: { w: WarningListItem; width?: number }) {
  const { t } = useTranslation();
  const percent = w.units ? Math.round((w.acknowledged / w.units) * 100) : 0;
  return (
    <div style={{ width: width ?? '100%', minWidth: 0 }} data-testid="warning-ack">
      <Typography.Text style={{ fontSize: 12 }}>{t('warnings.list.ackOf', { acked: w.acknowledged, total: w.units })}</Typography.Text>
      <Progress percent={percent} size="small" showInfo={false} strokeColor={percent === 100 ? '#52c41a' : levelColor(w.level).bg} style={{ margin: 0 }} />
    </div>
  );
}

function WarningSection({ status, exercise, title }: { status: 'active' | 'closed'; exercise: ListExercise; title: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { hazard } = useWarningLabels();
  const [page, setPage] = useState(1);
  // Warnings in force are few: all of them on one page.
  const pageSize = status === 'active' ? 100 : PAGE_SIZE;
  const { data, isPending, isFetching, error } = useWarnings({ status, exercise, page, pageSize });
  const items = data?.items ?? [];
  const open = (w: WarningListItem) => navigate(`/warnings/${w.id}`);
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(status === 'active' ? 'warnings.list.noneActive' : 'warnings.list.noneClosed')} />;

  const columns: ColumnsType<WarningListItem> = [
    { title: t('warnings.field.level'), dataIndex: 'level', width: 80, render: (l: string) => <LevelTag level={l} /> },
    { title: t('warnings.field.hazard'), dataIndex: 'hazard', width: 120, ellipsis: true, render: (h: string) => hazard(h) },
    {
      title: t('warnings.field.headline'),
      dataIndex: 'headline',
      render: (v: string, w) => (
        <Space size={6} wrap>
          <Link to={`/warnings/${w.id}`} onClick={(e) => e.stopPropagation()}>
            {v}
          </Link>
          {w.exercise && <ExerciseTag />}
          {status === 'closed' && <StatusTag status={w.status} />}
        </Space>
      ),
    },
    { title: t('warnings.field.issuer'), dataIndex: 'unitName', ellipsis: true, width: 200 },
    { title: t('warnings.field.issuedAt'), dataIndex: 'issuedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('warnings.list.acknowledged'), key: 'ack', width: 150, render: (_, w) => <AckProgress w={w} /> },
  ];

  return (
    <Card size="small" title={title} data-testid={`warnings-${status}`} extra={data ? t('common.total', { count: data.total }) : null}>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : isPhone ? (
        !isPending && items.length === 0 ? (
          empty
        ) : (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {items.map((w) => (
              <Card
                key={w.id}
                size="small"
                hoverable
                onClick={() => open(w)}
                data-testid="warning-row"
                style={{ borderInlineStart: `4px solid ${levelColor(w.level).bg}`, background: w.exercise ? '#faf5ff' : undefined }}
              >
                <Space size={6} wrap style={{ marginBottom: 4 }}>
                  <LevelTag level={w.level} />
                  {w.exercise && <ExerciseTag />}
                  {status === 'closed' && <StatusTag status={w.status} />}
                  <Typography.Text type="secondary">{hazard(w.hazard)}</Typography.Text>
                </Space>
                <div>
                  <Typography.Text strong>{w.headline}</Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {w.unitName} · {formatDateTime(w.issuedAt)}
                </Typography.Text>
                <AckProgress w={w} />
              </Card>
            ))}
            {status === 'closed' && (data?.total ?? 0) > pageSize && (
              <Pagination simple current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={setPage} style={{ textAlign: 'center' }} />
            )}
          </Space>
        )
      ) : (
        <Table<WarningListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isPending || isFetching}
          onRow={(w) => ({ 'data-testid': 'warning-row', style: { cursor: 'pointer', background: w.exercise ? '#faf5ff' : undefined }, onClick: () => open(w) }) as HTMLAttributes<HTMLElement>}
          pagination={status === 'closed' && (data?.total ?? 0) > pageSize ? { current: page, pageSize, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false } : false}
          locale={{ emptyText: empty }}
        />
      )}
    </Card>
  );
}

export default function WarningsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const show = (params.get('show') as Show | null) ?? 'all';
  const exercise = (params.get('exercise') as ListExercise | null) ?? 'exclude';
  const set = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="warnings-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.warnings')}
        </Typography.Title>
        {can('warning.issue') && (
          <Space wrap>
            <DrillButton />
            <Button type="primary" danger icon={<PlusOutlined />} onClick={() => navigate('/warnings/new')} data-testid="warning-issue">
              {t('warnings.list.issue')}
            </Button>
          </Space>
        )}
      </div>
      <Space wrap>
        <Segmented<Show>
          value={show}
          onChange={(v) => set('show', v, 'all')}
          options={[
            { value: 'all', label: t('warnings.list.showAll') },
            { value: 'active', label: t('warnings.list.showActive') },
            { value: 'closed', label: t('warnings.list.showClosed') },
          ]}
          data-testid="warnings-status"
        />
        <Segmented<ListExercise>
          value={exercise}
          onChange={(v) => set('exercise', v, 'exclude')}
          options={[
            { value: 'exclude', label: t('warnings.list.real') },
            { value: 'only', label: t('warnings.list.exercises') },
            { value: 'include', label: t('warnings.list.both') },
          ]}
          data-testid="warnings-exercise"
        />
      </Space>
      {show !== 'closed' && <WarningSection key={`active-${exercise}`} status="active" exercise={exercise} title={t('warnings.list.activeTitle')} />}
      {show !== 'active' && <WarningSection key={`closed-${exercise}`} status="closed" exercise={exercise} title={t('warnings.list.closedTitle')} />}
    </Space>
  );
}
