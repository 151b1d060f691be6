// One notice under 公示: the candidates (name, unit, category, stars — nothing personal), the notice
// period with the working days left, and 提出异议: anyone may object about a named candidate, by
// name with a phone number or anonymously, and gets a receipt code to follow the outcome.
import { Alert, Button, Card, Empty, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCampaignLabels } from '../campaigns/format.ts';
import { Stars } from '../stars/Stars.tsx';
import type { ObjectionFiled } from '../campaigns/types.ts';
import { usePublicNotice } from './hooks.ts';
import { NoticePeriod } from './NoticePeriod.tsx';
import { ObjectionForm } from './ObjectionForm.tsx';
import { ReceiptCode } from './ReceiptCode.tsx';

export default function NoticePage() {
  const { t } = useTranslation();
  const { kind, category } = useCampaignLabels();
  const id = Number(useParams().id);
  const { data, isPending, error } = usePublicNotice(id);
  const [candidateId, setCandidateId] = useState<number | undefined>();
  const [filed, setFiled] = useState<ObjectionFiled | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  if (isPending) return <Skeleton active />;
  if (error) {
    if (error instanceof ApiError && error.status === 404)
      return <Result status="404" title={t('publicNotice.notFound')} extra={<Link to="/public/notices">{t('publicNotice.allNotices')}</Link>} />;
    return <Alert type="error" showIcon title={errorMessage(error)} />;
  }

  const objectTo = (cid: number) => {
    setFiled(null);
    setCandidateId(cid);
    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="public-notice">
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="public-notice-title">
          {data.title}
        </Typography.Title>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginBottom: 8 }}>
          <Tag color="red">{kind(data.kind)}</Tag>
          <Typography.Text type="secondary">{t('publicNotice.organizer', { name: data.organizer })}</Typography.Text>
        </div>
        <NoticePeriod notice={data} />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('publicNotice.howToObject')}
        </Typography.Paragraph>
      </Card>

      <Card size="small" title={t('publicNotice.candidates', { count: data.candidates.length })}>
        {data.candidates.length === 0 ? (
          <Empty description={t('publicNotice.noCandidates')} />
        ) : (
          <List
            dataSource={data.candidates}
            renderItem={(c) => (
              <List.Item
                data-testid="public-candidate"
                actions={
                  data.acceptsObjections
                    ? [
                        <Button key="object" size="small" onClick={() => objectTo(c.id)} data-testid="public-candidate-object">
                          {t('publicNotice.object')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={<span data-testid="public-candidate-name">{c.name}</span>}
                  description={
                    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                      <span>{c.unitName}</span>
                      <Tag>{category(c.category)}</Tag>
                      {c.stars && <Stars stars={c.stars} size={14} data-testid="public-candidate-stars" />}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>

      <div ref={formRef}>
        {filed ? (
          <ReceiptCode filed={filed} onAnother={() => setFiled(null)} />
        ) : data.acceptsObjections && data.candidates.length > 0 ? (
          <Card size="small" title={t('publicNotice.objectTitle')} data-testid="objection-card">
            <ObjectionForm candidates={data.candidates} candidateId={candidateId} onCandidate={setCandidateId} onFiled={setFiled} />
          </Card>
        ) : (
          <Alert type="info" showIcon title={t('publicNotice.closedForObjections')} />
        )}
      </div>
    </Space>
  );
}
