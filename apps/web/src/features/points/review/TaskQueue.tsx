// 任务核验: tasks of the personal task list reported done, verified (booking the task's bonus) or sent
// back with a reason, which frees the place for someone else.
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Pagination, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { EvidenceLinks } from '../EvidenceLinks.tsx';
import { TASK_CLAIM_STATUS_COLOR } from '../format.ts';
import { useInvalidatePoints, useTaskQueue } from '../hooks.ts';
import { ReasonModal } from '../ReasonModal.tsx';
import type { TaskClaim, TaskClaimStatus } from '../types.ts';

const STATUSES: TaskClaimStatus[] = ['reported', 'claimed', 'verified', 'rejected'];

export function TaskQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const [status, setStatus] = useState<TaskClaimStatus>('reported');
  const [rejecting, setRejecting] = useState<TaskClaim | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const { data, isFetching, error } = useTaskQueue(status, page);
  const items = data?.items ?? [];

  async function verify(c: TaskClaim) {
    setBusy(c.id);
    try {
      await api.post(`/api/points/task-claims/${c.id}/decide`, { approve: true });
      message.success(t('points.review.taskVerified', { name: c.member.name, points: c.task.points }));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
        <Segmented<TaskClaimStatus>
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`points.taskClaimStatus.${s}`) }))}
        />
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Spin spinning={isFetching}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="task-queue">
          {items.length === 0 && !isFetching && <Empty description={t('points.review.noTasks')} />}
          {items.map((c) => (
            <Card key={c.id} size="small" data-testid="task-queue-item">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{c.member.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>{c.member.unit.name}</Typography.Text>
                  <div className="xf-ellipsis">{c.task.title}</div>
                </div>
                <Tag color="green" style={{ marginInlineEnd: 0, height: 'fit-content' }}>
                  +{c.task.points}
                </Tag>
              </div>
              {c.report && <div style={{ marginTop: 6, wordBreak: 'break-word' }}>{c.report}</div>}
              {c.decisionReason && (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
                  {t('points.review.sentBackBecause', { reason: c.decisionReason })}
                </Typography.Text>
              )}
              {c.evidence.length > 0 && (
                <div style={{ marginTop: 6 }}>
                  <EvidenceLinks evidence={c.evidence} />
                </div>
              )}
              <div style={{ marginTop: 6, display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <Tag color={TASK_CLAIM_STATUS_COLOR[c.status]}>{t(`points.taskClaimStatus.${c.status}`)}</Tag>
                  {c.reportedAt ? formatDateTime(c.reportedAt) : ''}
                </Typography.Text>
                {c.status === 'reported' && (
                  <Space size={4}>
                    <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy === c.id} onClick={() => verify(c)} data-testid="task-verify">
                      {t('points.review.verify')}
                    </Button>
                    <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(c)} data-testid="task-send-back">
                      {t('points.review.sendBack')}
                    </Button>
                  </Space>
                )}
              </div>
            </Card>
          ))}
        </div>
      </Spin>
      {(data?.total ?? 0) > (data?.pageSize ?? 20) && (
        <Pagination size="small" align="center" current={page} pageSize={data?.pageSize ?? 20} total={data?.total ?? 0} onChange={setPage} showSizeChanger={false} />
      )}
      <ReasonModal
        open={!!rejecting}
        title={t('points.review.sendBackTitle', { name: rejecting?.member.name ?? '', title: rejecting?.task.title ?? '' })}
        label={t('points.review.rejectReason')}
        okText={t('points.review.sendBack')}
        danger
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await api.post(`/api/points/task-claims/${rejecting!.id}/decide`, { approve: false, reason });
          message.success(t('points.review.taskSentBack'));
          setRejecting(null);
          await invalidate();
        }}
      />
    </Space>
  );
}
