// 上报险情: raising the alarm from a phone, often at night and in the rain — big buttons, one column,
// nothing that scrolls sideways. Where: a description of the place and, if the phone allows it, its
// position. Photos go up one by one after the alarm exists, so the alarm itself is never held up
// by a slow upload; each photo shows the server's verdict on it.
import { UnorderedListOutlined, WarningFilled } from '@ant-design/icons';
import { ALARM_KINDS, alarmHasLocation } from '@xianfeng/domain';
import { Alert, Button, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { useCan, useOwnUnits } from '../../auth/session.ts';
import { ChoiceButtons } from '../../components/ChoiceButtons.tsx';
import { PhotoPicker, SentPhotos, usePhotoList, type PickedPhoto } from '../../components/PhotoPicker.tsx';
import { PlaceField, type Position } from '../../components/PlaceField.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useFieldLabels } from '../field/labels.ts';
import { raiseAlarm, uploadPhoto, useInvalidateAlarms } from './hooks.ts';
import type { AlarmDetail } from './types.ts';

interface RaiseForm {
  unitId?: number;
  kind?: string;
  place?: string;
  position?: Position | null;
  description?: string;
}

const FIELDS = ['unitId', 'kind', 'place', 'description'];
const BIG = { height: 52, fontSize: 17 } as const;

export default function RaiseAlarmPage() {
  const { t } = useTranslation();
  const can = useCan();
  const own = useOwnUnits('alarm.raise');
  const invalidate = useInvalidateAlarms();
  const { alarmKind } = useFieldLabels();
  const [form] = Form.useForm<RaiseForm>();
  const photos = usePhotoList();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<AlarmDetail | null>(null);
  const searchable = can('unit.read');

  async function sendPhotos(alarmId: number, which: PickedPhoto[]) {
    await photos.upload(which, (file, onProgress) => uploadPhoto(alarmId, file, (p) => onProgress(p.percent)).promise);
    void invalidate();
  }

  async function submit(v: RaiseForm) {
    setBusy(true);
    setError(null);
    try {
      const alarm = await raiseAlarm({
        unitId: v.unitId!,
        kind: v.kind!,
        place: (v.place ?? '').trim(),
        latitude: v.position?.latitude ?? null,
        longitude: v.position?.longitude ?? null,
        description: (v.description ?? '').trim(),
      });
      setCreated(alarm);
      window.scrollTo({ top: 0 });
      void invalidate();
      if (photos.photos.length) void sendPhotos(alarm.id, photos.photos);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { latitude: 'place', longitude: 'place' }));
    } finally {
      setBusy(false);
    }
  }

  function again() {
    photos.clear();
    setCreated(null);
    form.resetFields();
  }

  if (created) {
    return (
      <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="alarm-raised">
        <Result
          status="success"
          title={t('alarms.raise.doneTitle')}
          subTitle={t('alarms.raise.doneSub', { kind: alarmKind(created.kind), unit: created.unitName, at: formatDateTime(created.raisedAt) })}
          style={{ paddingInline: 0 }}
        />
        <SentPhotos list={photos} title={t('alarms.raise.photos')} testIdPrefix="alarm" onRetry={(failed) => void sendPhotos(created.id, failed)} />
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          <Link to="/alarms/mine">
            <Button type="primary" block icon={<UnorderedListOutlined />} style={BIG} data-testid="alarm-to-mine">
              {t('alarms.mine.title')}
            </Button>
          </Link>
          <Link to={`/alarms/${created.id}`}>
            <Button block style={BIG} data-testid="alarm-to-detail">
              {t('alarms.raise.viewDetail')}
            </Button>
          </Link>
          <Button block type="text" onClick={again} data-testid="alarm-again">
            {t('alarms.raise.again')}
          </Button>
        </Space>
      </div>
    );
  }

  const initialUnit = own[0];
  let unitField;
  if (searchable) unitField = <UnitPicker initialUnit={initialUnit} allowClear={false} data-testid="alarm-unit" />;
  else if (own.length > 1) unitField = <Select size="large" options={own.map((u) => ({ value: u.id, label: u.name }))} data-testid="alarm-unit" />;
  else unitField = <UnitName units={own} />;

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="alarm-raise-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <WarningFilled style={{ color: '#d9001b' }} /> {t('alarms.raise.title')}
        </Typography.Title>
        <Link to="/alarms/mine" data-testid="alarm-mine-link">
          {t('alarms.mine.title')}
        </Link>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('alarms.raise.intro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="alarm-error" />}
      <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ unitId: initialUnit?.id }} requiredMark={false} scrollToFirstError={{ block: 'center' }} data-testid="alarm-form">
        <Form.Item name="unitId" label={t('alarms.field.unit')} rules={[{ required: true, message: t('alarms.raise.unitRequired') }]}>
          {unitField}
        </Form.Item>
        <Form.Item name="kind" label={t('alarms.field.kind')} rules={[{ required: true, message: t('alarms.raise.kindRequired') }]}>
          <ChoiceButtons options={ALARM_KINDS.map((k) => ({ value: k.value, label: alarmKind(k.value) }))} testIdPrefix="alarm-kind" danger />
        </Form.Item>
        <PlaceField
          label={t('alarms.field.place')}
          placeholder={t('alarms.raise.placePlaceholder')}
          hasLocation={alarmHasLocation}
          missingMessage={t('alarms.raise.noLocation')}
          testIdPrefix="alarm"
        />
        <Form.Item
          name="description"
          label={t('alarms.field.description')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('alarms.raise.descriptionRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('alarms.raise.descriptionPlaceholder')} data-testid="alarm-description" />
        </Form.Item>
        <PhotoPicker list={photos} label={t('alarms.raise.photos')} testIdPrefix="alarm" />
        <Button type="primary" danger htmlType="submit" block loading={busy} style={{ height: 60, fontSize: 20, fontWeight: 700 }} data-testid="alarm-submit">
          {t('alarms.raise.submit')}
        </Button>
      </Form>
    </div>
  );
}

/** The one unit a resident raises the alarm for, shown rather than chosen. */
function UnitName({ units, value }: { units: UnitRef[]; value?: number }) {
  const { t } = useTranslation();
  const unit = units.find((u) => u.id === value);
  return (
    <Typography.Text strong style={{ fontSize: 16 }} data-testid="alarm-unit">
      {unit?.name ?? t('alarms.raise.noUnit')}
    </Typography.Text>
  );
}
