import { ApartmentOutlined, CheckSquareOutlined, CloudUploadOutlined, StarOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import type { HomeSummary } from '../../api/types.ts';
import { useCan, useCurrentUser } from '../../auth/session.ts';
import { CampaignTodoCard } from '../campaigns/TodoCard.tsx';
import { ActiveWarningsCard } from '../warnings/ActiveWarningsCard.tsx';

const HomeCharts = lazy(() => import('./HomeCharts.tsx'));

function StatCard({ title, value, testId, color }: { title: string; value: number; testId: string; color?: string }) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={value} styles={{ content: color ? { color } : undefined }} />
    </Card>
  );
}

/** Residents (and roles without the member roll) see a plain public page. */
function PublicHome({ summary }: { summary?: HomeSummary }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { label } = useLabels();
  const can = useCan();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="home-public">
      <ActiveWarningsCard />
      <CampaignTodoCard />
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.hello', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph>{t('home.publicIntro')}</Typography.Paragraph>
        {summary?.unit && (
          <Typography.Paragraph>
            {t('home.yourUnit')}
            {t('common.colon')}
            <Typography.Text strong>{summary.unit.name}</Typography.Text>{' '}
            <Tag>{label('unitKind', summary.unit.kind)}</Tag>
          </Typography.Paragraph>
        )}
        <Space wrap>
          {me.memberId !== null && (
            <Link to="/points/me">
              <Button type="primary" icon={<StarOutlined />} data-testid="home-my-points">
                {t('nav.pointsMe')}
              </Button>
            </Link>
          )}
          {can('unit.read') && (
            <Link to="/units">
              <Button icon={<ApartmentOutlined />}>{t('home.seeUnits')}</Button>
            </Link>
          )}
        </Space>
      </Card>
      <Card title={t('home.publicAboutTitle')}>
        <Typography.Paragraph>{t('home.publicAbout1')}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('home.publicAbout2')}</Typography.Paragraph>
      </Card>
    </Space>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const navigate = useNavigate();
  const { label } = useLabels();
  const [chart, setChart] = useState<'status' | 'unitKind'>('status');
  const { data, isPending, error } = useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeSummary>('/api/home') });

  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data.counts) return <PublicHome summary={data} />;

  const { counts } = data;
  const warningTotal = data.warningCount ?? data.warnings.length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="home-dashboard">
      <ActiveWarningsCard />
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('home.hello', { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t(`enums.role.${data.role}`)}
          {data.unit ? ` · ${data.unit.name}` : ''}
        </Typography.Text>
      </div>
      <CampaignTodoCard />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <StatCard testId="stat-members" title={t('home.members')} value={counts.members} />
        </Col>
        <Col xs={12} md={6}>
          <StatCard testId="stat-full" title={t('home.full')} value={counts.full} />
        </Col>
        <Col xs={12} md={6}>
          <StatCard testId="stat-probationary" title={t('home.probationary')} value={counts.probationary} color="#fa8c16" />
        </Col>
        <Col xs={12} md={6}>
          <StatCard testId="stat-units" title={t('home.units')} value={counts.units} />
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('home.chartTitle')}
            extra={
              <Segmented
                size="small"
                value={chart}
                onChange={(v) => setChart(v as 'status' | 'unitKind')}
                options={[
                  { value: 'status', label: t('home.byStatus') },
                  { value: 'unitKind', label: t('home.byKind') },
                ]}
              />
            }
          >
            {counts.members === 0 && chart === 'status' ? (
              <Empty description={t('home.noMembers')} />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <HomeCharts
                  kind={chart}
                  byStatus={[
                    { name: t('home.full'), value: counts.full },
                    { name: t('home.probationary'), value: counts.probationary },
                  ]}
                  byKind={data.byKind.map((k) => ({ name: label('unitKind', k.kind), value: k.count }))}
                />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            data-testid="home-warnings"
            title={
              <Space>
                <WarningOutlined style={{ color: '#fa8c16' }} />
                {t('home.warningsTitle')}
                <Tag color={warningTotal ? 'orange' : 'green'}>{warningTotal}</Tag>
              </Space>
            }
          >
            {data.warnings.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noWarnings')} />
            ) : (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 8, maxHeight: 320, overflowY: 'auto' }}>
                {data.warnings.map((w, i) => (
                  <Alert
                    key={`${w.unit.id}-${w.code}-${i}`}
                    type="warning"
                    data-testid="home-warning"
                    title={
                      <span>
                        <Link to={`/units?unit=${w.unit.id}`}>{w.unit.name}</Link>
                        {t('common.colon')}
                        {w.message}
                      </span>
                    }
                  />
                ))}
                {warningTotal > data.warnings.length && (
                  <Typography.Text type="secondary">{t('home.moreWarnings', { count: warningTotal - data.warnings.length })}</Typography.Text>
                )}
              </div>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('home.shortcuts')}>
        <Space wrap>
          {can('member.read') && (
            <Button icon={<TeamOutlined />} onClick={() => navigate('/members')}>
              {t('nav.members')}
            </Button>
          )}
          {can('unit.read') && (
            <Button icon={<ApartmentOutlined />} onClick={() => navigate('/units')}>
              {t('nav.units')}
            </Button>
          )}
          {(can('member.import') || can('unit.write')) && (
            <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/import')}>
              {t('nav.import')}
            </Button>
          )}
          {can('points.approve') && (
            <Button icon={<CheckSquareOutlined />} onClick={() => navigate('/points/review')}>
              {t('nav.pointsReview')}
            </Button>
          )}
          {me.memberId !== null && (
            <Button icon={<StarOutlined />} onClick={() => navigate('/points/me')}>
              {t('nav.pointsMe')}
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}
