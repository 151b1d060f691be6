// 发起演练: an exercise warning over a unit's subtree in one step. On a demo installation the
// villages answer by themselves, so the dashboard fills up live while one watches.
import { ExperimentOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { UnitRef } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useInvalidateWarnings } from './hooks.ts';

export function DrillButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const invalidate = useInvalidateWarnings();
  const own: UnitRef | null = me.grants.find((g) => g.unit && roleHas(g.role, 'warning.issue'))?.unit ?? null;
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<number | undefined>(own?.id);
  const [busy, setBusy] = useState(false);

  async function start() {
    if (!unitId) return;
    setBusy(true);
    try {
      const drill = await api.post<{ id: number; simulated: boolean }>('/api/warnings/drill', { unitId });
      await invalidate();
      message.success(t(drill.simulated ? 'warnings.drill.startedSimulated' : 'warnings.drill.started'));
      navigate(`/warnings/${drill.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button icon={<ExperimentOutlined />} onClick={() => setOpen(true)} data-testid="warning-drill">
        {t('warnings.drill.button')}
      </Button>
      <Modal open={open} title={t('warnings.drill.title')} onCancel={() => setOpen(false)} onOk={start} okText={t('warnings.drill.ok')} okButtonProps={{ loading: busy, disabled: !unitId, 'data-testid': 'warning-drill-ok' } as ButtonProps} destroyOnHidden>
        <Typography.Paragraph>{t('warnings.drill.explain')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('warnings.drill.unit')}>
            <UnitPicker value={unitId} initialUnit={own} allowClear={false} onChange={(id) => setUnitId(id)} data-testid="warning-drill-unit" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
