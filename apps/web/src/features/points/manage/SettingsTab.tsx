// 积分设置 of the unit (inherited down the tree): the period (年/季/月), whether the 先锋榜 is shown at
// all — national guidance lets an organization switch rankings off — and whether balances expire.
import { PERIOD_KINDS } from '@xianfeng/domain';
import { Alert, App, Button, Card, Form, Radio, Skeleton, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { useInvalidatePoints, useUnitSettings } from '../hooks.ts';
import type { PeriodKind, PointsSettings } from '../types.ts';

export function SettingsTab({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const { data, isPending, error } = useUnitSettings(unitId);
  const [form] = Form.useForm<PointsSettings>();
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (data) form.setFieldsValue({ periodKind: data.periodKind, boardEnabled: data.boardEnabled, balanceExpires: data.balanceExpires });
  }, [data, form]);

  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;

  async function save(v: PointsSettings) {
    setBusy(true);
    setSaveError(null);
    try {
      await api.put('/api/points/settings', { unitId, ...v });
      message.success(t('points.settings.saved'));
      await invalidate();
    } catch (e) {
      setSaveError(applyFormErrors(form, e, ['periodKind', 'boardEnabled', 'balanceExpires']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card style={{ maxWidth: 640 }} data-testid="points-settings">
      {data.inherited && <Alert type="info" showIcon title={data.unitId ? t('points.settings.inherited') : t('points.settings.defaults')} style={{ marginBottom: 16 }} />}
      {saveError && <Alert type="error" showIcon title={saveError} style={{ marginBottom: 16 }} />}
      <Form<PointsSettings> form={form} layout="vertical" onFinish={save}>
        <Form.Item name="periodKind" label={t('points.settings.periodKind')} extra={t('points.settings.periodKindHint')}>
          <Radio.Group optionType="button" options={PERIOD_KINDS.map((k: PeriodKind) => ({ value: k, label: t(`points.periodKind.${k}`) }))} data-testid="settings-period-kind" />
        </Form.Item>
        <Form.Item name="boardEnabled" label={t('points.settings.boardEnabled')} extra={t('points.settings.boardEnabledHint')} valuePropName="checked">
          <Switch data-testid="settings-board" />
        </Form.Item>
        <Form.Item name="balanceExpires" label={t('points.settings.balanceExpires')} extra={t('points.settings.balanceExpiresHint')} valuePropName="checked">
          <Switch data-testid="settings-expires" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
