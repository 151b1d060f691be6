// The candidates of a campaign, filtered by stage, category and unit: who, from where, the stage
// with its deadline, the stars at the latest stage, the vote, and the steps the user may take now
// (the same buttons as on the candidate's page).
import { Card, Col, Empty, Pagination, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CANDIDATE_STATES } from '@xianfeng/domain';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { Stars } from '../stars/Stars.tsx';
import { ActionButtons } from './ActionButtons.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { STATE_COLOR, useCampaignLabels } from './format.ts';
import { useCandidates } from './hooks.ts';
import type { CampaignDetail, CandidateAction, CandidateRow, CandidateCategory, CandidateState } from './types.ts';
import { VotesLine } from './VotesInput.tsx';

const PAGE_SIZE = 20;
const rowProps = () => ({ 'data-testid': 'candidate-row' }) as HTMLAttributes<HTMLElement>;

/** The stars of the latest stage that set them: decided, else recommended, else claimed, else the ledger's. */
export function currentStars(c: Pick<CandidateRow, 'stars'>) {
  const s = c.stars;
  if (!s) return null;
  return s.decided.length ? s.decided : s.recommended.length ? s.recommended : s.claimed.length ? s.claimed : s.computed;
}

export function CandidatesTable({ campaign, initialState }: { campaign: CampaignDetail; initialState?: CandidateState }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { state: stateLabel, category: categoryLabel } = useCampaignLabels();
  const [state, setState] = useState<CandidateState | undefined>(initialState);
  const [category, setCategory] = useState<CandidateCategory | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useCandidates(campaign.id, { state, category, unitId, page, pageSize: PAGE_SIZE });
  const actionsOf = (c: CandidateRow): CandidateAction[] => c.actions;
  const fiveStar = campaign.kind === 'five_star';

  const name = (c: CandidateRow) => (
    <Link to={`/campaigns/candidates/${c.id}`} data-testid="candidate-link">
      {c.subject.name}
    </Link>
  );
  const stateTag = (c: CandidateRow) => (
    <Space size={4} wrap>
      <Tag color={STATE_COLOR[c.state]} data-testid="candidate-state">
        {stateLabel(c.state)}
      </Tag>
      <DeadlineTag deadline={c.deadline} />
    </Space>
  );
  const actions = (c: CandidateRow) => <ActionButtons size="small" candidate={c} actions={actionsOf(c)} exclude={['submit', 'withdraw']} />;

  const columns: ColumnsType<CandidateRow> = [
    { title: t('campaigns.candidates.name'), key: 'name', render: (_, c) => name(c) },
    { title: t('campaigns.candidates.unit'), key: 'unit', ellipsis: true, render: (_, c) => c.homeUnit.name },
    ...(fiveStar ? [] : [{ title: t('campaigns.candidates.category'), key: 'category', width: 140, render: (_: unknown, c: CandidateRow) => categoryLabel(c.category) }]),
    { title: t('campaigns.candidates.state'), key: 'state', width: 180, render: (_, c) => stateTag(c) },
    ...(fiveStar ? [{ title: t('campaigns.candidates.stars'), key: 'stars', width: 120, render: (_: unknown, c: CandidateRow) => <Stars stars={currentStars(c) ?? []} size={14} data-testid="candidate-stars" /> }] : []),
    { title: t('campaigns.candidates.votes'), key: 'votes', width: 150, render: (_, c) => (c.votes ? t('campaigns.votes.short', { inFavour: c.votes.inFavour, present: c.votes.present }) : t('common.none')) },
    ...((data?.items ?? []).some((c) => actionsOf(c).length > 0) ? [{ title: t('common.actions'), key: 'actions', width: 230, render: (_: unknown, c: CandidateRow) => actions(c) }] : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="candidates-table">
      <Row gutter={[8, 8]}>
        <Col xs={12} md={6}>
          <Select
            allowClear
            style={{ width: '100%' }}
            value={state}
            placeholder={t('campaigns.candidates.allStates')}
            options={CANDIDATE_STATES.map((s) => ({ value: s, label: `${stateLabel(s)} (${campaign.byState[s] ?? 0})` }))}
            onChange={(v?: CandidateState) => {
              setState(v);
              setPage(1);
            }}
            data-testid="candidates-filter-state"
          />
        </Col>
        {!fiveStar && (
          <Col xs={12} md={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              value={category}
              placeholder={t('campaigns.candidates.allCategories')}
              options={campaign.categories.map((c) => ({ value: c, label: categoryLabel(c) }))}
              onChange={(v?: CandidateCategory) => {
                setCategory(v);
                setPage(1);
              }}
              data-testid="candidates-filter-category"
            />
          </Col>
        )}
        <Col xs={24} md={fiveStar ? 18 : 12}>
          <UnitPicker
            value={unitId ?? null}
            placeholder={t('campaigns.candidates.allUnits')}
            onChange={(id) => {
              setUnitId(id);
              setPage(1);
            }}
            data-testid="candidates-filter-unit"
          />
        </Col>
      </Row>
      {isPhone ? (
        <>
          {(data?.items ?? []).length === 0 && !isFetching && <Empty description={t('campaigns.candidates.none')} />}
          {(data?.items ?? []).map((c) => (
            <Card key={c.id} size="small" data-testid="candidate-row" title={name(c)} extra={fiveStar ? <Stars stars={currentStars(c) ?? []} size={12} data-testid="candidate-stars" /> : null}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.homeUnit.name}
                {fiveStar ? '' : ` · ${categoryLabel(c.category)}`}
              </Typography.Text>
              <div style={{ margin: '6px 0' }}>{stateTag(c)}</div>
              {c.votes && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  <VotesLine votes={c.votes} />
                </Typography.Text>
              )}
              <div style={{ marginTop: 6 }}>{actions(c)}</div>
            </Card>
          ))}
          {data && data.total > PAGE_SIZE && (
            <Pagination simple align="center" current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
          )}
        </>
      ) : (
        <Table<CandidateRow>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          onRow={rowProps}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
          locale={{ emptyText: <Empty description={t('campaigns.candidates.none')} /> }}
        />
      )}
    </Space>
  );
}

