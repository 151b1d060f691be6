// 报告隐患: a resident, a member or a grid worker reports what they found — from a phone, one
// column, big buttons. Where: a description of the place and, if the phone allows it, its
// position. Photos go up one by one once the report exists, so a slow uplink never holds it up.
import { UnorderedListOutlined } from '@ant-design/icons';
import { HAZARD_CATEGORIES, hazardHasLocation } from '@xianfeng/domain';
import { Alert, Button, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useCan, useOwnUnits } from '../../auth/session.ts';
import { ChoiceButtons } from '../../components/ChoiceButtons.tsx';
import { PhotoPicker, SentPhotos, usePhotoList, type PickedPhoto } from '../../components/PhotoPicker.tsx';
import { PlaceField, type Position } from '../../components/PlaceField.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { reportHazard, uploadHazardPhoto, useInvalidateHazards, useReportPlaces } from './hooks.ts';
import { useHazardLabels } from './labels.ts';
import type { HazardDetail } from './types.ts';

interface ReportForm {
  unitId?: number;
  category?: string;
  place?: string;
  position?: Position | null;
  description?: string;
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
  const photos = usePhotoList();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<HazardDetail | null>(null);

  async function sendPhotos(hazardId: number, which: PickedPhoto[]) {
    await photos.upload(which, (file, onProgress) => uploadHazardPhoto(hazardId, 'report', file, (p) => onProgress(p.percent)).promise);
    void invalidate();
  }

  async function submit(v: ReportForm) {
    setBusy(true);
    setError(null);
    try {
      const hazard = await reportHazard({
        unitId: v.unitId!,
        category: v.category!,
        place: (v.place ?? '').trim(),
        latitude: v.position?.latitude ?? null,
        longitude: v.position?.longitude ?? null,
        description: (v.description ?? '').trim(),
      });
      setCreated(hazard);
      window.scrollTo({ top: 0 });
      void invalidate();
      if (photos.photos.length) void sendPhotos(hazard.id, photos.photos);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { latitude: 'place', longitude: 'place' }));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="hazard-reported">
        <Result
          status="success"
          title={t('hazards.report.doneTitle')}
          subTitle={t('hazards.report.doneSub', { category: category(created.category), unit: created.unitName, due: formatDateTime(created.dueAt) })}
          style={{ paddingInline: 0 }}
        />
        <SentPhotos list={photos} title={t('hazards.report.photos')} testIdPrefix="hazard" onRetry={(failed) => void sendPhotos(created.id, failed)} />
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
              photos.clear();
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
      <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ unitId: initialUnit?.id }} requiredMark={false} scrollToFirstError={{ block: 'center' }} data-testid="hazard-form">
        <Form.Item name="unitId" label={t('hazards.field.unit')} rules={[{ required: true, message: t('hazards.report.unitRequired') }]}>
          {unitField}
        </Form.Item>
        <Form.Item name="category" label={t('hazards.field.category')} rules={[{ required: true, message: t('hazards.report.categoryRequired') }]}>
          <ChoiceButtons options={HAZARD_CATEGORIES.map((c) => ({ value: c.value, label: category(c.value) }))} testIdPrefix="hazard-category" />
        </Form.Item>
        <PlaceField
          label={t('hazards.field.place')}
          placeholder={t('hazards.report.placePlaceholder')}
          hasLocation={hazardHasLocation}
          missingMessage={t('hazards.report.noLocation')}
          testIdPrefix="hazard"
        />
        <Form.Item name="description" label={t('hazards.field.description')} rules={[{ required: true, whitespace: true, min: 2, message: t('hazards.report.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('hazards.report.descriptionPlaceholder')} data-testid="hazard-description" />
        </Form.Item>
        <PhotoPicker list={photos} label={t('hazards.report.photos')} testIdPrefix="hazard" />
        <Button type="primary" htmlType="submit" block loading={busy} style={{ height: 60, fontSize: 20, fontWeight: 700 }} data-testid="hazard-submit">
          {t('hazards.report.submit')}
        </Button>
      </Form>
    </div>
  );
}
