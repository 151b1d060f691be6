// 安置点: the shelters of a village, community or grid — where people go when they are moved — kept
// by the unit's own people. Capacity bounds how many the evacuation page lets them record there.
import { EditOutlined, InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Segmented, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { archiveShelter, createShelter, updateShelter, useInvalidateField, useShelters } from './hooks.ts';
import type { Shelter, ShelterInput } from './types.ts';

const FIELDS = ['unitId', 'name', 'address', 'capacity'];

function ShelterModal({ open, shelter, defaultUnit, onClose }: { open: boolean; shelter: Shelter | null; defaultUnit: UnitRef | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateField();
  const [form] = Form.useForm<ShelterInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(shelter ? { name: shelter.name, address: shelter.address, capacity: shelter.capacity } : { unitId: defaultUnit?.id });
  }, [open, shelter, defaultUnit, form]);

  async function submit(v: ShelterInput) {
    setBusy(true);
    setError(null);
    const input = { name: v.name?.trim(), address: v.address?.trim() ?? '', capacity: v.capacity };
    try {
      if (shelter) await updateShelter(shelter.id, input);
      else await createShelter({ ...input, unitId: v.unitId });
      message.success(t('field.shelters.savedShelter'));
      void invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={shelter ? t('field.shelters.editTitle') : t('field.shelters.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'shelter-form-save' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="shelter-form">
        {!shelter && (
          <Form.Item name="unitId" label={t('field.shelters.unit')} extra={t('field.shelters.unitHint')} rules={[{ required: true, message: t('common.required') }]}>
            <UnitPicker initialUnit={defaultUnit} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('field.shelters.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('field.shelters.nameRequired') }]}>
          <Input maxLength={100} data-testid="shelter-name" />
        </Form.Item>
        <Form.Item name="address" label={t('field.shelters.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="capacity" label={t('field.shelters.capacityLabel')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={100_000} precision={0} style={{ width: 160 }} data-testid="shelter-capacity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function SheltersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const invalidate = useInvalidateField();
  const { unitId, unit, params, setParam } = useUnitChoice('warning.ack');
  const archived = params.get('archived') === '1';
  const { data, isFetching, error } = useShelters(unitId, archived);
  const [editing, setEditing] = useState<Shelter | null>(null);
  const [creating, setCreating] = useState(false);
  const writable = can('warning.ack') && !archived;

  async function archive(s: Shelter) {
    try {
      await archiveShelter(s.id);
      message.success(t('field.shelters.archived', { name: s.name }));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const actions = (s: Shelter) =>
    writable && (
      <Space>
        <Button size="small" icon={<EditOutlined />} onClick={(e) => { e.stopPropagation(); setEditing(s); }} data-testid="shelter-edit">
          {t('common.edit')}
        </Button>
        <Popconfirm title={t('field.shelters.archiveConfirm', { name: s.name })} okButtonProps={{ danger: true }} onConfirm={() => archive(s)}>
          <Button size="small" danger icon={<InboxOutlined />} data-testid="shelter-archive">
            {t('field.shelters.archive')}
          </Button>
        </Popconfirm>
      </Space>
    );

  const columns: ColumnsType<Shelter> = [
    { title: t('field.shelters.name'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('field.shelters.unit'), dataIndex: 'unitName' },
    { title: t('field.shelters.address'), dataIndex: 'address' },
    { title: t('field.shelters.capacityLabel'), dataIndex: 'capacity', align: 'right' },
    ...(writable ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, s: Shelter) => actions(s) }] : []),
  ];
  const items = data?.items ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="shelters-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('field.shelters.title')}
        </Typography.Title>
        {can('warning.ack') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="shelter-create">
            {t('field.shelters.create')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={12}>
            <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setParam({ unit: id })} />
          </Col>
          <Col xs={24} md={8}>
            <Segmented
              block
              value={archived ? 'archived' : 'current'}
              onChange={(v) => setParam({ archived: v === 'archived' ? 1 : undefined })}
              options={[
                { value: 'current', label: t('field.shelters.current') },
                { value: 'archived', label: t('field.shelters.archivedList') },
              ]}
            />
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
          {t('field.shelters.intro')}
        </Typography.Text>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {items.length === 0 && !isFetching && <Empty description={t('field.shelters.none')} />}
            {items.map((s) => (
              <Card key={s.id} size="small" data-testid="shelter-item">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong>{s.name}</Typography.Text>
                  <span style={{ whiteSpace: 'nowrap' }}>{t('field.shelters.capacity', { n: s.capacity })}</span>
                </div>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{[s.unitName, s.address].filter(Boolean).join(' · ')}</div>
                {writable && <div style={{ marginTop: 8 }}>{actions(s)}</div>}
              </Card>
            ))}
          </div>
        </Spin>
      ) : (
        <Table<Shelter> rowKey="id" columns={columns} dataSource={items} loading={isFetching} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: <Empty description={t('field.shelters.none')} /> }} data-testid="shelters-table" />
      )}
      <ShelterModal open={creating || !!editing} shelter={editing} defaultUnit={unit} onClose={() => { setCreating(false); setEditing(null); }} />
    </Space>
  );
}
