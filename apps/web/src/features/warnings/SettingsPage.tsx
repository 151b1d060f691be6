// 预警设置 (system administrator): how many minutes each level gives a unit to acknowledge before it
// is reminded (at half) and escalated (at the end), and the hours within which roads, power, water
// and communications should be restored after a disaster (灾后恢复).
import { DEFAULT_ACK_DEADLINES, DEFAULT_RECOVERY_TARGETS, OUTAGE_KINDS, type OutageKind, type WarningLevel } from '@xianfeng/domain';
import { Alert, App, Button, Card, Col, Form, InputNumber, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { isWarningAdmin } from './access.ts';
import { LEVEL_COLORS, LEVELS_STRONGEST_FIRST } from './format.ts';
import { saveWarningSettings, useInvalidateWarnings, useWarningSettings } from './hooks.ts';
import { useWarningLabels } from './LevelTag.tsx';
import type { WarningSettings } from './types.ts';

interface Values {
  ack: Record<WarningLevel, number>;
  recovery: Record<OutageKind, number>;
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const admin = isWarningAdmin(me);
  const { locale, level } = useWarningLabels();
  const { data, error, isPending } = useWarningSettings();
  const invalidate = useInvalidateWarnings();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (data) form.setFieldsValue({ ack: data.ackDeadlines, recovery: data.recoveryTargets });
  }, [data, form]);

  if (!admin) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('warnings.settings.adminOnly')} />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (isPending) return <Skeleton active />;

  async function save(v: Values) {
    setBusy(true);
    setSaveError(null);
    try {
      const body: WarningSettings = { ackDeadlines: v.ack, recoveryTargets: v.recovery };
      await saveWarningSettings(body);
      message.success(t('warnings.settings.saved'));
      await invalidate();
    } catch (e) {
      setSaveError(applyFormErrors(form, e, []));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }} data-testid="warning-settings-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.warningSettings')}
      </Typography.Title>
      {saveError && <Alert type="error" showIcon title={saveError} data-testid="warning-settings-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={save} data-testid="warning-settings-form">
        <Card size="small" title={t('warnings.settings.ackTitle')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('warnings.settings.ackHint')}</Typography.Paragraph>
          <Row gutter={16}>
            {LEVELS_STRONGEST_FIRST.map((l) => (
              <Col xs={12} md={6} key={l}>
                <Form.Item
                  name={['ack', l]}
                  label={<span style={{ borderInlineStart: `4px solid ${LEVEL_COLORS[l].bg}`, paddingInlineStart: 6 }}>{level(l)}</span>}
                  rules={[{ required: true, message: t('common.required') }]}
                  extra={t('warnings.settings.defaultMinutes', { n: DEFAULT_ACK_DEADLINES[l] })}
                >
                  <InputNumber min={1} max={24 * 60} precision={0} style={{ width: '100%' }} suffix={t('warnings.settings.minutes')} data-testid={`ack-deadline-${l}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title={t('warnings.settings.recoveryTitle')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('warnings.settings.recoveryHint')}</Typography.Paragraph>
          <Row gutter={16}>
            {OUTAGE_KINDS.map((k) => (
              <Col xs={12} md={6} key={k.value}>
                <Form.Item
                  name={['recovery', k.value]}
                  label={locale === 'en' ? k.en : k.zh}
                  rules={[{ required: true, message: t('common.required') }]}
                  extra={t('warnings.settings.defaultHours', { n: DEFAULT_RECOVERY_TARGETS[k.value] })}
                >
                  <InputNumber min={1} max={24 * 30} precision={0} style={{ width: '100%' }} suffix={t('warnings.settings.hours')} data-testid={`recovery-${k.value}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="warning-settings-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => form.setFieldsValue({ ack: { ...DEFAULT_ACK_DEADLINES }, recovery: { ...DEFAULT_RECOVERY_TARGETS } })}>{t('warnings.settings.restoreDefaults')}</Button>
        </Space>
      </Form>
    </Space>
  );
}
