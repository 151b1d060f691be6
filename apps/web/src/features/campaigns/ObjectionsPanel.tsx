// 异议处理 (the leading group): the objections of a campaign, filtered by state; each open one is
// dismissed, or upheld — the candidate withdrawn or returned to the leading group — always with a
// reply the person who objected reads with their receipt code.
import { Alert, App, Button, Card, Empty, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { OBJECTION_COLOR, useCampaignLabels } from './format.ts';
import { useInvalidateCampaigns, useObjections } from './hooks.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import type { Objection, ObjectionOutcome, ObjectionState } from './types.ts';

const rowProps = () => ({ 'data-testid': 'objection-row' }) as HTMLAttributes<HTMLElement>;
const OUTCOMES: ObjectionOutcome[] = ['dismiss', 'uphold_withdraw', 'uphold_return'];

function Contact({ o }: { o: Objection }) {
  const { t } = useTranslation();
  if (o.anonymous) return <Tag>{t('campaigns.objections.anonymous')}</Tag>;
  return (
    <span>
      {o.contactName ?? t('common.none')} {o.contactPhone && <Typography.Text type="secondary">{o.contactPhone}</Typography.Text>}
    </span>
  );
}

function Handled({ o }: { o: Objection }) {
  const { t } = useTranslation();
  const { outcome } = useCampaignLabels();
  if (!o.outcome) return null;
  return (
    <div style={{ fontSize: 13 }} data-testid="objection-handled">
      <div>
        <Typography.Text strong>{outcome(o.outcome)}</Typography.Text>
        <Typography.Text type="secondary">
          {' '}
          · {o.handledBy ?? ''} · {formatDateTime(o.handledAt)}
        </Typography.Text>
      </div>
      {o.reply && (
        <div style={{ whiteSpace: 'pre-wrap' }}>
          {t('campaigns.objections.reply')}
          {t('common.colon')}
          {o.reply}
        </div>
      )}
    </div>
  );
}

export function ObjectionsPanel({ campaignId, canHandle, closed }: { campaignId: number; canHandle: boolean; closed: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const { objectionState, outcome, category } = useCampaignLabels();
  const invalidate = useInvalidateCampaigns();
  const [state, setState] = useState<ObjectionState | 'all'>('open');
  const { data, isPending, isFetching, error } = useObjections(campaignId, state === 'all' ? undefined : state);
  const [handling, setHandling] = useState<{ o: Objection; outcome: ObjectionOutcome } | null>(null);

  const actions = (o: Objection) =>
    canHandle && !closed && o.state === 'open' ? (
      <Space wrap size={4}>
        {OUTCOMES.map((oc) => (
          <Button key={oc} size="small" danger={oc !== 'dismiss'} onClick={() => setHandling({ o, outcome: oc })} data-testid={`objection-${oc}`}>
            {t(`campaigns.objections.do.${oc}`)}
          </Button>
        ))}
      </Space>
    ) : null;

  const candidateCell = (o: Objection) => (
    <span>
      <Link to={`/campaigns/candidates/${o.candidate.id}`}>{o.candidate.name}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        {o.candidate.unitName} · {category(o.candidate.category)}
      </Typography.Text>
    </span>
  );

  const columns: ColumnsType<Objection> = [
    { title: t('campaigns.objections.filed'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('campaigns.objections.candidate'), key: 'candidate', width: 200, render: (_, o) => candidateCell(o) },
    {
      title: t('campaigns.objections.content'),
      key: 'content',
      width: 360,
      render: (_, o) => (
        <div>
          <div style={{ whiteSpace: 'pre-wrap' }}>{o.content}</div>
          <Handled o={o} />
        </div>
      ),
    },
    { title: t('campaigns.objections.contact'), key: 'contact', width: 160, render: (_, o) => <Contact o={o} /> },
    { title: t('campaigns.objections.receipt'), dataIndex: 'receiptCode', width: 120 },
    { title: t('campaigns.objections.state'), dataIndex: 'state', width: 90, render: (s: ObjectionState) => <Tag color={OBJECTION_COLOR[s]} data-testid="objection-state">{objectionState(s)}</Tag> },
    ...(canHandle && !closed ? [{ title: t('common.actions'), key: 'actions', width: 220, render: (_: unknown, o: Objection) => actions(o) }] : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="objections-panel">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Segmented
          value={state}
          onChange={(v) => setState(v as ObjectionState | 'all')}
          options={[
            { value: 'open', label: <span data-testid="objections-filter-open">{objectionState('open')}</span> },
            { value: 'dismissed', label: objectionState('dismissed') },
            { value: 'upheld', label: objectionState('upheld') },
            { value: 'all', label: <span data-testid="objections-filter-all">{t('campaigns.objections.all')}</span> },
          ]}
        />
        {data && data.open > 0 && state !== 'open' && <Tag color="processing">{t('campaigns.objections.openCount', { count: data.open })}</Tag>}
      </div>
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : isPhone ? (
        data.items.length === 0 ? (
          <Empty description={t('campaigns.objections.none')} />
        ) : (
          data.items.map((o) => (
            <Card key={o.id} size="small" data-testid="objection-row" title={candidateCell(o)} extra={<Tag color={OBJECTION_COLOR[o.state]} data-testid="objection-state">{objectionState(o.state)}</Tag>}>
              <div style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{o.content}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(o.createdAt)} · {o.receiptCode} · <Contact o={o} />
              </Typography.Text>
              <Handled o={o} />
              <div style={{ marginTop: 8 }}>{actions(o)}</div>
            </Card>
          ))
        )
      ) : (
        <Table<Objection>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data.items}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 1240 }}
          onRow={rowProps}
          locale={{ emptyText: <Empty description={t('campaigns.objections.none')} /> }}
        />
      )}
      {handling && (
        <ReasonDialog
          testIdPrefix="campaign-reason"
          requiredMessage={t('campaigns.reasonRequired')}
          open
          field="reply"
          maxLength={1000}
          danger={handling.outcome !== 'dismiss'}
          title={t(`campaigns.objections.do.${handling.outcome}`)}
          description={
            <div>
              <div>
                {handling.o.candidate.name} · {outcome(handling.outcome)}
              </div>
              <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                {handling.o.content}
              </Typography.Text>
            </div>
          }
          label={t('campaigns.objections.replyLabel')}
          onCancel={() => setHandling(null)}
          onSubmit={async (reply) => {
            await api.post(`/api/campaigns/objections/${handling.o.id}/handle`, { outcome: handling.outcome, reply });
            message.success(t('campaigns.objections.handled'));
            setHandling(null);
            await invalidate();
          }}
        />
      )}
    </Space>
  );
}
