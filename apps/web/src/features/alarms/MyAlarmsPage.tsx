// 我的上报: the alarms one raised, newest first, with how far each has got.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Pagination, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { AlarmCard } from './AlarmCard.tsx';
import { useMyAlarms } from './hooks.ts';

const PAGE_SIZE = 20;

export default function MyAlarmsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [page, setPage] = useState(1);
  const { data, isFetching, error } = useMyAlarms(page, PAGE_SIZE);
  const items = data?.items ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640, margin: '0 auto', display: 'flex' }} data-testid="my-alarms-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('alarms.mine.title')}
        </Typography.Title>
        {can('alarm.raise') && (
          <Link to="/alarms/new">
            <Button type="primary" danger icon={<PlusOutlined />}>
              {t('alarms.raise.title')}
            </Button>
          </Link>
        )}
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Spin spinning={isFetching}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {items.length === 0 && !isFetching && <Empty description={t('alarms.mine.none')} />}
          {items.map((a) => (
            <AlarmCard key={a.id} alarm={a} showRaiser={false} />
          ))}
        </div>
      </Spin>
      {(data?.total ?? 0) > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={data?.total} onChange={setPage} size="small" style={{ textAlign: 'center' }} />}
    </Space>
  );
}
