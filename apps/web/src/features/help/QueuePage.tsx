// 匹配我的求助: a member's work queue on the phone — requests of the places they serve that match
// them and nobody has taken yet, and those they took, with accept / start / resolve.
import { Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/session.ts';
import { HelpActions } from './Actions.tsx';
import { useHelpQueue } from './hooks.ts';
import { RequestCard } from './RequestCard.tsx';

export default function QueuePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [status, setStatus] = useState<'open' | 'resolved' | 'all'>('open');
  const { data, isPending } = useHelpQueue(status === 'all' ? undefined : status);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }} data-testid="help-queue-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('help.queue.title')}</Typography.Title>
        <Typography.Text type="secondary">
          {t('help.queue.intro')} <Link to="/help/residence">{t('help.queue.residenceLink')}</Link>
        </Typography.Text>
      </div>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[
          { value: 'open', label: <span data-testid="help-queue-filter-open">{t('help.queue.open')}</span> },
          { value: 'resolved', label: <span data-testid="help-queue-filter-resolved">{t('help.queue.resolved')}</span> },
          { value: 'all', label: <span data-testid="help-queue-filter-all">{t('help.queue.all')}</span> },
        ]}
      />
      {isPending ? (
        <Spin />
      ) : !data?.items.length ? (
        <Empty description={t('help.queue.empty')} />
      ) : (
        data.items.map((r) => {
          const mine = !!me?.memberId && r.helper?.memberId === me.memberId;
          return (
            <RequestCard
              key={r.id}
              r={r}
              actions={<HelpActions r={r} can={{ accept: r.status === 'received', start: mine && r.status === 'accepted', resolve: mine && (r.status === 'accepted' || r.status === 'in_progress') }} />}
            />
          );
        })
      )}
    </Space>
  );
}
