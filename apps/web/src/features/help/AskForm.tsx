// The form a resident fills in to ask for help, on a phone: what kind of help, what is wrong,
// where (a description, or the phone's location), who and how to reach them, and photos. The
// public page adds the village's grids and its verification question; the account page the place.
import { AimOutlined, CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Radio, Select, Space, Upload, type UploadFile } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';

export interface AskValues {
  category: string;
  description: string;
  place: string;
  gridId?: number;
  name: string;
  phone: string;
  answer?: number;
}

const FIELDS = ['category', 'description', 'place', 'gridId', 'name', 'phone', 'answer', 'latitude', 'longitude'] as const;

export function AskForm({
  categories, grids, question, extra, initialName, busy, onSubmit,
}: {
  categories: Array<{ value: string; label: string; description?: string }>;
  grids?: Array<{ id: number; name: string }>;
  /** The verification question of the public page. */
  question?: string;
  extra?: ReactNode;
  initialName?: string;
  busy: boolean;
  onSubmit: (values: AskValues & { latitude: number | null; longitude: number | null }, photos: File[]) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AskValues>();
  const [error, setError] = useState<string | null>(null);
  const [coords, setCoords] = useState<{ latitude: number; longitude: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [photos, setPhotos] = useState<UploadFile[]>([]);

  function locate() {
    if (!navigator.geolocation) return setError(t('help.ask.noGeolocation'));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setCoords({ latitude: Math.round(p.coords.latitude * 1e6) / 1e6, longitude: Math.round(p.coords.longitude * 1e6) / 1e6 });
        setLocating(false);
      },
      () => {
        setError(t('help.ask.noGeolocation'));
        setLocating(false);
      },
      { timeout: 10_000 },
    );
  }

  async function submit(v: AskValues) {
    setError(null);
    try {
      await onSubmit({ ...v, place: v.place ?? '', latitude: coords?.latitude ?? null, longitude: coords?.longitude ?? null }, photos.map((p) => p.originFileObj as File).filter(Boolean));
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { latitude: 'place', longitude: 'place' }));
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: initialName ?? '' }} data-testid="help-ask-form" requiredMark={false}>
      <Form.Item name="category" label={t('help.ask.category')} rules={[{ required: true, message: t('help.ask.categoryRequired') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="help-ask-category" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {categories.map((c) => (
            <Radio.Button key={c.value} value={c.value}>
              <span data-testid={`help-category-${c.value}`}>{c.label}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="description" label={t('help.ask.description')} rules={[{ required: true, min: 2, message: t('help.ask.descriptionRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('help.ask.descriptionPlaceholder')} data-testid="help-ask-description" />
      </Form.Item>
      {grids && grids.length > 0 && (
        <Form.Item name="gridId" label={t('help.ask.grid')}>
          <Select allowClear placeholder={t('help.ask.gridPlaceholder')} options={grids.map((g) => ({ value: g.id, label: g.name }))} data-testid="help-ask-grid" />
        </Form.Item>
      )}
      <Form.Item label={t('help.ask.place')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="place" noStyle>
            <Input maxLength={200} placeholder={t('help.ask.placePlaceholder')} data-testid="help-ask-place" />
          </Form.Item>
          <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="help-ask-locate">
            {coords ? t('help.ask.located') : t('help.ask.locate')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="name" label={t('help.ask.name')} rules={[{ required: true, whitespace: true, message: t('help.ask.nameRequired') }]}>
        <Input maxLength={40} autoComplete="name" data-testid="help-ask-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('help.ask.phone')} extra={t('help.ask.phoneHint')} rules={[{ required: true, pattern: /^1\d{10}$/, message: t('help.ask.phoneRequired') }]}>
        <Input maxLength={11} inputMode="tel" autoComplete="tel" data-testid="help-ask-phone" />
      </Form.Item>
      <Form.Item label={t('help.ask.photos')} extra={t('help.ask.photosHint')}>
        <Upload
          accept="image/jpeg,image/png,image/webp"
          listType="picture"
          maxCount={6}
          fileList={photos}
          beforeUpload={() => false}
          onChange={({ fileList }) => setPhotos(fileList)}
        >
          <Button icon={<CameraOutlined />} data-testid="help-ask-photos">
            {t('help.ask.addPhoto')}
          </Button>
        </Upload>
      </Form.Item>
      {question && (
        <Form.Item name="answer" label={t('help.ask.check', { question })} rules={[{ required: true, message: t('help.ask.checkRequired') }]}>
          <Input inputMode="numeric" maxLength={3} style={{ maxWidth: 120 }} data-testid="help-ask-answer" />
        </Form.Item>
      )}
      {extra}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="help-ask-error" />}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="help-ask-submit">
        {t('help.ask.submit')}
      </Button>
    </Form>
  );
}
