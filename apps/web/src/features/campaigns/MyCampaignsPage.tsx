// 我的评选 (phone first): the five-star evaluations the member may enter now, and their own
// candidacies with the stage, the deadline and the stars so far. Entering starts the self-evaluation.
import { RightOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { Stars } from '../stars/Stars.tsx';
import { currentStars } from './CandidatesTable.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { STATE_COLOR, useCampaignLabels } from './format.ts';
import { useInvalidateCampaigns, useMyCampaigns } from './hooks.ts';
import type { CandidateDetail } from './types.ts';

export default function MyCampaignsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { state, category, kind } = useCampaignLabels();
  const invalidate = useInvalidateCampaigns();
  const { data, isPending, error } = useMyCampaigns(me.memberId !== null);
  const [entering, setEntering] = useState<number | null>(null);

  if (me.memberId === null) return <Result status="info" title={t('campaigns.my.notMemberTitle')} subTitle={t('campaigns.my.notMember')} />;

  async function enter(campaignId: number) {
    setEntering(campaignId);
    try {
      const c = await api.post<CandidateDetail>(`/api/campaigns/${campaignId}/candidacy`);
      message.success(t('campaigns.my.entered'));
      await invalidate();
      navigate(`/campaigns/candidates/${c.id}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setEntering(null);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-campaigns">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.campaignsMy')}
      </Typography.Title>
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : (
        <>
          {data.open.length > 0 && (
            <Card size="small" title={t('campaigns.my.open')}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {data.open.map((c) => (
                  <div key={c.id} data-testid="my-open-campaign" style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
                    <div style={{ flex: 1, minWidth: 180 }}>
                      <Typography.Text strong>{c.title}</Typography.Text>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {c.unit.name}
                          {c.deadlines.selfEvaluation ? ` · ${t('campaigns.my.selfDue', { day: c.deadlines.selfEvaluation })}` : ''}
                        </Typography.Text>
                      </div>
                    </div>
                    <Button type="primary" icon={<StarOutlined />} loading={entering === c.id} onClick={() => enter(c.id)} data-testid="my-enter">
                      {t('campaigns.my.enter')}
                    </Button>
                  </div>
                ))}
              </Space>
            </Card>
          )}
          <Card size="small" title={t('campaigns.my.mine')}>
            {data.candidacies.length === 0 ? (
              <Empty description={data.open.length ? t('campaigns.my.noneYet') : t('campaigns.my.none')} />
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }} size="small">
                {data.candidacies.map((c) => {
                  const stars = currentStars(c);
                  return (
                    <Link key={c.id} to={`/campaigns/candidates/${c.id}`} style={{ color: 'inherit' }}>
                      <Card size="small" hoverable data-testid="my-candidacy">
                        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                          <div style={{ flex: 1, minWidth: 0 }}>
                            <Typography.Text strong>{c.campaign.title}</Typography.Text>
                            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4, alignItems: 'center' }}>
                              <Tag color={STATE_COLOR[c.state]} data-testid="my-candidacy-state">
                                {state(c.state)}
                              </Tag>
                              {c.campaign.kind === 'commendation' && <Tag>{category(c.category)}</Tag>}
                              {c.campaign.kind !== 'five_star' && <Tag>{kind(c.campaign.kind)}</Tag>}
                              <DeadlineTag deadline={c.deadline} />
                            </div>
                            {stars && (
                              <div style={{ marginTop: 4 }}>
                                <Stars stars={stars} size={14} data-testid="my-candidacy-stars" />
                              </div>
                            )}
                            {c.state === 'self_evaluation' && (
                              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                                {t('campaigns.my.fillIn')}
                              </Typography.Text>
                            )}
                          </div>
                          <RightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
                        </div>
                      </Card>
                    </Link>
                  );
                })}
              </Space>
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
