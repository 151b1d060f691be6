// How many people each shelter of the unit holds now: a stepper per shelter, never above its
// capacity (the server refuses more), saved with one tap.
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, InputNumber, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { setOccupancy, useInvalidateField } from './hooks.ts';
import type { ShelterOccupancy } from './types.ts';

const STEP_BUTTON = { width: 48, height: 48, flex: 'none' } as const;

function ShelterRow({ warningId, shelter, active }: { warningId: number; shelter: ShelterOccupancy; active: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateField();
  const [n, setN] = useState(shelter.occupants);
  const [base, setBase] = useState(shelter.occupants);
  const [busy, setBusy] = useState(false);
  if (base !== shelter.occupants) {
    setBase(shelter.occupants);
    setN(shelter.occupants);
  }
  const clamp = (x: number) => Math.max(0, Math.min(shelter.capacity, Math.round(x)));
  const percent = Math.round((n / shelter.capacity) * 100);

  async function save() {
    setBusy(true);
    try {
      await setOccupancy(warningId, shelter.id, n);
      message.success(t('field.shelters.saved', { name: shelter.name }));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="shelter-row">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {shelter.name}
          </Typography.Text>
          <div className="xf-ellipsis" style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
            {[shelter.unitName, shelter.address].filter(Boolean).join(' · ')}
          </div>
        </div>
        <span style={{ whiteSpace: 'nowrap', fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{t('field.shelters.capacity', { n: shelter.capacity })}</span>
      </div>
      <Progress percent={percent} showInfo={false} size="small" status={n >= shelter.capacity ? 'exception' : 'normal'} style={{ margin: '4px 0' }} />
      {!active ? (
        <Typography.Text style={{ fontSize: 16 }} data-testid="shelter-occupants-readonly">
          {t('field.shelters.holds', { n: shelter.occupants, capacity: shelter.capacity })}
        </Typography.Text>
      ) : (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Button icon={<MinusOutlined />} style={STEP_BUTTON} disabled={n <= 0} onClick={() => setN(clamp(n - 1))} aria-label={t('field.shelters.less')} />
          <InputNumber<number>
            size="large"
            min={0}
            max={shelter.capacity}
            precision={0}
            controls={false}
            inputMode="numeric"
            value={n}
            onChange={(x) => setN(clamp(x ?? 0))}
            style={{ flex: 1, minWidth: 0, fontSize: 20 }}
            data-testid="shelter-occupants"
          />
          <Button icon={<PlusOutlined />} style={STEP_BUTTON} disabled={n >= shelter.capacity} onClick={() => setN(clamp(n + 1))} aria-label={t('field.shelters.more')} />
          <Button type="primary" style={{ height: 48, flex: 'none' }} disabled={n === shelter.occupants} loading={busy} onClick={save} data-testid="shelter-save">
            {t('common.save')}
          </Button>
        </div>
      )}
    </div>
  );
}

export function ShelterSteppers({ warningId, unitId, shelters, active }: { warningId: number; unitId: number; shelters: ShelterOccupancy[]; active: boolean }) {
  const { t } = useTranslation();
  if (shelters.length === 0) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.shelters.noneHere')}>
        <Link to={`/shelters?unit=${unitId}`}>{t('field.shelters.manage')}</Link>
      </Empty>
    );
  }
  return (
    <div data-testid="shelter-steppers">
      {shelters.map((s) => (
        <ShelterRow key={s.id} warningId={warningId} shelter={s} active={active} />
      ))}
    </div>
  );
}
