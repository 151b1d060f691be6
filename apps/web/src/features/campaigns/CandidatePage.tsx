// 候选人档案: one candidate — who, from where, for what; the stars at each stage; the self-evaluation
// (the candidate fills it in here while it is open); the branch meeting's vote; every step with who,
// when and why; the objections; and the steps the server says the user may take now.
import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { EvidenceLinks } from '../points/EvidenceLinks.tsx';
import { Stars } from '../stars/Stars.tsx';
import { ActionButtons } from './ActionButtons.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { OBJECTION_COLOR, STATE_COLOR, useCampaignLabels } from './format.ts';
import { useCandidate, useObjections } from './hooks.ts';
import { SelfEvaluationForm } from './SelfEvaluationForm.tsx';
import type { CandidateDetail, CandidateEvent, StarDimension } from './types.ts';
import { VotesLine } from './VotesInput.tsx';

const EVENT_COLOR: Record<string, string> = {
  create: 'gray', submit: 'blue', recommend: 'blue', approve: 'blue', decide: 'blue', publish: 'orange', finalize: 'green',
  decline: 'red', reject: 'red', return: 'orange', withdraw: 'gray', uphold_withdraw: 'red', uphold_return: 'orange', objection_dismissed: 'gray',
};

function starsIn(detail: Record<string, unknown> | null, ...keys: string[]): StarDimension[] | null {
  for (const k of keys) {
    const v = detail?.[k];
    if (Array.isArray(v)) return v as StarDimension[];
  }
  return null;
}

