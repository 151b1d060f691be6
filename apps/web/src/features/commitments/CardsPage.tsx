// 党员亮身份: the cards of a village's (community's) members, made for a phone — where residents land.
// Members who published this year's commitment come first; a card opens with all its progress.
import { Alert, Card, Col, Input, Pagination, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useCards } from './hooks.ts';
import { MemberCardView, NoCards } from './MemberCardView.tsx';

const PAGE_SIZE = 24;

export default function CardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unit')) || undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const [typed, setTyped] = useState(q);
  const { data, isPending, isFetching, error } = useCards({ unitId, q: q || undefined, page, pageSize: PAGE_SIZE });

  const set = (patch: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '' || (k === 'page' && v === 1)) next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="cards-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.cards')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="cards-unit-name">
          {data ? t('commitments.cards.subtitle', { unit: data.unit.name, year: data.year }) : t('commitments.slogan')}
        </Typography.Text>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          {can('unit.read') && (
            <Col xs={24} md={12}>
              <UnitPicker
                value={data?.unit.id ?? unitId ?? null}
                initialUnit={data ? { id: data.unit.id, code: data.unit.code, name: data.unit.name } : null}
                allowClear={false}
                onChange={(id) => set({ unit: id, page: undefined })}
                data-testid="cards-unit"
              />
            </Col>
          )}
          <Col xs={24} md={12}>
            <Input.Search
              allowClear
              value={typed}
              maxLength={20}
              placeholder={t('commitments.cards.search')}
              onChange={(e) => setTyped(e.target.value)}
              onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
              data-testid="cards-search"
            />
          </Col>
        </Row>
      </Card>
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : data.items.length === 0 ? (
        <NoCards />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ opacity: isFetching ? 0.6 : 1 }} data-testid="cards-grid">
            {data.items.map((card) => (
              <Col key={card.memberId} xs={24} sm={12} lg={8} xxl={6}>
                <MemberCardView card={card} year={data.year} variant="grid" onOpen={() => navigate(`/cards/${card.memberId}`)} />
              </Col>
            ))}
          </Row>
          <Pagination
            simple={isPhone}
            size="small"
            current={data.page}
            pageSize={data.pageSize}
            total={data.total}
            showSizeChanger={false}
            onChange={(p) => {
              set({ page: p });
              window.scrollTo({ top: 0 });
            }}
            style={{ textAlign: 'center' }}
          />
        </>
      )}
    </Space>
  );
}
