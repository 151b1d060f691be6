// 转移: a warning's evacuation. For the village secretary or grid worker on a phone, per unit they
// answer for: the counts of the check-off at the top, the village's figures, the shelters'
// occupancy and the households to go through door by door. For everyone who reads the warning:
// the figures of every unit within their view.
import { ArrowLeftOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Card, Result, Segmented, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { useWarning } from '../warnings/hooks.ts';
import { LevelTag } from '../warnings/LevelTag.tsx';
import type { MyUnit, WarningDetail } from '../warnings/types.ts';
import { EvacuationSummary } from './EvacuationSummary.tsx';
import { CHECK_PAGE_SIZE, CheckCountsBar, HouseholdCheck } from './HouseholdCheck.tsx';
import { useCheckList, useEvacuation } from './hooks.ts';
import { FIELD_UNIT_KINDS } from './labels.ts';
import { ReportForm } from './ReportForm.tsx';
import { ShelterSteppers } from './ShelterSteppers.tsx';

function UnitPanel({ w, unit }: { w: WarningDetail; unit: MyUnit }) {
  const { t } = useTranslation();
  const can = useCan();
  const active = w.status === 'active';
  const seesHouseholds = can('household.read');
  const overview = useEvacuation(w.id, unit.unitId);
  // The same request as the list's first page: the counts come with it.
  const checks = useCheckList(w.id, unit.unitId, undefined, 1, CHECK_PAGE_SIZE);
  const report = overview.data?.reports.find((r) => r.unitId === unit.unitId);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="evacuation-unit" data-unit={unit.unitId}>
      {seesHouseholds && checks.data && <CheckCountsBar counts={checks.data.counts} />}
      <Card size="small" title={t('field.report.title')}>
        {overview.error ? <Alert type="error" showIcon title={errorMessage(overview.error)} /> : overview.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : (
          <ReportForm key={unit.unitId} warningId={w.id} unitId={unit.unitId} report={report} counts={checks.data?.counts} active={active} />
        )}
      </Card>
      <Card
        size="small"
        title={t('field.shelters.title')}
        extra={
          can('warning.ack') && (
            <Link to={`/shelters?unit=${unit.unitId}`} aria-label={t('field.shelters.manage')}>
              <SettingOutlined /> {t('field.shelters.manageShort')}
            </Link>
          )
        }
      >
        {overview.data && <ShelterSteppers warningId={w.id} unitId={unit.unitId} shelters={overview.data.shelters.items} active={active} />}
      </Card>
      {seesHouseholds && (
        <Card size="small" title={t('field.check.title')} styles={{ body: { paddingInline: 8 } }}>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
            {t('field.household.audited')}
          </Typography.Text>
          <HouseholdCheck warningId={w.id} unitId={unit.unitId} active={active} />
        </Card>
      )}
    </Space>
  );
}

export default function EvacuationPage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const { data: w, error } = useWarning(id);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [tab, setTab] = useState<string | null>(null);

  if (!(id > 0) || (error instanceof ApiError && error.status === 404))
    return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('field.evacuation.notFound')} />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!w) return <Skeleton active />;

  const mine = can('warning.ack') ? w.myUnits.filter((u) => FIELD_UNIT_KINDS.includes(u.kind)) : [];
  const unit = mine.find((u) => u.unitId === unitId) ?? mine[0];
  const current = tab ?? (unit ? 'fill' : 'summary');

  const fill = unit && (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {mine.length > 1 && (
        <div style={{ overflowX: 'auto' }}>
          <Segmented<number> value={unit.unitId} onChange={setUnitId} options={mine.map((u) => ({ value: u.unitId, label: u.name }))} data-testid="evacuation-unit-switch" />
        </div>
      )}
      <UnitPanel key={unit.unitId} w={w} unit={unit} />
    </Space>
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: unit && current === 'fill' ? 720 : undefined, margin: '0 auto', display: 'flex' }} data-testid="evacuation-page">
      <Link to={`/warnings/${w.id}`}>
        <ArrowLeftOutlined /> {t('field.evacuation.toDashboard')}
      </Link>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('field.evacuation.title')}
        </Typography.Title>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 4, flexWrap: 'wrap' }}>
          <LevelTag level={w.level} />
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {w.headline}
          </Typography.Text>
        </div>
      </div>
      {w.status !== 'active' && <Alert type="info" showIcon title={t(`field.evacuation.inactive.${w.status}`)} data-testid="evacuation-inactive" />}
      {unit ? (
        <Tabs
          activeKey={current}
          onChange={setTab}
          items={[
            { key: 'fill', label: t('field.evacuation.fillTab'), children: fill },
            { key: 'summary', label: t('field.evacuation.summaryTab'), children: <EvacuationSummary warningId={w.id} /> },
          ]}
        />
      ) : (
        <EvacuationSummary warningId={w.id} />
      )}
    </Space>
  );
}
