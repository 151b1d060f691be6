// 调解员库 (金牌和事佬): the mediators kept in a village's or town's pool, with their specialties, the
// units they cover and their open cases; the secretary chooses members as mediators, changes their
// areas, or ends their service.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Empty, Form, Input, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { MemberPicker } from '../users/MemberPicker.tsx';
import { addMediator, updateMediator, useInvalidateMediation, useMediators } from './hooks.ts';
import type { Mediator } from './types.ts';

type StatusFilter = 'active' | 'ended';

export default function MediatorsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const { unitId, unit, setUnit } = useUnitChoice('mediation.manage');
  const [status, setStatus] = useState<StatusFilter>('active');
  const { data, isFetching, error } = useMediators({ unitId, status });
  const invalidate = useInvalidateMediation();
  const [editing, setEditing] = useState<Mediator | 'new' | null>(null);

  const toggle = async (m: Mediator) => {
    try {
      await updateMediator(m.id, { status: m.status === 'active' ? 'ended' : 'active' });
      message.success(t('mediation.pool.saved'));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: ColumnsType<Mediator> = [
    { title: t('mediation.pool.name'), dataIndex: 'name', render: (v: string, m) => <span><Typography.Text strong>{v}</Typography.Text> <Typography.Text type="secondary">{m.memberUnitName}</Typography.Text></span> },
    { title: t('mediation.pool.phone'), dataIndex: 'phoneMasked' },
    { title: t('mediation.pool.specialties'), dataIndex: 'specialties', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: t('mediation.pool.areas'), dataIndex: 'areas', render: (a: Mediator['areas']) => a.map((x) => x.name).join(t('common.separator')) },
    { title: t('mediation.pool.openCases'), dataIndex: 'openCases', width: 90 },
    {
      title: '', key: 'actions', width: 160,
      render: (_: unknown, m) => (
        <Space>
          <Button size="small" onClick={() => setEditing(m)} data-testid="mediator-edit">{t('mediation.pool.edit')}</Button>
          <Button size="small" danger={m.status === 'active'} onClick={() => void toggle(m)} data-testid="mediator-toggle">
            {t(m.status === 'active' ? 'mediation.pool.end' : 'mediation.pool.resume')}
          </Button>
        </Space>
      ),
    },
  ];

  const items = data?.items ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="mediation-pool-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('mediation.pool.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} disabled={!unitId} onClick={() => setEditing('new')} data-testid="mediator-add">
          {t('mediation.pool.add')}
        </Button>
      </div>
      <Card size="small">
        <Space wrap style={{ width: '100%' }}>
          <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setUnit(id)} style={{ minWidth: 240 }} />
          <Segmented<StatusFilter> value={status} onChange={setStatus} options={[{ value: 'active', label: t('mediation.pool.active') }, { value: 'ended', label: t('mediation.pool.ended') }]} />
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="mediator-list">
            {items.length === 0 && !isFetching && <Empty description={t('mediation.pool.none')} />}
            {items.map((m) => (
              <Card key={m.id} size="small" title={m.name} extra={<Button size="small" onClick={() => setEditing(m)}>{t('mediation.pool.edit')}</Button>}>
                <div>{m.specialties.map((x) => <Tag key={x}>{x}</Tag>)}</div>
                <Typography.Text type="secondary">{m.areas.map((x) => x.name).join(t('common.separator'))} · {t('mediation.pool.openCasesN', { count: m.openCases })}</Typography.Text>
              </Card>
            ))}
          </div>
        </Spin>
      ) : (
        <Table<Mediator> rowKey="id" columns={columns} dataSource={items} loading={isFetching} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: <Empty description={t('mediation.pool.none')} /> }} data-testid="mediator-table" />
      )}
      {editing && unitId && (
        <MediatorDrawer
          unitId={unitId}
          mediator={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            message.success(t('mediation.pool.saved'));
            await invalidate();
          }}
        />
      )}
    </Space>
  );
}

interface FormValues {
  memberId?: number;
  specialties: string[];
  areaUnitIds: (number | undefined)[];
  note: string;
}

function MediatorDrawer({ unitId, mediator, onClose, onSaved }: { unitId: number; mediator: Mediator | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const initial: FormValues = mediator
    ? { memberId: mediator.memberId, specialties: mediator.specialties, areaUnitIds: mediator.areas.map((a) => a.id), note: mediator.note }
    : { specialties: [], areaUnitIds: [unitId], note: '' };

  const submit = async (v: FormValues) => {
    setSaving(true);
    setProblem(null);
    const areaUnitIds = [...new Set(v.areaUnitIds.filter((x): x is number => !!x))];
    try {
      if (mediator) await updateMediator(mediator.id, { specialties: v.specialties, areaUnitIds, note: v.note });
      else await addMediator({ unitId, memberId: v.memberId!, specialties: v.specialties, areaUnitIds, note: v.note });
      await onSaved();
    } catch (e) {
      setProblem(applyFormErrors(form, e, ['memberId', 'specialties', 'areaUnitIds', 'note']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer mask={{ closable: false }} open onClose={onClose} size={isPhone ? '100%' : 480} title={t(mediator ? 'mediation.pool.editTitle' : 'mediation.pool.addTitle')} destroyOnHidden>
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="mediator-form">
        <Form.Item name="memberId" label={t('mediation.pool.member')} rules={[{ required: !mediator, message: t('mediation.pool.memberRequired') }]} extra={t('mediation.pool.memberHint')}>
          {mediator ? <Input value={mediator.name} disabled /> : <MemberPicker unitId={unitId} data-testid="mediator-member" />}
        </Form.Item>
        <Form.Item name="specialties" label={t('mediation.pool.specialties')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} placeholder={t('mediation.pool.specialtiesHint')} />
        </Form.Item>
        <Form.List name="areaUnitIds">
          {(fields, { add, remove }) => (
            <Form.Item label={t('mediation.pool.areas')} required>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Space.Compact key={f.key} style={{ width: '100%' }}>
                    <Form.Item name={f.name} noStyle rules={[{ required: true, message: t('mediation.pool.areaRequired') }]}>
                      <UnitPicker style={{ width: '100%' }} />
                    </Form.Item>
                    {fields.length > 1 && <Button onClick={() => remove(f.name)}>{t('mediation.common.remove')}</Button>}
                  </Space.Compact>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>{t('mediation.pool.addArea')}</Button>
              </Space>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="note" label={t('mediation.pool.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving} block data-testid="mediator-save">{t('mediation.common.save')}</Button>
      </Form>
    </Drawer>
  );
}
