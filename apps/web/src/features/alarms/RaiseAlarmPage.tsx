// 上报险情: raising the alarm from a phone, often at night and in the rain — big buttons, one column,
// nothing that scrolls sideways. Where: a description of the place and, if the phone allows it, its
// position. Photos go up one by one after the alarm exists, so the alarm itself is never held up
// by a slow upload; each photo shows the server's verdict on it.
import { CameraOutlined, CheckCircleFilled, CloseOutlined, EnvironmentOutlined, LoadingOutlined, ReloadOutlined, UnorderedListOutlined, WarningFilled } from '@ant-design/icons';
import { ALARM_KINDS, alarmHasLocation } from '@xianfeng/domain';
import { Alert, Button, Card, Form, Input, Progress, Result, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { useCan, useOwnUnits } from '../../auth/session.ts';
import { ChoiceButtons } from '../../components/ChoiceButtons.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useFieldLabels } from '../field/labels.ts';
import { raiseAlarm, uploadPhoto, useInvalidateAlarms } from './hooks.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, preparePhoto } from './photos.ts';
import type { AlarmDetail } from './types.ts';

interface RaiseForm {
  unitId?: number;
  kind?: string;
  place?: string;
  description?: string;
}

interface Position {
  latitude: number;
  longitude: number;
  accuracy: number;
}

interface Photo {
  key: string;
  file: File;
  preview: string;
  state: 'ready' | 'uploading' | 'done' | 'error';
  percent: number;
  error?: string;
  /** A network or server failure, worth another try; the server's verdict on the photo is not. */
  retryable?: boolean;
}

const FIELDS = ['unitId', 'kind', 'place', 'description'];
const BIG = { height: 52, fontSize: 17 } as const;

function coords(p: { latitude: number; longitude: number }) {
  return `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`;
}

export default function RaiseAlarmPage() {
  const { t } = useTranslation();
  const can = useCan();
  const own = useOwnUnits('alarm.raise');
  const invalidate = useInvalidateAlarms();
  const { alarmKind } = useFieldLabels();
  const [form] = Form.useForm<RaiseForm>();
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoNotice, setPhotoNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<AlarmDetail | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previews = useRef(new Set<string>());
  const searchable = can('unit.read');

  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, []);

  function locate() {
    setGeoError(null);
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setGeoError(t('alarms.raise.geo.unsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy });
        form.setFields([{ name: 'place', errors: [] }]);
      },
      (e) => {
        setLocating(false);
        setGeoError(t(e.code === e.PERMISSION_DENIED ? 'alarms.raise.geo.denied' : e.code === e.TIMEOUT ? 'alarms.raise.geo.timeout' : 'alarms.raise.geo.unavailable'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  function addFiles(list: FileList | null) {
    if (!list) return;
    const room = MAX_PHOTOS - photos.length;
    const files = [...list];
    const accepted = files.filter((f) => f.type === '' || f.type.startsWith('image/')).slice(0, Math.max(0, room));
    setPhotoNotice(files.length > accepted.length ? t('alarms.raise.photos.skipped', { max: MAX_PHOTOS }) : null);
    const added = accepted.map((file, i) => {
      const preview = URL.createObjectURL(file);
      previews.current.add(preview);
      return { key: `${Date.now()}-${i}-${file.name}`, file, preview, state: 'ready' as const, percent: 0 };
    });
    setPhotos((p) => [...p, ...added]);
  }

  function removePhoto(key: string) {
    setPhotos((list) => {
      const gone = list.find((p) => p.key === key);
      if (gone) {
        URL.revokeObjectURL(gone.preview);
        previews.current.delete(gone.preview);
      }
      return list.filter((p) => p.key !== key);
    });
  }

  const patchPhoto = (key: string, patch: Partial<Photo>) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  /** One after the other: a village's uplink is thin, and the order of the photos is kept. */
  async function sendPhotos(alarmId: number, which: Photo[]) {
    for (const photo of which) {
      patchPhoto(photo.key, { state: 'uploading', percent: 0, error: undefined });
      try {
        const file = await preparePhoto(photo.file);
        await uploadPhoto(alarmId, file, (p) => patchPhoto(photo.key, { percent: p.percent })).promise;
        patchPhoto(photo.key, { state: 'done', percent: 100 });
      } catch (e) {
        patchPhoto(photo.key, { state: 'error', error: errorMessage(e), retryable: !(e instanceof ApiError) || e.status === 0 || e.status >= 500 });
      }
    }
    void invalidate();
  }

  async function submit(v: RaiseForm) {
    const place = (v.place ?? '').trim();
    if (!alarmHasLocation({ place, latitude: position?.latitude, longitude: position?.longitude })) {
      form.setFields([{ name: 'place', errors: [t('alarms.raise.noLocation')] }]);
      form.scrollToField('place', { block: 'center' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const alarm = await raiseAlarm({
        unitId: v.unitId!,
        kind: v.kind!,
        place,
        latitude: position?.latitude ?? null,
        longitude: position?.longitude ?? null,
        description: (v.description ?? '').trim(),
      });
      setCreated(alarm);
      window.scrollTo({ top: 0 });
      void invalidate();
      if (photos.length) void sendPhotos(alarm.id, photos);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { latitude: 'place', longitude: 'place' }));
    } finally {
      setBusy(false);
    }
  }

  function again() {
    photos.forEach((p) => URL.revokeObjectURL(p.preview));
    previews.current.clear();
    setPhotos([]);
    setPosition(null);
    setGeoError(null);
    setCreated(null);
    form.resetFields();
  }

  const photoGrid = (removable: boolean) =>
    photos.length > 0 && (
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8, marginTop: 8 }} data-testid="alarm-photo-previews">
        {photos.map((p) => (
          <div key={p.key} style={{ position: 'relative' }} data-testid="alarm-photo-preview">
            <img
              src={p.preview}
              alt=""
              onError={(e) => {
                e.currentTarget.style.visibility = 'hidden';
              }}
              style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0', display: 'block', background: '#fafafa' }}
            />
            {removable && (
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                aria-label={t('alarms.raise.photos.remove')}
                onClick={() => removePhoto(p.key)}
                style={{ position: 'absolute', top: 4, right: 4 }}
              />
            )}
            {p.state === 'uploading' && <Progress percent={p.percent} size="small" showInfo={false} style={{ margin: 0 }} />}
            {p.state === 'done' && (
              <div style={{ color: '#389e0d', fontSize: 12 }} data-testid="alarm-photo-done">
                <CheckCircleFilled /> {t('alarms.raise.photos.done')}
              </div>
            )}
            {p.state === 'error' && (
              <div style={{ color: '#cf1322', fontSize: 12, wordBreak: 'break-word' }} data-testid="alarm-photo-error">
                {p.error}
              </div>
            )}
          </div>
        ))}
      </div>
    );

  if (created) {
    const failed = photos.filter((p) => p.state === 'error' && p.retryable);
    const uploading = photos.some((p) => p.state === 'uploading' || p.state === 'ready');
    return (
      <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="alarm-raised">
        <Result
          status="success"
          title={t('alarms.raise.doneTitle')}
          subTitle={t('alarms.raise.doneSub', { kind: alarmKind(created.kind), unit: created.unitName, at: formatDateTime(created.raisedAt) })}
          style={{ paddingInline: 0 }}
        />
        {photos.length > 0 && (
          <Card size="small" title={uploading ? t('alarms.raise.photos.uploading') : t('alarms.raise.photos.title')} style={{ marginBottom: 12 }}>
            {photoGrid(false)}
            {failed.length > 0 && !uploading && (
              <Button block icon={<ReloadOutlined />} style={{ marginTop: 12, ...BIG }} onClick={() => void sendPhotos(created.id, failed)} data-testid="alarm-photo-retry">
                {t('alarms.raise.photos.retry', { count: failed.length })}
              </Button>
            )}
          </Card>
        )}
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          <Link to="/alarms/mine">
            <Button type="primary" block icon={<UnorderedListOutlined />} style={BIG} data-testid="alarm-to-mine">
              {t('alarms.mine.title')}
            </Button>
          </Link>
          <Link to={`/alarms/${created.id}`}>
            <Button block style={BIG}>
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
      <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ unitId: initialUnit?.id }} requiredMark={false} data-testid="alarm-form">
        <Form.Item name="unitId" label={t('alarms.field.unit')} rules={[{ required: true, message: t('alarms.raise.unitRequired') }]}>
          {unitField}
        </Form.Item>
        <Form.Item name="kind" label={t('alarms.field.kind')} rules={[{ required: true, message: t('alarms.raise.kindRequired') }]}>
          <ChoiceButtons options={ALARM_KINDS.map((k) => ({ value: k.value, label: alarmKind(k.value) }))} testIdPrefix="alarm-kind" danger />
        </Form.Item>
        <Form.Item label={t('alarms.field.place')} required>
          <Form.Item
            name="place"
            noStyle
            rules={[
              {
                validator: (_, value?: string) =>
                  alarmHasLocation({ place: value ?? '', latitude: position?.latitude, longitude: position?.longitude }) ? Promise.resolve() : Promise.reject(new Error(t('alarms.raise.noLocation'))),
              },
            ]}
          >
            <Input maxLength={200} placeholder={t('alarms.raise.placePlaceholder')} data-testid="alarm-place" onChange={() => form.setFields([{ name: 'place', errors: [] }])} />
          </Form.Item>
          <Button
            block
            icon={locating ? <LoadingOutlined /> : <EnvironmentOutlined />}
            onClick={locate}
            disabled={locating}
            style={{ marginTop: 8, ...BIG }}
            data-testid="alarm-locate"
          >
            {locating ? t('alarms.raise.geo.locating') : position ? t('alarms.raise.geo.again') : t('alarms.raise.geo.use')}
          </Button>
          {position && (
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6, fontSize: 14 }} data-testid="alarm-coords">
              <EnvironmentOutlined style={{ color: '#389e0d' }} />
              <span style={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}>
                {t('alarms.raise.geo.at', { coords: coords(position), accuracy: Math.round(position.accuracy) })}
              </span>
              <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('alarms.raise.geo.clear')} onClick={() => setPosition(null)} />
            </div>
          )}
          {geoError && <Alert type="warning" showIcon title={geoError} style={{ marginTop: 6 }} data-testid="alarm-geo-error" />}
        </Form.Item>
        <Form.Item
          name="description"
          label={t('alarms.field.description')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('alarms.raise.descriptionRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('alarms.raise.descriptionPlaceholder')} data-testid="alarm-description" />
        </Form.Item>
        <Form.Item label={t('alarms.raise.photos.title')} extra={photoNotice ?? t('alarms.raise.photos.hint', { max: MAX_PHOTOS, mb: MAX_PHOTO_BYTES / 1024 / 1024 })}>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            style={{ display: 'none' }}
            data-testid="alarm-photo-input"
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <Button block icon={<CameraOutlined />} onClick={() => fileInput.current?.click()} disabled={photos.length >= MAX_PHOTOS} style={BIG} data-testid="alarm-photo-add">
            {t('alarms.raise.photos.add', { count: photos.length, max: MAX_PHOTOS })}
          </Button>
          {photoGrid(true)}
        </Form.Item>
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
