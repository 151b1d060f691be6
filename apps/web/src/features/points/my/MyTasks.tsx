// 我的任务: open tasks of the personal task list (those asking for one of my specialties first),
// claimed by a tap; then my claimed tasks, reported done with evidence or given back.
import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { TASK_CLAIM_STATUS_COLOR } from '../format.ts';
import { useInvalidatePoints, useMyTasks } from '../hooks.ts';
import type { MyTaskClaim, Task } from '../types.ts';
import { TaskReportModal } from './TaskReportModal.tsx';

function useTaskActions() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return {
    claim: (task: Task) => run(() => api.post(`/api/points/tasks/${task.id}/claim`), t('points.task.claimed')),
    withdraw: (claimId: number, title: string) =>
      modal.confirm({
        title: t('points.task.withdrawTitle'),
        content: t('points.task.withdrawConfirm', { title }),
        okButtonProps: { danger: true },
        onOk: () => run(() => api.post(`/api/points/task-claims/${claimId}/withdraw`), t('points.task.withdrawn')),
      }),
  };
}

function TaskCard({ task, onReport }: { task: Task; onReport: (c: { id: number; title: string }) => void }) {
  const { t } = useTranslation();
  const actions = useTaskActions();
  const [busy, setBusy] = useState(false);
  const full = task.taken >= task.capacity;
  const mine = task.myClaim;
  return (
    <Card size="small" data-testid="my-task">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{task.title}</Typography.Text>
          {task.matches && (
            <Tag color="gold" style={{ marginInlineStart: 6 }} data-testid="task-matches">
              {t('points.task.matches')}
            </Tag>
          )}
        </div>
        <Tag color="green" style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
          +{task.points}
        </Tag>
      </div>
      {task.description && <div style={{ color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>{task.description}</div>}
      <div style={{ marginTop: 4, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {task.specialties.map((s) => (
          <Tag key={s}>{s}</Tag>
        ))}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 6, gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('points.task.places', { taken: task.taken, capacity: task.capacity })}
          {task.deadline ? ` · ${t('points.task.deadlineOn', { date: task.deadline })}` : ''}
        </Typography.Text>
        {mine ? (
          <Space size={4} wrap>
            <Tag color={TASK_CLAIM_STATUS_COLOR[mine.status]}>{t(`points.taskClaimStatus.${mine.status}`)}</Tag>
            {mine.status === 'claimed' && (
              <>
                <Button size="small" type="primary" onClick={() => onReport({ id: mine.id, title: task.title })} data-testid="task-report">
                  {t('points.task.reportDone')}
                </Button>
                <Button size="small" onClick={() => actions.withdraw(mine.id, task.title)} data-testid="task-withdraw">
                  {t('points.task.withdraw')}
                </Button>
              </>
            )}
          </Space>
        ) : (
          <Button
            size="small"
            type="primary"
            disabled={full}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              await actions.claim(task);
              setBusy(false);
            }}
            data-testid="task-claim"
          >
            {full ? t('points.task.full') : t('points.task.claim')}
          </Button>
        )}
      </div>
    </Card>
  );
}

function ClaimRow({ claim, onReport }: { claim: MyTaskClaim; onReport: (c: { id: number; title: string }) => void }) {
  const { t } = useTranslation();
  const actions = useTaskActions();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0', alignItems: 'center', flexWrap: 'wrap' }} data-testid="my-task-claim">
      <div style={{ minWidth: 0 }}>
        <div className="xf-ellipsis">{claim.title}</div>
        <Space size={4}>
          <Tag color={TASK_CLAIM_STATUS_COLOR[claim.status]}>{t(`points.taskClaimStatus.${claim.status}`)}</Tag>
          {claim.status === 'verified' && <Tag color="green" icon={<CheckOutlined />}>+{claim.points}</Tag>}
        </Space>
        {claim.status === 'rejected' && claim.decisionReason && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="my-task-reason">
            {t('points.review.sentBackBecause', { reason: claim.decisionReason })}
          </Typography.Text>
        )}
      </div>
      {claim.status === 'claimed' && (
        <Space size={4}>
          <Button size="small" type="primary" onClick={() => onReport({ id: claim.id, title: claim.title })}>
            {t('points.task.reportDone')}
          </Button>
          <Button size="small" onClick={() => actions.withdraw(claim.id, claim.title)}>
            {t('points.task.withdraw')}
          </Button>
        </Space>
      )}
    </div>
  );
}

export function MyTasks() {
  const { t } = useTranslation();
  const { data, isPending, error } = useMyTasks();
  const [reporting, setReporting] = useState<{ id: number; title: string } | null>(null);
  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="my-tasks">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('points.task.intro')}
      </Typography.Paragraph>
      {data.items.length === 0 ? (
        <Empty description={t('points.task.noneOpen')} />
      ) : (
        data.items.map((task) => <TaskCard key={task.id} task={task} onReport={setReporting} />)
      )}
      <Card size="small" title={t('points.task.myClaims')}>
        {data.claims.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.task.noClaims')} />
        ) : (
          data.claims.map((c) => <ClaimRow key={c.id} claim={c} onReport={setReporting} />)
        )}
      </Card>
      <TaskReportModal claim={reporting} onClose={() => setReporting(null)} />
    </div>
  );
}
