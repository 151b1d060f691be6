// 积分审核: the secretary's queue of claims, and of personal tasks reported done.
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ClaimQueue } from './review/ClaimQueue.tsx';
import { TaskQueue } from './review/TaskQueue.tsx';

export default function ReviewPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'tasks' ? 'tasks' : 'claims';
  return (
    <div data-testid="points-review">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.pointsReview')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'claims' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'claims', label: <span data-testid="review-tab-claims">{t('points.review.tabClaims')}</span>, children: <ClaimQueue /> },
          { key: 'tasks', label: <span data-testid="review-tab-tasks">{t('points.review.tabTasks')}</span>, children: <TaskQueue /> },
        ]}
      />
    </div>
  );
}
