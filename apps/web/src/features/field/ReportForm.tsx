// A village's evacuation figures (应转移 / 已转移 / 拒绝转移), checked by the same domain rule the
// server applies, so the problem shows under the numbers before anything is sent.
import { checkEvacuation, message as domainMessage, type EvacuationIssue } from '@xianfeng/domain';
import { Alert, App, Button, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { reportEvacuation, useInvalidateField } from './hooks.ts';
import { useFieldLabels } from './labels.ts';
import type { CheckCounts, EvacuationReport } from './types.ts';

type Figures = { toMove: number | null; moved: number | null; refused: number | null };
const KEYS = ['toMove', 'moved', 'refused'] as const;

export function ReportForm({ warningId, unitId, report, counts, active }: { warningId: number; unitId: number; report?: EvacuationReport; counts?: CheckCounts; active: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { locale } = useFieldLabels();
  const invalidate = useInvalidateField();
  const saved: Figures = { toMove: report?.toMove ?? null, moved: report?.moved ?? null, refused: report?.refused ?? null };
  const [v, setV] = useState<Figures>(saved);
  const [busy, setBusy] = useState(false);
  // A new report from elsewhere (another phone of the village) replaces what is shown, unless edited.
  const [shown, setShown] = useState(report?.updatedAt);
  if (shown !== report?.updatedAt) {
    setShown(report?.updatedAt);
    setV(saved);
  }

  const complete = KEYS.every((k) => v[k] !== null);
  const issues: EvacuationIssue[] = complete ? checkEvacuation({ toMove: v.toMove!, moved: v.moved!, refused: v.refused! }) : [];
  const changed = KEYS.some((k) => v[k] !== saved[k]);

  async function submit() {
    setBusy(true);
    try {
      await reportEvacuation(warningId, unitId, { toMove: v.toMove!, moved: v.moved!, refused: v.refused! });
      message.success(t('field.report.saved'));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="evacuation-report-form">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8 }}>
        {KEYS.map((k) => (
          <label key={k} style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 }}>
            <span style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{t(`field.report.${k}`)}</span>
            <InputNumber<number>
              size="large"
              min={0}
              max={1_000_000}
              precision={0}
              controls={false}
              inputMode="numeric"
              disabled={!active}
              value={v[k]}
              onChange={(n) => setV((old) => ({ ...old, [k]: n ?? null }))}
              status={issues.length && ((k === 'moved' && issues.includes('evacuation.moved_exceeds')) || (k === 'refused' && issues.includes('evacuation.total_exceeds')) || issues.includes('evacuation.negative')) ? 'error' : undefined}
              style={{ width: '100%', fontSize: 20 }}
              data-testid={`evacuation-${k}`}
            />
          </label>
        ))}
      </div>
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={issues.map((code) => domainMessage(code, locale, { toMove: v.toMove ?? 0, moved: v.moved ?? 0 })).join(t('common.separator'))}
          data-testid="evacuation-issues"
        />
      )}
      {counts && counts.households > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 6 }}>
          {t('field.report.fromChecks', { households: counts.moved, people: counts.peopleMoved })}
        </Typography.Text>
      )}
      {active && (
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 10, height: 50 }}
          disabled={!complete || issues.length > 0 || !changed}
          loading={busy}
          onClick={submit}
          data-testid="evacuation-report-submit"
        >
          {t(report ? 'field.report.update' : 'field.report.submit')}
        </Button>
      )}
      {report && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 6 }}>
          {t('field.report.last', { at: formatDateTime(report.updatedAt), by: report.updatedBy ?? t('common.none') })}
        </Typography.Text>
      )}
    </div>
  );
}
