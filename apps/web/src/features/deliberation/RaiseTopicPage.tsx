// 提议题: a resident or member proposes a topic for their village, community or grid — one column,
// big controls, the places offered are only those where they are registered. Photos (the broken
// street light) go up one by one once the topic exists; one the server refuses is named in a
// warning, and the topic stands without it.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { TOPIC_CATEGORY_VALUES } from '@xianfeng/domain';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { applyFormErrors } from '../../api/formErrors.ts';
import { PhotoPicker, usePhotoList } from '../../components/PhotoPicker.tsx';
import { raiseTopic, useInvalidateDeliberation, usePlaces, useUploadTopicPhotos } from './hooks.ts';
import { useDeliberationLabels } from './labels.ts';

interface RaiseForm {
  unitId?: number;
  category?: string;
  title?: string;
  description?: string;
}

const FIELDS = ['unitId', 'category', 'title', 'description'];

export default function RaiseTopicPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateDeliberation();
  const { category } = useDeliberationLabels();
  const { data: places } = usePlaces();
  const [form] = Form.useForm<RaiseForm>();
  const photos = usePhotoList();
  const uploadPhotos = useUploadTopicPhotos();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const single = places?.items.length === 1 ? places.items[0] : undefined;
  // One place only (most residents): chosen for them once the list arrives.
  useEffect(() => {
    if (single && form.getFieldValue('unitId') === undefined) form.setFieldValue('unitId', single.id);
  }, [single, form]);

  async function submit(v: RaiseForm) {
    setBusy(true);
    setError(null);
    try {
      const topic = await raiseTopic({ unitId: v.unitId!, category: v.category!, title: v.title!, description: v.description! });
      await uploadPhotos(topic.id, photos);
      void invalidate();
      navigate(`/deliberation/${topic.id}`, { replace: true });
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640, margin: '0 auto', display: 'flex' }} data-testid="deliberation-raise-page">
      <Link to="/deliberation">
        <ArrowLeftOutlined /> {t('deliberation.list.title')}
      </Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('deliberation.raise.title')}
      </Typography.Title>
      {places && places.items.length === 0 ? (
        <Card>
          <Empty description={t('deliberation.raise.noPlace')} />
        </Card>
      ) : (
        <Card>
          <Form form={form} layout="vertical" size="large" onFinish={submit} data-testid="deliberation-raise-form">
            <Form.Item name="unitId" label={t('deliberation.field.place')} rules={[{ required: true, message: t('deliberation.raise.placeRequired') }]}>
              <Select
                options={places?.items.map((p) => ({ value: p.id, label: p.name }))}
                placeholder={t('deliberation.raise.placePlaceholder')}
                data-testid="deliberation-raise-place"
              />
            </Form.Item>
            <Form.Item name="category" label={t('deliberation.field.category')} rules={[{ required: true, message: t('deliberation.raise.categoryRequired') }]}>
              <Select options={TOPIC_CATEGORY_VALUES.map((c) => ({ value: c, label: category(c) }))} data-testid="deliberation-raise-category" />
            </Form.Item>
            <Form.Item name="title" label={t('deliberation.field.title')} rules={[{ required: true, min: 2, message: t('deliberation.raise.titleRequired') }]}>
              <Input maxLength={80} showCount data-testid="deliberation-raise-title" />
            </Form.Item>
            <Form.Item name="description" label={t('deliberation.field.description')} rules={[{ required: true, min: 2, message: t('deliberation.raise.descriptionRequired') }]}>
              <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('deliberation.raise.descriptionPlaceholder')} data-testid="deliberation-raise-description" />
            </Form.Item>
            <PhotoPicker list={photos} label={t('deliberation.photos.label')} testIdPrefix="deliberation-raise" />
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={busy} style={{ height: 52, fontSize: 17 }} data-testid="deliberation-raise-submit">
              {t('deliberation.raise.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
