// 举报自动隐藏: how many reports hide a comment on their own — installation-wide, so only the system
// administrator sees this card.
import { App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { saveDeliberationSettings, useDeliberationSettings, useInvalidateDeliberation } from './hooks.ts';

export function SettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const { data } = useDeliberationSettings(true);
  const [value, setValue] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setValue(data.hideAfterReports);
  }, [data]);

  async function save() {
    if (value === null) return;
    setBusy(true);
    try {
      await saveDeliberationSettings(value);
      message.success(t('deliberation.manage.saved'));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('deliberation.settings.title')} data-testid="deliberation-settings">
      <Space wrap>
        <Typography.Text>{t('deliberation.settings.hideAfter')}</Typography.Text>
        <InputNumber min={1} max={100} precision={0} value={value} onChange={(v) => setValue(v)} data-testid="deliberation-hide-after" />
        <Button type="primary" loading={busy} disabled={value === null || value === data?.hideAfterReports} onClick={save} data-testid="deliberation-settings-save">
          {t('deliberation.settings.save')}
        </Button>
      </Space>
    </Card>
  );
}
