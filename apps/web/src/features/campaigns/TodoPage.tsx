// 评选待办: the candidates waiting for a step the user can take — their own self-evaluation, the
// branch's recommendations, the committee's reviews, the leading group's decisions — overdue and
// due soon first. Nothing is pushed at people; this list (and a card on the home page) reminds.
import { Alert, Card, Empty, Skeleton, Space, Statistic, Row, Col, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { ActionButtons } from './ActionButtons.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { STATE_COLOR, useCampaignLabels } from './format.ts';
import { useTodo } from './hooks.ts';

export default function TodoPage() {
  const { t } = useTranslation();
  const { state, category } = useCampaignLabels();
  const { data, isPending, error } = useTodo();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="campaign-todo">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.campaignsTodo')}
      </Typography.Title>
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('campaigns.todo.total')} value={data.total} data-testid="todo-total" />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('campaigns.todo.overdue')} value={data.overdue} styles={{ content: data.overdue ? { color: '#cf1322' } : undefined }} data-testid="todo-overdue" />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('campaigns.todo.dueSoon')} value={data.dueSoon} styles={{ content: data.dueSoon ? { color: '#d46b08' } : undefined }} data-testid="todo-due-soon" />
              </Card>
            </Col>
          </Row>
          {data.items.length === 0 ? (
            <Card>
              <Empty description={t('campaigns.todo.none')} />
            </Card>
          ) : (
            data.items.map((c) => {
              const own = c.actions.includes('submit');
              return (
                <Card
                  key={c.id}
                  size="small"
                  data-testid="todo-item"
                  title={
                    <Link to={`/campaigns/candidates/${c.id}`} data-testid="todo-link">
                      {c.subject.name}
                    </Link>
                  }
                  extra={<DeadlineTag deadline={c.deadline} />}
                >
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginBottom: 8 }}>
                    <Tag color={STATE_COLOR[c.state]}>{state(c.state)}</Tag>
                    <Typography.Text type="secondary">
                      {c.campaign.title} · {c.homeUnit.name}
                      {c.campaign.kind === 'commendation' ? ` · ${category(c.category)}` : ''}
                    </Typography.Text>
                  </div>
                  {own ? (
                    <Link to={`/campaigns/candidates/${c.id}`}>{t('campaigns.todo.fillIn')}</Link>
                  ) : (
                    <ActionButtons size="small" candidate={c} actions={c.actions} exclude={['submit', 'withdraw']} />
                  )}
                </Card>
              );
            })
          )}
          {data.truncated && <Alert type="info" showIcon title={t('campaigns.todo.truncated')} />}
        </>
      )}
    </Space>
  );
}
