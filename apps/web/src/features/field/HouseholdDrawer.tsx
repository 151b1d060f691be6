// One household: who lives there, the people to move first and why each is recorded. Those who keep
// the grid (household.write) add or remove a person — a sensitive record, so the form asks why and
// says it should exist only when the person needs moving first — edit the household or archive it.
import { DeleteOutlined, EditOutlined, InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { VULNERABLE_CATEGORIES } from '@xianfeng/domain';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, List, Popconfirm, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useCan } from '../../auth/session.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { addPerson, archiveHousehold, removePerson, useHousehold, useInvalidateField } from './hooks.ts';
import { HouseholdFormDrawer } from './HouseholdFormDrawer.tsx';
import { useFieldLabels, VULNERABLE_COLORS } from './labels.ts';
import type { Household, PersonInput } from './types.ts';

const PERSON_FIELDS = ['name', 'category', 'reason', 'note'];

function PersonForm({ household, onDone, onCancel }: { household: Household; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { vulnerable } = useFieldLabels();
  const [form] = Form.useForm<PersonInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: PersonInput) {
    setBusy(true);
    setError(null);
    try {
      await addPerson(household.id, { name: v.name.trim(), category: v.category, reason: v.reason.trim(), note: v.note?.trim() ?? '' });
      form.resetFields();
      onDone();
    } catch (e) {
      setError(applyFormErrors(form, e, PERSON_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="person-form" style={{ background: '#fafafa', padding: 12, borderRadius: 8 }}>
      <Alert type="info" showIcon title={t('field.person.minimize')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="name" label={t('field.person.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={50} data-testid="person-name" />
      </Form.Item>
      <Form.Item name="category" label={t('field.person.category')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={VULNERABLE_CATEGORIES.map((c) => ({ value: c.value, label: vulnerable(c.value) }))} data-testid="person-category" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('field.person.reason')}
        extra={t('field.person.reasonHelp')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('field.person.reasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('field.person.reasonPlaceholder')} data-testid="person-reason" />
      </Form.Item>
      <Form.Item name="note" label={t('field.person.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} icon={<PlusOutlined />} data-testid="person-save">
          {t('field.person.add')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

export function HouseholdDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const { vulnerable } = useFieldLabels();
  const invalidate = useInvalidateField();
  const { data: h, error, isPending } = useHousehold(id);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const writable = can('household.write') && !!h && !h.archivedAt;

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      message.success(done);
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  return (
    <Drawer
      mask={{ closable: false }}
      open={id !== null}
      onClose={() => {
        setAdding(false);
        onClose();
      }}
      title={h ? h.address : t('field.household.detail')}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      extra={
        writable && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="household-edit">
              {t('common.edit')}
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPending && id !== null && <Skeleton active />}
      {h && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="household-detail">
          {h.archivedAt && <Alert type="warning" showIcon title={t('field.household.archivedAt', { at: formatDateTime(h.archivedAt) })} />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('field.household.unit')}>{h.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('field.household.address')}>{h.address}</Descriptions.Item>
            <Descriptions.Item label={t('field.household.head')}>{h.headName}</Descriptions.Item>
            <Descriptions.Item label={t('field.household.phone')}>{h.phone ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('field.household.people')}>{h.people}</Descriptions.Item>
            <Descriptions.Item label={t('field.household.updatedAt')}>{formatDateTime(h.updatedAt)}</Descriptions.Item>
          </Descriptions>
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
              <Typography.Text strong>{t('field.person.title')}</Typography.Text>
              {writable && !adding && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="person-add">
                  {t('field.person.add')}
                </Button>
              )}
            </div>
            {h.vulnerable.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.person.none')} />
            ) : (
              <List
                size="small"
                bordered
                dataSource={h.vulnerable}
                renderItem={(p) => (
                  <List.Item
                    data-testid="person-row"
                    actions={
                      writable
                        ? [
                            <Popconfirm
                              key="remove"
                              title={t('field.person.removeConfirm', { name: p.name })}
                              description={t('field.person.removeHint')}
                              okButtonProps={{ danger: true }}
                              onConfirm={() => run(() => removePerson(h.id, p.id), t('field.person.removed', { name: p.name }))}
                            >
                              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('field.person.remove')} data-testid="person-remove" />
                            </Popconfirm>,
                          ]
                        : undefined
                    }
                  >
                    <div style={{ minWidth: 0 }}>
                      <Tag color={VULNERABLE_COLORS[p.category] ?? 'default'}>{vulnerable(p.category)}</Tag>
                      <strong>{p.name}</strong>
                      <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', marginTop: 2 }}>{t('field.person.reasonIs', { reason: p.reason })}</div>
                      {p.note && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{p.note}</div>}
                    </div>
                  </List.Item>
                )}
              />
            )}
          </div>
          {writable && adding && (
            <PersonForm
              household={h}
              onCancel={() => setAdding(false)}
              onDone={() => {
                setAdding(false);
                message.success(t('field.person.added'));
                void invalidate();
              }}
            />
          )}
          {writable && (
            <Popconfirm
              title={t('field.household.archiveConfirm')}
              description={t('field.household.archiveHint')}
              okButtonProps={{ danger: true }}
              onConfirm={() => run(() => archiveHousehold(h.id), t('field.household.archived'))}
            >
              <Button danger icon={<InboxOutlined />} data-testid="household-archive">
                {t('field.household.archive')}
              </Button>
            </Popconfirm>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('field.household.audited')}
          </Typography.Text>
        </Space>
      )}
      <HouseholdFormDrawer
        open={editing}
        household={h}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          message.success(t('field.household.saved'));
          void invalidate();
        }}
      />
    </Drawer>
  );
}
