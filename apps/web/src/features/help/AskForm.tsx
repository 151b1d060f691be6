// The form a resident fills in to ask for help, on a phone: what kind of help, what is wrong,
// where (a description, or the phone's location), who and how to reach them, and photos. The
// public page adds the village's grids and its verification question; the account page the place.
import { helpHasLocation } from '@xianfeng/domain';
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import { PhotoPicker, usePhotoList } from '../../components/PhotoPicker.tsx';
import { PlaceField, type Position } from '../../components/PlaceField.tsx';

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
  /** The photos as picked: the caller sends each (through preparePhoto) once the request exists. */
  onSubmit: (values: AskValues & { latitude: number | null; longitude: number | null }, photos: File[]) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AskValues & { position?: Position | null }>();
  const [error, setError] = useState<string | null>(null);
  const photos = usePhotoList();

  async function submit({ position, ...v }: AskValues & { position?: Position | null }) {
    setError(null);
    try {
      await onSubmit({ ...v, place: (v.place ?? '').trim(), latitude: position?.latitude ?? null, longitude: position?.longitude ?? null }, photos.photos.map((p) => p.file));
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { latitude: 'place', longitude: 'place' }));
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: initialName ?? '' }} data-testid="help-ask-form" requiredMark={false} scrollToFirstError={{ block: 'center' }}>
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
      <PlaceField label={t('help.ask.place')} placeholder={t('help.ask.placePlaceholder')} hasLocation={helpHasLocation} missingMessage={t('help.ask.noLocation')} testIdPrefix="help-ask" />
      <Form.Item name="name" label={t('help.ask.name')} rules={[{ required: true, whitespace: true, message: t('help.ask.nameRequired') }]}>
        <Input maxLength={40} autoComplete="name" data-testid="help-ask-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('help.ask.phone')} extra={t('help.ask.phoneHint')} rules={[{ required: true, pattern: /^1\d{10}$/, message: t('help.ask.phoneRequired') }]}>
        <Input maxLength={11} inputMode="tel" autoComplete="tel" data-testid="help-ask-phone" />
      </Form.Item>
      <PhotoPicker list={photos} label={t('help.ask.photos')} testIdPrefix="help-ask" />
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
