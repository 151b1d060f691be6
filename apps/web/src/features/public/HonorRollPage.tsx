// 光荣榜: the commendations and five-star members of the closed campaigns of a unit and the units
// below it, by year. The unit is named by its code (?unit=), as a village's notice board would print it.
import { TrophyOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Input, List, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCampaignLabels } from '../campaigns/format.ts';
import { Stars } from '../stars/Stars.tsx';
import type { CandidateCategory, HonorRoll } from '../campaigns/types.ts';
import { useHonorRoll } from './hooks.ts';

function years(): string[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => String(now - i));
}

function Campaign({ c }: { c: HonorRoll['items'][number] }) {
  const { t } = useTranslation();
  const { category, kind } = useCampaignLabels();
  const groups = [...new Set(c.entries.map((e) => e.category))] as CandidateCategory[];
  return (
    <Card
      size="small"
      data-testid="honor-campaign"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          <TrophyOutlined style={{ color: '#d4a017' }} /> {c.title}
        </span>
      }
      extra={<Tag color="red">{kind(c.kind)}</Tag>}
    >
      <Typography.Text type="secondary">
        {c.organizer}
        {c.closedOn ? ` · ${t('publicNotice.honor.closedOn', { day: c.closedOn })}` : ''}
      </Typography.Text>
      {c.entries.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicNotice.honor.noEntries')} />}
      {groups.map((g) => (
        <div key={g} style={{ marginTop: 12 }}>
          <Typography.Text strong>{category(g)}</Typography.Text>
          <List
            size="small"
            dataSource={c.entries.filter((e) => e.category === g)}
            renderItem={(e) => (
              <List.Item data-testid="honor-entry">
                <span style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', width: '100%' }}>
                  <Typography.Text strong data-testid="honor-name">
                    {e.name}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ flex: 1, minWidth: 120 }}>
                    {e.unitName}
                  </Typography.Text>
                  {e.stars && <Stars stars={e.stars} size={14} data-testid="honor-stars" />}
                </span>
              </List.Item>
            )}
          />
        </div>
      ))}
    </Card>
  );
}

export default function HonorRollPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit')?.trim() || undefined;
  const year = params.get('year') ?? undefined;
  const [typed, setTyped] = useState(unit ?? '');
  const { data, isPending, isFetching, error } = useHonorRoll(unit, year);

  const set = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="honor-roll">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {data ? t('publicNotice.honor.titleOf', { unit: data.unit.name }) : t('publicNotice.honor.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('publicNotice.honor.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={16}>
            <Input.Search
              value={typed}
              maxLength={40}
              placeholder={t('publicNotice.unitCode')}
              onChange={(e) => setTyped(e.target.value)}
              onSearch={(v) => set({ unit: v.trim() || undefined })}
              loading={isFetching}
              enterButton={t('publicNotice.honor.show')}
              data-testid="honor-unit"
            />
          </Col>
          <Col xs={24} md={8}>
            <Select
              style={{ width: '100%' }}
              allowClear
              value={year}
              placeholder={t('publicNotice.honor.allYears')}
              options={years().map((y) => ({ value: y, label: t('publicNotice.honor.year', { year: y }) }))}
              onChange={(v?: string) => set({ year: v })}
              data-testid="honor-year"
            />
          </Col>
        </Row>
      </Card>
      {!unit ? (
        <Card>
          <Empty description={t('publicNotice.honor.pickUnit')} />
        </Card>
      ) : isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : data.items.length === 0 ? (
        <Card>
          <Empty description={t('publicNotice.honor.none')} />
        </Card>
      ) : (
        data.items.map((c) => <Campaign key={c.id} c={c} />)
      )}
    </Space>
  );
}
