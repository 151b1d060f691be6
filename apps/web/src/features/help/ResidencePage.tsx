// 双报到: a member registers with the grid, village or community where they live, with their
// specialties and the hours they can help; they can end it. Requests of that place then reach
// them, and the points they earn there go to their own record.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Select, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { endResidence, registerResidence, useInvalidateHelp, usePlaces, useResidence, useSpecialties } from './hooks.ts';
import { useHelpLabels } from './labels.ts';

interface WindowValue {
  days: number[];
  range: [Dayjs, Dayjs];
}
interface FormValues {
  unitId: number;
  specialties: string[];
  windows: WindowValue[];
  note: string;
}

export default function ResidencePage() {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  const { message } = App.useApp();
  const { data, error } = useResidence();
  const invalidate = useInvalidateHelp();
  const [form] = Form.useForm<FormValues>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const places = usePlaces(q);
  const specialties = useSpecialties(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (error) return <Alert type="error" showIcon title={errorMessage(error)} data-testid="help-residence-error" />;
  if (!data) return <PageSpin />;
  const reg = data.registration;

  async function submit(v: FormValues) {
    setBusy(true);
    setFormError(null);
    try {
      await registerResidence({
        unitId: v.unitId,
        specialties: v.specialties ?? [],
        hours: (v.windows ?? []).map((w) => ({ days: w.days ?? [], from: w.range[0].format('HH:mm'), to: w.range[1].format('HH:mm') })),
        note: v.note ?? '',
      });
      message.success(t('help.residence.registered'));
      await invalidate();
    } catch (e) {
      setFormError(applyFormErrors(form, e, ['unitId', 'specialties', 'note'], { hours: 'windows' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }} data-testid="help-residence-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('help.residence.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('help.residence.intro', { unit: data.member.unitName })}</Typography.Text>
      </div>
      {reg ? (
        <Card size="small" data-testid="help-residence-current">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('help.residence.place')}>{t('help.inParens', { name: reg.unit.name, parent: reg.village.name })}</Descriptions.Item>
            <Descriptions.Item label={t('help.residence.specialties')}>{reg.specialties.map((s) => <Tag key={s}>{s}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('help.residence.hours')}>{labels.hours(reg.hours)}</Descriptions.Item>
            {reg.note && <Descriptions.Item label={t('help.residence.note')}>{reg.note}</Descriptions.Item>}
          </Descriptions>
          <Button
            danger
            style={{ marginTop: 12 }}
            data-testid="help-residence-end"
            onClick={async () => {
              try {
                await endResidence();
                await invalidate();
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            {t('help.residence.end')}
          </Button>
        </Card>
      ) : (
        <Card size="small">
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ specialties: data.member.specialties, windows: [] }} data-testid="help-residence-form">
            <Form.Item name="unitId" label={t('help.residence.place')} rules={[{ required: true, message: t('help.residence.placeRequired') }]}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                placeholder={t('help.residence.placePlaceholder')}
                loading={places.isFetching}
                options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.parentName ? t('help.inParens', { name: p.name, parent: p.parentName }) : p.name }))}
                data-testid="help-residence-place"
              />
            </Form.Item>
            <Form.Item name="specialties" label={t('help.residence.specialties')}>
              <Select mode="multiple" options={(specialties.data ?? data.member.specialties).map((s) => ({ value: s, label: s }))} data-testid="help-residence-specialties" />
            </Form.Item>
            <Form.List name="windows">
              {(fields, { add, remove }) => (
                <Form.Item label={t('help.residence.hours')} extra={t('help.residence.hoursHint')}>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {fields.map((f) => (
                      <Card key={f.key} size="small">
                        <Form.Item name={[f.name, 'days']} rules={[{ required: true, message: t('help.residence.daysRequired') }]} style={{ marginBottom: 8 }}>
                          <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`help.weekday.${d}`) }))} />
                        </Form.Item>
                        <Space>
                          <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: t('help.residence.rangeRequired') }]} noStyle>
                            <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
                          </Form.Item>
                          <MinusCircleOutlined onClick={() => remove(f.name)} />
                        </Space>
                      </Card>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({ days: [1, 2, 3, 4, 5], range: [dayjs('18:00', 'HH:mm'), dayjs('21:00', 'HH:mm')] })} data-testid="help-residence-add-window">
                      {t('help.residence.addWindow')}
                    </Button>
                  </Space>
                </Form.Item>
              )}
            </Form.List>
            <Form.Item name="note" label={t('help.residence.note')}>
              <Input maxLength={200} />
            </Form.Item>
            {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="help-residence-submit">
              {t('help.residence.register')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
