// One campaign: how many candidates stand at each stage (chart), the notice (publish, close, and
// why closing is refused), the candidates with the steps the user may take, the quotas with the
// places used, the objections, and the results with exports, certificates and the honor roll.
import { ArrowLeftOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { CANDIDATE_STATES } from '@xianfeng/domain';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { CampaignStatusTag } from './CampaignStatusTag.tsx';
import { CandidatesTable } from './CandidatesTable.tsx';
import { EditCampaignModal } from './EditCampaignModal.tsx';
import { useCampaignLabels } from './format.ts';
import { useCampaign } from './hooks.ts';
import { NominateDrawer } from './NominateDrawer.tsx';
import { NoticeCard } from './NoticeCard.tsx';
import { ObjectionsPanel } from './ObjectionsPanel.tsx';
import { QuotasCard } from './QuotasCard.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import type { CampaignDetail, CandidateState } from './types.ts';

const StageChart = lazy(() => import('./StageChart.tsx'));

const CHART_COLOR: Record<CandidateState, string> = {
  self_evaluation: '#13c2c2',
  branch_recommendation: '#1677ff',
  committee_review: '#2f54eb',
  leading_group: '#722ed1',
  decided: '#d4b106',
  public_notice: '#fa8c16',
  final: '#52c41a',
  not_recommended: '#f5222d',
  withdrawn: '#bfbfbf',
};

const TABS = ['candidates', 'quotas', 'objections', 'results'] as const;
type Tab = (typeof TABS)[number];

function Overview({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const { state } = useCampaignLabels();
  const states = CANDIDATE_STATES.filter((s) => campaign.kind === 'five_star' || s !== 'self_evaluation');
  return (
    <Card size="small" title={t('campaigns.detail.byStage', { count: campaign.total })}>
      <Suspense fallback={<Skeleton active />}>
        <StageChart bars={states.map((s) => ({ label: state(s), count: campaign.byState[s] ?? 0, color: CHART_COLOR[s] }))} />
      </Suspense>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="stage-counts">
        {states.map((s) => (
          <Tag key={s} data-testid={`stage-count-${s}`} data-count={campaign.byState[s] ?? 0}>
            {state(s)} {campaign.byState[s] ?? 0}
          </Tag>
        ))}
      </div>
    </Card>
  );
}

function Facts({ campaign, onEdit }: { campaign: CampaignDetail; onEdit: () => void }) {
  const { t } = useTranslation();
  const d = campaign.deadlines;
  const stages = (['selfEvaluation', 'branchRecommendation', 'committeeReview', 'leadingGroup'] as const).filter((s) => campaign.kind === 'five_star' || s !== 'selfEvaluation');
  return (
    <Card
      size="small"
      title={t('campaigns.detail.facts')}
      extra={
        campaign.can.manage && (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="campaign-edit">
            {t('common.edit')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('campaigns.list.organizer')}>{campaign.unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('campaigns.list.period')}>{campaign.period}</Descriptions.Item>
        {stages.map((s) => (
          <Descriptions.Item key={s} label={t(`campaigns.stage.${s}`)}>
            {d[s] ?? t('campaigns.detail.noDeadline')}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

export default function CampaignDetailPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { kind } = useCampaignLabels();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'candidates';
  const { data: campaign, isPending, error } = useCampaign(id);
  const [editing, setEditing] = useState(false);
  const [nominating, setNominating] = useState(false);

  if (isPending) return <Skeleton active />;
  if (error) {
    if (error instanceof ApiError && error.status === 404) return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('campaigns.detail.notFound')} />;
    return <Alert type="error" showIcon title={errorMessage(error)} />;
  }
  const judges = campaign.can.review || campaign.can.decide;
  const items = [
    { key: 'candidates', label: <span data-testid="campaign-tab-candidates">{t('campaigns.detail.tabCandidates')}</span>, children: <CandidatesTable campaign={campaign} /> },
    { key: 'quotas', label: <span data-testid="campaign-tab-quotas">{t('campaigns.detail.tabQuotas')}</span>, children: <QuotasCard campaign={campaign} /> },
    ...(judges
      ? [{ key: 'objections', label: <span data-testid="campaign-tab-objections">{t('campaigns.detail.tabObjections')}</span>, children: <ObjectionsPanel campaignId={campaign.id} canHandle={campaign.can.decide} closed={campaign.status === 'closed'} /> }]
      : []),
    { key: 'results', label: <span data-testid="campaign-tab-results">{t('campaigns.detail.tabResults')}</span>, children: <ResultsPanel campaignId={campaign.id} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="campaign-detail">
      <div>
        <Link to="/campaigns">
          <ArrowLeftOutlined /> {t('nav.campaigns')}
        </Link>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 4 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="campaign-title">
            {campaign.title}
          </Typography.Title>
          <Tag color="red">{kind(campaign.kind)}</Tag>
          <CampaignStatusTag campaign={campaign} />
          <span style={{ flex: 1 }} />
          {campaign.kind === 'commendation' && campaign.status === 'open' && can('evaluation.recommend') && (
            <Button icon={<UserAddOutlined />} onClick={() => setNominating(true)} data-testid="nominate-open">
              {t('campaigns.nominate.title')}
            </Button>
          )}
        </div>
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Overview campaign={campaign} />
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <NoticeCard campaign={campaign} />
            <Facts campaign={campaign} onEdit={() => setEditing(true)} />
          </Space>
        </Col>
      </Row>
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'candidates' ? {} : { tab: k }, { replace: true })} items={items} destroyOnHidden />
      {editing && <EditCampaignModal campaign={campaign} onClose={() => setEditing(false)} />}
      {campaign.kind === 'commendation' && <NominateDrawer campaign={campaign} open={nominating} onClose={() => setNominating(false)} />}
    </Space>
  );
}
