// 公示公告: the campaigns under public notice, newest first, optionally those of one unit (?unit=code).
import { Alert, Card, Empty, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCampaignLabels } from '../campaigns/format.ts';
import { usePublicNotices } from './hooks.ts';
import { NoticePeriod } from './NoticePeriod.tsx';

export default function NoticesPage() {
  const { t } = useTranslation();
  const { kind } = useCampaignLabels();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const [typed, setTyped] = useState(unit ?? '');
  const { data, isPending, error } = usePublicNotices(unit);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="public-notices">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('publicNotice.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('publicNotice.intro')}</Typography.Text>
      </div>
      <Input.Search
        allowClear
        value={typed}
        maxLength={40}
        placeholder={t('publicNotice.unitCode')}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { unit: v.trim() } : {}, { replace: true })}
        data-testid="public-notices-unit"
      />
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : data.items.length === 0 ? (
        <Card>
          <Empty description={t('publicNotice.none')} />
        </Card>
      ) : (
        <List
          dataSource={data.items}
          renderItem={(n) => (
            <Link to={`/public/notices/${n.id}`} style={{ display: 'block', marginBottom: 12 }}>
              <Card size="small" hoverable data-testid="public-notice-item">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {n.title}
                </Typography.Text>
                <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                  <Tag color="red">{kind(n.kind)}</Tag>
                  <Typography.Text type="secondary">{n.organizer}</Typography.Text>
                  <Typography.Text type="secondary">{t('publicNotice.candidateCount', { count: n.candidates })}</Typography.Text>
                </div>
                <div style={{ marginTop: 6 }}>
                  <NoticePeriod notice={n} />
                </div>
              </Card>
            </Link>
          )}
        />
      )}
    </Space>
  );
}
