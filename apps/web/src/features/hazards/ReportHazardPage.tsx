// 报告隐患: a resident, a member or a grid worker reports what they found — from a phone, one
// column, big buttons. Where: a description of the place and, if the phone allows it, its
// position. Photos go up one by one once the report exists, so a slow uplink never holds it up.
import { CameraOutlined, CheckCircleFilled, CloseOutlined, EnvironmentOutlined, LoadingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { HAZARD_CATEGORIES, hazardHasLocation } from '@xianfeng/domain';
import { Alert, Button, Card, Form, Input, Progress, Result, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useCan, useOwnUnits } from '../../auth/session.ts';
import { ChoiceButtons } from '../../components/ChoiceButtons.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, preparePhoto } from '../alarms/photos.ts';
import { reportHazard, uploadHazardPhoto, useInvalidateHazards, useReportPlaces } from './hooks.ts';
import { useHazardLabels } from './labels.ts';
import type { HazardDetail } from './types.ts';

interface ReportForm {
  unitId?: number;
  category?: string;
  place?: string;
  description?: string;
}

interface Photo {
  key: string;
  file: File;
  preview: string;
  state: 'ready' | 'uploading' | 'done' | 'error';
  percent: number;
  error?: string;
}

const FIELDS = ['unitId', 'category', 'place', 'description'];
const BIG = { height: 52, fontSize: 17 } as const;

function UnitName({ units, value }: { units: Array<{ id: number; name: string }>; value?: number }) {
  const { t } = useTranslation();
  return (
    <Typography.Text strong style={{ fontSize: 16 }} data-testid="hazard-unit">
      {units.find((u) => u.id === value)?.name ?? t('hazards.report.noUnit')}
    </Typography.Text>
  );
}

export default function ReportHazardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const own = useOwnUnits('hazard.report');
  // Without the tree to search (residents, members), the grids of one's village are offered too:
  // a report filed on its grid reaches that grid's workers.
  const places = useReportPlaces(!can('unit.read')).data ?? own.map((u) => ({ ...u, kind: '' }));
  const invalidate = useInvalidateHazards();
  const { category } = useHazardLabels();
  const [form] = Form.useForm<ReportForm>();
  const [position, setPosition] = useState<{ latitude: number; longitude: number; accuracy: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<HazardDetail | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previews = useRef(new Set<string>());

  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, []);

  function locate() {
    setGeoError(null);
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setGeoError(t('hazards.report.geo.unsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy });
        form.setFields([{ name: 'place', errors: [] }]);
      },
      () => {
        setLocating(false);
        setGeoError(t('hazards.report.geo.failed'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  function addFiles(list: FileList | null) {
    if (!list) return;
    const room = MAX_PHOTOS - photos.length;
    const added = [...list].filter((f) => f.type === '' || f.type.startsWith('image/')).slice(0, Math.max(0, room)).map((file, i) => {
      const preview = URL.createObjectURL(file);
      previews.current.add(preview);
      return { key: `${Date.now()}-${i}-${file.name}`, file, preview, state: 'ready' as const, percent: 0 };
    });
    setPhotos((p) => [...p, ...added]);
  }

  const patchPhoto = (key: string, patch: Partial<Photo>) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  /** One after the other: a village's uplink is thin, and the order of the photos is kept. */
  async function sendPhotos(id: number, which: Photo[]) {
    for (const photo of which) {
      patchPhoto(photo.key, { state: 'uploading', percent: 0 });
      try {
        const file = await preparePhoto(photo.file);
        await uploadHazardPhoto(id, 'report', file, (p) => patchPhoto(photo.key, { percent: p.percent })).promise;
        patchPhoto(photo.key, { state: 'done', percent: 100 });
      } catch (e) {
        patchPhoto(photo.key, { state: 'error', error: errorMessage(e) });
      }
    }
    void invalidate();
  }

  async function submit(v: ReportForm) {
    const place = (v.place ?? '').trim();
    if (!hazardHasLocation({ place, latitude: position?.latitude, longitude: position?.longitude })) {
      form.setFields([{ name: 'place', errors: [t('hazards.report.noLocation')] }]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const hazard = await reportHazard({
        unitId: v.unitId!, category: v.category!, place, latitude: position?.latitude ?? null, longitude: position?.longitude ?? null, description: (v.description ?? '').trim(),
      });
      setCreated(hazard);
      window.scrollTo({ top: 0 });
      void invalidate();
      if (photos.length) void sendPhotos(hazard.id, photos);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { latitude: 'place', longitude: 'place' }));
    } finally {
      setBusy(false);
    }
  }

  const photoGrid = (removable: boolean) =>
    photos.length > 0 && (
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8, marginTop: 8 }} data-testid="hazard-photo-previews">
        {photos.map((p) => (
          <div key={p.key} style={{ position: 'relative' }}>
            <img src={p.preview} alt="" style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0', display: 'block' }} />
            {removable && (
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                aria-label={t('hazards.report.photos.remove')}
                onClick={() => setPhotos((list) => list.filter((x) => x.key !== p.key))}
                style={{ position: 'absolute', top: 4, right: 4 }}
              />
            )}
            {p.state === 'uploading' && <Progress percent={p.percent} size="small" showInfo={false} style={{ margin: 0 }} />}
            {p.state === 'done' && <div style={{ color: '#389e0d', fontSize: 12 }} data-testid="hazard-photo-done"><CheckCircleFilled /> {t('hazards.report.photos.done')}</div>}
            {p.state === 'error' && <div style={{ color: '#cf1322', fontSize: 12, wordBreak: 'break-word' }} data-testid="hazard-photo-error">{p.error}</div>}
          </div>
        ))}
      </div>
    );

  if (created) {
    return (
      <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="hazard-reported">
        <Result
          status="success"
          title={t('hazards.report.doneTitle')}
          subTitle={t('hazards.report.doneSub', { category: category(created.category), unit: created.unitName, due: formatDateTime(created.dueAt) })}
          style={{ paddingInline: 0 }}
        />
        {photos.length > 0 && <Card size="small" title={t('hazards.report.photos.title')} style={{ marginBottom: 12 }}>{photoGrid(false)}</Card>}
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          <Link to={`/hazards/${created.id}`}>
            <Button type="primary" block style={BIG} data-testid="hazard-to-detail">
              {t('hazards.report.viewDetail')}
            </Button>
          </Link>
          <Link to="/hazards/mine">
            <Button block icon={<UnorderedListOutlined />} style={BIG}>
              {t('hazards.mine.title')}
            </Button>
          </Link>
          <Button
            block
            type="text"
            onClick={() => {
              setPhotos([]);
              setPosition(null);
              setCreated(null);
              form.resetFields();
            }}
          >
            {t('hazards.report.again')}
          </Button>
        </Space>
      </div>
    );
  }

  const initialUnit = own[0];
  let unitField;
  if (can('unit.read')) unitField = <UnitPicker initialUnit={initialUnit} allowClear={false} data-testid="hazard-unit" />;
  else if (places.length > 1) unitField = <Select size="large" options={places.map((u) => ({ value: u.id, label: u.name }))} data-testid="hazard-unit" />;
  else unitField = <UnitName units={places} />;

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="hazard-report-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('hazards.report.title')}
        </Typography.Title>
        <Link to="/hazards/mine">{t('hazards.mine.title')}</Link>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('hazards.report.intro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="hazard-error" />}
      <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ unitId: initialUnit?.id }} requiredMark={false} data-testid="hazard-form">
        <Form.Item name="unitId" label={t('hazards.field.unit')} rules={[{ required: true, message: t('hazards.report.unitRequired') }]}>
          {unitField}
        </Form.Item>
        <Form.Item name="category" label={t('hazards.field.category')} rules={[{ required: true, message: t('hazards.report.categoryRequired') }]}>
          <ChoiceButtons options={HAZARD_CATEGORIES.map((c) => ({ value: c.value, label: category(c.value) }))} testIdPrefix="hazard-category" />
        </Form.Item>
        <Form.Item label={t('hazards.field.place')} required>
          <Form.Item name="place" noStyle>
            <Input maxLength={200} placeholder={t('hazards.report.placePlaceholder')} data-testid="hazard-place" onChange={() => form.setFields([{ name: 'place', errors: [] }])} />
          </Form.Item>
          <Button block icon={locating ? <LoadingOutlined /> : <EnvironmentOutlined />} onClick={locate} disabled={locating} style={{ marginTop: 8, ...BIG }} data-testid="hazard-locate">
            {locating ? t('hazards.report.geo.locating') : t('hazards.report.geo.use')}
          </Button>
          {position && (
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }} data-testid="hazard-coords">
              <EnvironmentOutlined style={{ color: '#389e0d' }} />
              <span style={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}>
                {t('hazards.report.geo.at', { coords: `${position.latitude.toFixed(5)}, ${position.longitude.toFixed(5)}`, accuracy: Math.round(position.accuracy) })}
              </span>
              <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('hazards.report.geo.clear')} onClick={() => setPosition(null)} />
            </div>
          )}
          {geoError && <Alert type="warning" showIcon title={geoError} style={{ marginTop: 6 }} />}
        </Form.Item>
        <Form.Item name="description" label={t('hazards.field.description')} rules={[{ required: true, whitespace: true, min: 2, message: t('hazards.report.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('hazards.report.descriptionPlaceholder')} data-testid="hazard-description" />
        </Form.Item>
        <Form.Item label={t('hazards.report.photos.title')} extra={t('hazards.report.photos.hint', { max: MAX_PHOTOS, mb: MAX_PHOTO_BYTES / 1024 / 1024 })}>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            style={{ display: 'none' }}
            data-testid="hazard-photo-input"
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <Button block icon={<CameraOutlined />} onClick={() => fileInput.current?.click()} disabled={photos.length >= MAX_PHOTOS} style={BIG} data-testid="hazard-photo-add">
            {t('hazards.report.photos.add', { count: photos.length, max: MAX_PHOTOS })}
          </Button>
          {photoGrid(true)}
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} style={{ height: 60, fontSize: 20, fontWeight: 700 }} data-testid="hazard-submit">
          {t('hazards.report.submit')}
        </Button>
      </Form>
    </div>
  );
}
