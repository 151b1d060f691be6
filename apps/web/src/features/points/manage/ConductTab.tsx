// 十为十不为 of the unit: the list in force (its own, or inherited from above), how many members have
// acknowledged it, and an editor that publishes a new version (members acknowledge it again).
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Progress, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { ConductColumns } from '../ConductColumns.tsx';
import { useInvalidatePoints, useUnitConduct, useUnitRules } from '../hooks.ts';

interface ItemForm {
  kind: 'do' | 'dont';
  text: string;
  ruleCode?: string | null;
}

function ConductEditor({ unitId, initial, onDone }: { unitId: number; initial: ItemForm[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const rules = useUnitRules(unitId, false);
  const [form] = Form.useForm<{ items: ItemForm[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const items = Form.useWatch('items', form) ?? initial;
  const deductionRules = (rules.data?.items ?? []).filter((r) => r.account === 'deduction');

  async function publish(v: { items: ItemForm[] }) {
    setBusy(true);
    setError(null);
    try {
      await api.put('/api/points/conduct', {
        unitId,
        items: (v.items ?? []).map((i) => ({ kind: i.kind, text: i.text.trim(), ruleCode: i.kind === 'dont' ? (i.ruleCode ?? null) : null })),
      });
      message.success(t('points.conduct.published'));
      await invalidate();
      onDone();
    } catch (e) {
      setError(applyFormErrors(form, e, ['items']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('points.conduct.editTitle')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ items: initial }} onFinish={publish} data-testid="conduct-form">
        <Form.List name="items">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start', borderBottom: '1px solid #f0f0f0', paddingTop: 8 }} data-testid="conduct-form-item">
                  <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 8 }}>
                    <Radio.Group
                      optionType="button"
                      size="small"
                      options={[
                        { value: 'do', label: t('points.conduct.do') },
                        { value: 'dont', label: t('points.conduct.dont') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text']} style={{ flex: '1 1 220px', marginBottom: 8 }} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    <Input maxLength={100} placeholder={t('points.conduct.textPlaceholder')} />
                  </Form.Item>
                  {items[index]?.kind === 'dont' && (
                    <Form.Item name={[field.name, 'ruleCode']} style={{ flex: '0 1 200px', minWidth: 140, marginBottom: 8 }}>
                      <Select
                        allowClear
                        placeholder={t('points.conduct.rulePlaceholder')}
                        options={deductionRules.map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }))}
                      />
                    </Form.Item>
                  )}
                  <Space size={2} style={{ marginBottom: 8 }}>
                    <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('points.conduct.up')} />
                    <Button size="small" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label={t('points.conduct.down')} />
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('points.conduct.remove')} />
                  </Space>
                </div>
              ))}
              <Space wrap style={{ marginTop: 12 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'do', text: '' })} disabled={fields.length >= 40}>
                  {t('points.conduct.addDo')}
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'dont', text: '', ruleCode: null })} disabled={fields.length >= 40}>
                  {t('points.conduct.addDont')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('points.conduct.publishHint')}
        </Typography.Paragraph>
        <Space>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="conduct-publish">
            {t('points.conduct.publish')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

export function ConductTab({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidatePoints();
  const { data, isPending, error } = useUnitConduct(unitId);
  const [editing, setEditing] = useState(false);

  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const list = data.list;

  const adopt = () =>
    modal.confirm({
      title: t('points.conduct.adoptTitle'),
      content: t('points.conduct.adoptConfirm'),
      onOk: async () => {
        try {
          await api.post('/api/points/conduct/adopt', { unitId });
          message.success(t('points.conduct.published'));
          await invalidate();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  if (editing) {
    const initial: ItemForm[] = list ? list.items.map((i) => ({ kind: i.kind, text: i.text, ruleCode: i.ruleCode })) : [{ kind: 'do', text: '' }];
    return <ConductEditor unitId={unitId} initial={initial} onDone={() => setEditing(false)} />;
  }

  const percent = data.members ? Math.round((data.acknowledged / data.members) * 100) : 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="conduct-tab">
      <Space wrap>
        <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="conduct-edit">
          {data.inherited ? t('points.conduct.editOwn') : t('points.conduct.edit')}
        </Button>
        <Button onClick={adopt} data-testid="conduct-adopt">
          {t('points.conduct.adopt')}
        </Button>
      </Space>
      {!list ? (
        <Empty description={t('points.conduct.none')} />
      ) : (
        <>
          <Card size="small">
            <Typography.Text type="secondary">
              {data.inherited ? t('points.conduct.inheritedFrom', { unit: list.unit.name }) : t('points.conduct.own')}
              {' · '}
              {t('points.conduct.publishedAt', { date: formatDateTime(list.publishedAt) })}
            </Typography.Text>
            <div style={{ marginTop: 8 }} data-testid="conduct-acks">
              {t('points.conduct.ackCount', { acked: data.acknowledged, members: data.members })}
              <Progress percent={percent} size="small" />
            </div>
          </Card>
          <ConductColumns items={list.items} showRules />
        </>
      )}
    </Space>
  );
}
