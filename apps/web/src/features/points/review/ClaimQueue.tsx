// The review queue (积分审核) of the secretary's scope: claims waiting first, a table on a desk and
// cards on a phone, chosen one by one or all at once for 批量通过 / 批量驳回. A batch reports each
// claim that did not go through, with the server's reason.
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Pagination, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { formatDateTime } from '../../../lib/dates.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { EvidenceLinks } from '../EvidenceLinks.tsx';
import { ACCOUNT_COLOR, CLAIM_STATUS_COLOR, usePointsFormat } from '../format.ts';
import { useClaimQueue, useInvalidatePoints } from '../hooks.ts';
import { ReasonModal } from '../ReasonModal.tsx';
import type { BatchResult, Claim, ClaimStatus } from '../types.ts';
import { ApproveModal } from './ApproveModal.tsx';
import { BatchResultAlert, type BatchOutcome } from './BatchResultAlert.tsx';

const STATUSES: ClaimStatus[] = ['pending', 'approved', 'rejected', 'withdrawn'];
const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

export function ClaimQueue() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const { account, rulePoints } = usePointsFormat();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [status, setStatus] = useState<ClaimStatus>('pending');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<number[]>([]);
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const [approving, setApproving] = useState<Claim | null>(null);
  const [rejecting, setRejecting] = useState<Claim[] | null>(null);
  const { data, isFetching, error } = useClaimQueue({ unitId, status, ...paging });
  const items = data?.items ?? [];
  const pending = status === 'pending';

  const known = () => new Map(items.map((c) => [c.id, c]));
  async function decide(action: 'approve' | 'reject', ids: number[], body: object): Promise<BatchResult> {
    const claims = known();
    const result = await api.post<BatchResult>(`/api/points/claims/${action}`, { ids, ...body });
    // The failed ones stay chosen, so they can be looked at again.
    setSelected(result.failed.map((f) => f.id));
    if (ids.length > 1) setOutcome({ action, result, claims });
    await invalidate();
    return result;
  }

  /** One claim: a ranged rule asks for the points first; a fixed one goes straight through. */
  async function approveOne(claim: Claim, points: number | null): Promise<string | null> {
    try {
      const r = await decide('approve', [claim.id], points === null ? {} : { points });
      if (r.failed.length) return r.failed[0].message;
      setApproving(null);
      message.success(t('points.review.approvedOne', { name: claim.member.name }));
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  }

  const startApprove = (claim: Claim) => {
    if (claim.rule.pointsMin !== claim.rule.pointsMax) setApproving(claim);
    else
      void approveOne(claim, null).then((problem) => {
        if (problem) message.error(problem);
      });
  };

  const approveBatch = () =>
    modal.confirm({
      title: t('points.review.batchApproveTitle', { count: selected.length }),
      content: t('points.review.batchApproveHint'),
      okText: t('points.review.batchApprove'),
      okButtonProps: { 'data-testid': 'batch-approve-confirm' },
      onOk: async () => {
        try {
          await decide('approve', selected, {});
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const actions = (c: Claim) =>
    pending && (
      <Space size={4} wrap>
        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => startApprove(c)} data-testid="claim-approve">
          {t('points.review.approve')}
        </Button>
        <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting([c])} data-testid="claim-reject">
          {t('points.review.reject')}
        </Button>
      </Space>
    );

  const ruleCell = (c: Claim) => (
    <span>
      <Tag color={ACCOUNT_COLOR[c.rule.account]}>{account(c.rule.account)}</Tag>
      {c.rule.name}
    </span>
  );
  const pointsCell = (c: Claim) => (c.points !== null ? t('points.pointsValue', { count: c.points }) : rulePoints(c.rule));
  const submittedCell = (c: Claim) => (
    <span style={{ fontSize: 12 }}>
      {c.submittedBy}
      {c.onBehalf && <Tag style={{ marginInlineStart: 4 }}>{t('points.review.onBehalf')}</Tag>}
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(c.submittedAt)}
      </Typography.Text>
    </span>
  );
  const decisionCell = (c: Claim) => (
    <span style={{ fontSize: 12 }}>
      <Tag color={CLAIM_STATUS_COLOR[c.status]}>{t(`points.claimStatus.${c.status}`)}</Tag>
      {c.decisionReason}
      {c.decidedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {formatDateTime(c.decidedAt)}
        </Typography.Text>
      )}
    </span>
  );

  const columns: ColumnsType<Claim> = [
    { title: t('points.review.member'), key: 'member', render: (_, c) => (<span>{c.member.name}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.unit.name}</Typography.Text></span>) },
    { title: t('points.review.rule'), key: 'rule', render: (_, c) => ruleCell(c) },
    { title: t('points.claim.date'), dataIndex: 'occurredOn', width: 110 },
    { title: t('points.review.points'), key: 'points', render: (_, c) => pointsCell(c), width: 90 },
    { title: t('points.claim.remark'), dataIndex: 'remark', ellipsis: true },
    { title: t('points.claim.evidence'), key: 'evidence', render: (_, c) => <EvidenceLinks evidence={c.evidence} /> },
    { title: t('points.review.submitted'), key: 'submitted', render: (_, c) => submittedCell(c) },
    pending ? { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_, c) => actions(c) } : { title: t('points.review.decision'), key: 'decision', render: (_, c) => decisionCell(c) },
  ];

  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (total: number) => t('common.total', { count: total }),
    onChange: (page: number, pageSize: number) => {
      setSelected([]);
      setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize });
    },
  };

  const batchBar = pending && items.length > 0 && (
    <Card size="small" data-testid="batch-bar">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Checkbox
          checked={selected.length > 0 && selected.length === items.length}
          indeterminate={selected.length > 0 && selected.length < items.length}
          onChange={(e) => setSelected(e.target.checked ? items.map((c) => c.id) : [])}
          data-testid="select-all"
        >
          {t('points.review.selected', { count: selected.length })}
        </Checkbox>
        <Space wrap>
          <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} onClick={approveBatch} data-testid="batch-approve">
            {t('points.review.batchApprove')}
          </Button>
          <Button danger icon={<CloseOutlined />} disabled={selected.length === 0} onClick={() => setRejecting(items.filter((c) => selected.includes(c.id)))} data-testid="batch-reject">
            {t('points.review.batchReject')}
          </Button>
        </Space>
      </div>
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <div style={{ flex: '1 1 240px', minWidth: 0 }}>
          <UnitPicker
            value={unitId ?? null}
            placeholder={t('points.review.allUnits')}
            onChange={(id) => {
              setUnitId(id);
              setSelected([]);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            data-testid="review-unit"
          />
        </div>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<ClaimStatus>
            value={status}
            onChange={(s) => {
              setStatus(s);
              setSelected([]);
              setOutcome(null);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={STATUSES.map((s) => ({ value: s, label: <span data-testid={`review-status-${s}`}>{t(`points.claimStatus.${s}`)}</span> }))}
          />
        </div>
      </div>
      {outcome && <BatchResultAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {batchBar}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="review-list">
            {items.length === 0 && !isFetching && <Empty description={t('points.review.none')} />}
            {items.map((c) => (
              <Card key={c.id} size="small" {...rowProps('review-claim')}>
                <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  {pending && (
                    <Checkbox
                      checked={selected.includes(c.id)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, c.id] : s.filter((x) => x !== c.id)))}
                      aria-label={c.member.name}
                      data-testid="claim-select"
                    />
                  )}
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <Typography.Text strong>{c.member.name}</Typography.Text>
                      <span style={{ whiteSpace: 'nowrap', fontWeight: 600 }}>{pointsCell(c)}</span>
                    </div>
                    <div className="xf-ellipsis" style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
                      {c.unit.name} · {c.occurredOn}
                    </div>
                    <div style={{ marginTop: 2 }}>{ruleCell(c)}</div>
                    {c.remark && <div style={{ marginTop: 4, wordBreak: 'break-word' }}>{c.remark}</div>}
                    {c.evidence.length > 0 && (
                      <div style={{ marginTop: 6 }}>
                        <EvidenceLinks evidence={c.evidence} />
                      </div>
                    )}
                    <div style={{ marginTop: 6, display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                      {submittedCell(c)}
                      {pending ? actions(c) : decisionCell(c)}
                    </div>
                  </div>
                </div>
              </Card>
            ))}
            {(data?.total ?? 0) > paging.pageSize && <Pagination {...pagination} size="small" style={{ textAlign: 'center' }} />}
          </div>
        </Spin>
      ) : (
        <Table<Claim>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          rowSelection={pending ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
          onRow={() => rowProps('review-claim')}
          locale={{ emptyText: <Empty description={t('points.review.none')} /> }}
          data-testid="review-table"
        />
      )}
      <ApproveModal claim={approving} onCancel={() => setApproving(null)} onApprove={approveOne} />
      <ReasonModal
        open={!!rejecting}
        title={rejecting && rejecting.length > 1 ? t('points.review.batchRejectTitle', { count: rejecting.length }) : t('points.review.rejectTitle')}
        description={rejecting?.length === 1 ? `${rejecting[0].member.name} · ${rejecting[0].rule.name} · ${rejecting[0].occurredOn}` : undefined}
        label={t('points.review.rejectReason')}
        okText={t('points.review.reject')}
        danger
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          const ids = rejecting!.map((c) => c.id);
          const r = await decide('reject', ids, { reason });
          setRejecting(null);
          if (ids.length === 1 && r.failed.length) message.error(r.failed[0].message);
          else if (ids.length === 1) message.success(t('points.review.rejectedOne'));
        }}
      />
    </Space>
  );
}