function EventLine({ e }: { e: CandidateEvent }) {
  const { t } = useTranslation();
  const { state, action, outcome } = useCampaignLabels();
  const votes = e.detail?.votes as { eligible: number; present: number; inFavour: number; against: number; abstain: number; meetingOn?: unknown } | undefined;
  const meetingOn = [votes?.meetingOn, e.detail?.meetingOn].find((d): d is string => typeof d === 'string') ?? null;
  const stars = starsIn(e.detail, 'stars', 'computedStars');
  const out = typeof e.detail?.outcome === 'string' ? (e.detail.outcome as string) : null;
  return (
    <div data-testid="dossier-event" data-action={e.action}>
      <div>
        <Typography.Text strong>{action(e.action)}</Typography.Text>
        {e.from && e.from !== e.to && (
          <Typography.Text type="secondary">
            {' '}
            {state(e.from)} → {state(e.to)}
          </Typography.Text>
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(e.at)} · {e.actor ?? t('campaigns.dossier.system')}
      </Typography.Text>
      {e.reason && (
        <div style={{ whiteSpace: 'pre-wrap' }} data-testid="dossier-reason">
          {t('campaigns.dossier.reason')}
          {t('common.colon')}
          {e.reason}
        </div>
      )}
      {votes && (
        <div>
          <VotesLine votes={{ ...votes, meetingOn }} />
        </div>
      )}
      {stars && (
        <div>
          <Stars stars={stars} size={12} data-testid="dossier-stars" />
        </div>
      )}
      {out && <div>{t('campaigns.dossier.outcome', { outcome: outcome(out) })}</div>}
      {typeof e.detail?.noticeStart === 'string' && <div>{t('campaigns.dossier.notice', { start: e.detail.noticeStart, end: String(e.detail.noticeEnd ?? '') })}</div>}
    </div>
  );
}

function StarsCard({ c }: { c: CandidateDetail }) {
  const { t } = useTranslation();
  if (!c.stars) return null;
  const rows: Array<[string, StarDimension[], string]> = [
    ['computed', c.stars.computed, t('campaigns.stars.computed')],
    ['claimed', c.stars.claimed, t('campaigns.stars.claimed')],
    ['recommended', c.stars.recommended, t('campaigns.stars.recommended')],
    ['decided', c.stars.decided, t('campaigns.stars.decided')],
  ];
  return (
    <Card size="small" title={t('campaigns.stars.title')} data-testid="candidate-stars-card">
      <Descriptions size="small" column={1}>
        {rows.map(([k, s, label]) => (
          <Descriptions.Item key={k} label={label}>
            <Stars stars={s} size={16} data-testid={`candidate-stars-${k}`} />
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('campaigns.stars.hint')}
      </Typography.Text>
    </Card>
  );
}

function SelfEvaluationView({ c }: { c: CandidateDetail }) {
  const { t } = useTranslation();
  const e = c.selfEvaluation!;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="small">
      {e.dimensions.map((d) => (
        <div key={d.code} data-testid={`self-view-${d.code}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
          <Space wrap size={4}>
            <Typography.Text strong>{d.name}</Typography.Text>
            {d.claimed ? <Tag color="red">{t('campaigns.self.claimed')}</Tag> : <Tag>{t('campaigns.self.notClaimed')}</Tag>}
            {d.computed && <Tag color="green">{t('campaigns.self.computed')}</Tag>}
          </Space>
          {d.statement && <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{d.statement}</div>}
          {d.evidence.length > 0 && (
            <div style={{ marginTop: 6 }}>
              <EvidenceLinks evidence={d.evidence} />
            </div>
          )}
        </div>
      ))}
    </Space>
  );
}

function CandidateObjections({ c }: { c: CandidateDetail }) {
  const { t } = useTranslation();
  const { objectionState, outcome } = useCampaignLabels();
  const judge = c.roles.includes('committee') || c.roles.includes('leading_group');
  const { data } = useObjections(c.campaign.id, undefined, judge && c.campaign.status !== 'open');
  if (!judge || c.campaign.status === 'open') return null;
  const mine = (data?.items ?? []).filter((o) => o.candidate.id === c.id);
  return (
    <Card
      size="small"
      title={t('campaigns.objections.title')}
      extra={<Link to={`/campaigns/${c.campaign.id}?tab=objections`}>{t('campaigns.objections.handleAll')}</Link>}
      data-testid="candidate-objections"
    >
      {mine.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.objections.none')} />
      ) : (
        mine.map((o) => (
          <div key={o.id} style={{ marginBottom: 8 }}>
            <Space size={4} wrap>
              <Tag color={OBJECTION_COLOR[o.state]}>{objectionState(o.state)}</Tag>
              <Typography.Text type="secondary">{formatDateTime(o.createdAt)}</Typography.Text>
            </Space>
            <div style={{ whiteSpace: 'pre-wrap' }}>{o.content}</div>
            {o.outcome && (
              <Typography.Text type="secondary">
                {outcome(o.outcome)}
                {o.reply ? `${t('common.colon')}${o.reply}` : ''}
              </Typography.Text>
            )}
          </div>
        ))
      )}
    </Card>
  );
}

export default function CandidatePage() {
  const { t } = useTranslation();
  const can = useCan();
  const { state, category } = useCampaignLabels();
  const id = Number(useParams().id);
  const { data: c, isPending, error, refetch } = useCandidate(id);

  if (isPending) return <Skeleton active />;
  if (error) {
    if (error instanceof ApiError && error.status === 404) return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('campaigns.candidate.notFound')} />;
    return <Alert type="error" showIcon title={errorMessage(error)} />;
  }
  const editing = c.isCandidate && c.selfEvaluation && !c.selfEvaluation.locked;
  const back = can('evaluation.read') ? `/campaigns/${c.campaign.id}` : '/campaigns/my';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="candidate-page">
      <div>
        <Link to={back}>
          <ArrowLeftOutlined /> {c.campaign.title}
        </Link>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 4 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="candidate-name">
            {c.subject.name}
          </Typography.Title>
          <Tag>{category(c.category)}</Tag>
          <Tag color={STATE_COLOR[c.state]} data-testid="candidate-state">
            {state(c.state)}
          </Tag>
          <DeadlineTag deadline={c.deadline} />
        </div>
      </div>
      {c.actions.length > 0 && (
        <Card size="small" data-testid="candidate-action-card">
          <Space wrap>
            <Typography.Text type="secondary">{t('campaigns.candidate.yourStep')}</Typography.Text>
            {/* The candidate's own submit happens in the self-evaluation form below. */}
            <ActionButtons candidate={c} actions={c.actions} exclude={editing ? ['submit'] : []} onDone={() => void refetch()} />
          </Space>
        </Card>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {c.selfEvaluation && (
              <Card size="small" title={t('campaigns.self.title')} data-testid="candidate-self-evaluation">
                {editing ? <SelfEvaluationForm key={c.updatedAt} evaluation={c.selfEvaluation} onSubmitted={() => void refetch()} /> : <SelfEvaluationView c={c} />}
              </Card>
            )}
            {c.nomination && (
              <Card size="small" title={t('campaigns.candidate.nomination')}>
                <div style={{ whiteSpace: 'pre-wrap' }}>{c.nomination}</div>
              </Card>
            )}
            <Card
              size="small"
              title={t('campaigns.dossier.title')}
              data-testid="dossier"
              extra={
                <a href={`/api/campaigns/candidates/${c.id}/dossier.pdf`} target="_blank" rel="noopener noreferrer" data-testid="dossier-pdf">
                  <FilePdfOutlined /> {t('campaigns.dossier.pdf')}
                </a>
              }
            >
              <Timeline
                style={{ marginTop: 8 }}
                items={[...c.events].reverse().map((e) => ({ key: e.id, color: EVENT_COLOR[e.action] ?? 'blue', content: <EventLine e={e} /> }))}
                data-testid="dossier-timeline"
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('campaigns.candidate.facts')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('campaigns.candidate.campaign')}>{c.campaign.title}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.list.organizer')}>{c.campaign.unit.name}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.candidates.unit')}>{c.homeUnit.name}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.candidates.category')}>{category(c.category)}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.candidate.since')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
                {c.campaign.noticeStart && (
                  <Descriptions.Item label={t('campaigns.notice.period')}>
                    {c.campaign.noticeStart} ~ {c.campaign.noticeEnd}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <StarsCard c={c} />
            <Card size="small" title={t('campaigns.votes.title')} data-testid="candidate-votes">
              {c.votes ? <VotesLine votes={c.votes} /> : <Typography.Text type="secondary">{t('campaigns.votes.none')}</Typography.Text>}
            </Card>
            <CandidateObjections c={c} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
