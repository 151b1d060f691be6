// 发布预警: the issuing unit, hazard and level (four coloured buttons), the headline (台风红色预警
// until someone types another), what is happening and what to do (防御指南), the areas covered
// (each a whole subtree), the time it is in force, and whether it is an exercise (演练). Red and
// orange warnings ask for a confirmation first: they set every covered unit's clock running.
import { HAZARD_TYPES, type WarningLevel } from '@xianfeng/domain';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { AreaTreeSelect } from './AreaTreeSelect.tsx';
import { isoWithOffset, suggestedTitle } from './format.ts';
import { issueWarning, useInvalidateWarnings } from './hooks.ts';
import { LevelRadio } from './LevelRadio.tsx';
import { useWarningLabels } from './LevelTag.tsx';
import type { IssueInput } from './types.ts';

interface Values {
  unitId?: number;
  hazard: string;
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  areaUnitIds: number[];
  effectiveAt?: Dayjs | null;
  expiresAt?: Dayjs | null;
  exercise: boolean;
}

const FIELDS = ['unitId', 'hazard', 'level', 'headline', 'description', 'instruction', 'areaUnitIds', 'effectiveAt', 'expiresAt', 'exercise'];
const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export default function IssuePage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const me = useCurrentUser();
  const { locale, level: levelLabel } = useWarningLabels();
  const invalidate = useInvalidateWarnings();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const areaNames = useRef<string[]>([]);
  const headlineTouched = useRef(false);
  const own: UnitRef | null = me.grants.find((g) => g.unit && roleHas(g.role, 'warning.issue'))?.unit ?? null;
  const exercise = Form.useWatch('exercise', form) ?? false;

  useEffect(() => {
    form.setFieldsValue({
      unitId: own?.id,
      hazard: 'typhoon',
      level: 'blue',
      headline: suggestedTitle('typhoon', 'blue', locale),
      instruction: '',
      areaUnitIds: own ? [own.id] : [],
      exercise: false,
    });
    if (own) areaNames.current = [own.name];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- set once on opening
  }, [form]);

  /** Keeps the suggested headline in step with hazard and level until someone writes their own. */
  function suggest(next: Partial<Values>) {
    if (headlineTouched.current) return;
    const v = { ...form.getFieldsValue(), ...next };
    form.setFieldValue('headline', suggestedTitle(v.hazard, v.level, locale));
  }

  async function send(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const body: IssueInput = {
        unitId: v.unitId!,
        hazard: v.hazard,
        level: v.level,
        headline: v.headline?.trim() || undefined,
        description: v.description.trim(),
        instruction: (v.instruction ?? '').trim(),
        areaUnitIds: v.areaUnitIds,
        effectiveAt: v.effectiveAt ? isoWithOffset(v.effectiveAt.toDate()) : undefined,
        expiresAt: v.expiresAt ? isoWithOffset(v.expiresAt.toDate()) : null,
        exercise: v.exercise,
      };
      const created = await issueWarning(body);
      message.success(t('warnings.form.issued'));
      await invalidate();
      navigate(`/warnings/${created.id}`, { replace: true });
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  function submit(v: Values) {
    if (v.level !== 'red' && v.level !== 'orange') return send(v);
    modal.confirm({
      title: t('warnings.form.confirmTitle', { level: levelLabel(v.level) }),
      content: (
        <div data-testid="warning-confirm">
          <Typography.Paragraph strong>{v.headline}</Typography.Paragraph>
          <Typography.Paragraph>{t('warnings.form.confirmAreas', { areas: areaNames.current.join(t('warnings.timeline.listSeparator')), count: v.areaUnitIds.length })}</Typography.Paragraph>
          {v.exercise && <Alert type="info" showIcon title={t('warnings.form.confirmExercise')} />}
        </div>
      ),
      okText: t('warnings.form.confirmOk'),
      okButtonProps: { danger: true, 'data-testid': 'warning-confirm-ok' },
      cancelText: t('common.cancel'),
      onOk: () => send(v),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }} data-testid="warning-issue-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('warnings.form.title')}
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} data-testid="warning-form-error" />}
      <Card size={isPhone ? 'small' : 'default'}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="warning-form" scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('warnings.form.unit')} rules={[{ required: true, message: t('warnings.form.unitRequired') }]} extra={t('warnings.form.unitHint')}>
                <UnitPicker
                  initialUnit={own}
                  allowClear={false}
                  onChange={(id, u) => {
                    // The issuing unit's own subtree is the usual area: offered while none is chosen.
                    if (id && u && (form.getFieldValue('areaUnitIds') ?? []).length === 0) {
                      form.setFieldValue('areaUnitIds', [id]);
                      areaNames.current = [u.name];
                    }
                  }}
                  data-testid="warning-unit"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="hazard" label={t('warnings.field.hazard')} rules={[{ required: true, message: t('common.required') }]}>
                <Select
                  options={HAZARD_TYPES.map((h) => ({ value: h.value, label: locale === 'en' ? h.en : h.zh }))}
                  onChange={(hazard: string) => suggest({ hazard })}
                  data-testid="warning-hazard"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="level" label={t('warnings.field.level')} rules={[{ required: true, message: t('common.required') }]} extra={t('warnings.form.levelHint')}>
            <LevelRadio onChange={(level) => suggest({ level })} />
          </Form.Item>
          <Form.Item name="headline" label={t('warnings.field.headline')} extra={t('warnings.form.headlineHint')}>
            <Input maxLength={120} onChange={(e) => (headlineTouched.current = e.target.value.trim() !== '')} data-testid="warning-headline" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('warnings.field.description')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('warnings.form.descriptionRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('warnings.form.descriptionPlaceholder')} data-testid="warning-description" />
          </Form.Item>
          <Form.Item name="instruction" label={t('warnings.field.instruction')}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('warnings.form.instructionPlaceholder')} data-testid="warning-instruction" />
          </Form.Item>
          <Form.Item
            name="areaUnitIds"
            label={t('warnings.field.areas')}
            rules={[{ required: true, type: 'array', min: 1, message: t('warnings.form.areasRequired') }]}
            extra={t('warnings.form.areasHint')}
          >
            <AreaTreeSelect onChange={(_, names) => (areaNames.current = names)} data-testid="warning-areas" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="effectiveAt" label={t('warnings.field.effectiveAt')} extra={t('warnings.form.effectiveHint')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} style={{ width: '100%' }} inputReadOnly={isPhone} data-testid="warning-effective" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="expiresAt" label={t('warnings.field.expiresAt')} extra={t('warnings.form.expiresHint')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} style={{ width: '100%' }} inputReadOnly={isPhone} data-testid="warning-expires" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="exercise" label={t('warnings.exercise')} valuePropName="checked" extra={t('warnings.form.exerciseHint')}>
            <Switch data-testid="warning-exercise" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" danger={!exercise} htmlType="submit" loading={busy} size="large" data-testid="warning-submit">
              {t(exercise ? 'warnings.form.submitExercise' : 'warnings.form.submit')}
            </Button>
            <Button size="large" onClick={() => navigate('/warnings')}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
