// 评星方案: a unit's five-star scheme for a year — the five dimensions (names, descriptions, what
// counts and how much lights the star, whether the self-evaluation needs evidence) and what keeps a
// member from every star. It says whether the scheme is the unit's own, inherited or the shipped
// default; saving makes it the unit's own, 恢复 goes back to the inherited one.
import { DeleteOutlined, PlusOutlined, RollbackOutlined, StarFilled } from '@ant-design/icons';
import { RULE_ACCOUNTS } from '@xianfeng/domain';
import {
  Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Popconfirm, Row, Select, Skeleton, Space, Switch, Typography, type FormInstance,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import i18n from '../../i18n.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { usePointsFormat } from '../points/format.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { currentYear, starYears, useInvalidateStars, useScheme } from './hooks.ts';
import { STAR_LIT } from './Stars.tsx';
import type { Disqualifier, RuleAccount, SchemeAnswer, SchemeRule, StarScheme } from './types.ts';

const KINDS = ['veto', 'rule_short', 'rule_present', 'deductions_over'] as const;
type Kind = (typeof KINDS)[number];

interface DisqualifierRow {
  kind: Kind;
  ruleCode?: string;
  minEntries?: number;
  points?: number;
}

interface Values {
  dimensions: StarScheme['dimensions'][number][];
  disqualifiers: DisqualifierRow[];
}

function toValues(s: StarScheme): Values {
  return { dimensions: s.dimensions.map((d) => ({ ...d, criterion: { ...d.criterion } })), disqualifiers: s.disqualifiers.map((d) => ({ ...d })) };
}

function toScheme(v: Values): StarScheme {
  const disqualifiers: Disqualifier[] = (v.disqualifiers ?? []).map((d) => {
    switch (d.kind) {
      case 'rule_short':
        return { kind: d.kind, ruleCode: d.ruleCode ?? '', minEntries: d.minEntries ?? 0 };
      case 'rule_present':
        return { kind: d.kind, ruleCode: d.ruleCode ?? '' };
      case 'deductions_over':
        return { kind: d.kind, points: d.points ?? 0 };
      default:
        return { kind: 'veto' };
    }
  });
  return {
    dimensions: v.dimensions.map((d) => ({
      ...d,
      description: d.description ?? '',
      criterion: { ...d.criterion, minPoints: d.criterion.minPoints ?? 0, minEntries: d.criterion.minEntries ?? 0, evidenceRequired: !!d.criterion.evidenceRequired },
    })),
    disqualifiers,
  };
}

/** Puts the server's field errors (`scheme.dimensions.2.criterion…`) on the fields; returns the rest. */
function placeErrors(form: FormInstance, e: unknown): string | null {
  if (!(e instanceof ApiError) || e.details.length === 0) return errorMessage(e);
  const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const d of e.details) {
    const p = d.field.split('.');
    let name: (string | number)[] | null = null;
    if (p[0] === 'scheme' && p[1] === 'dimensions' && p.length >= 4) {
      const i = Number(p[2]);
      if (p[3] === 'name' || p[3] === 'description') name = ['dimensions', i, p[3]];
      else if (p[3] === 'criterion') {
        const f = ['accounts', 'ruleCodes', 'minEntries', 'evidenceRequired'].includes(p[4]) ? p[4] : 'minPoints';
        name = ['dimensions', i, 'criterion', f];
      }
    } else if (p[0] === 'scheme' && p[1] === 'disqualifiers' && p.length >= 3) {
      const i = Number(p[2]);
      const kind = form.getFieldValue(['disqualifiers', i, 'kind']) as Kind | undefined;
      name = ['disqualifiers', i, p[3] === 'ruleCode' ? 'ruleCode' : kind === 'deductions_over' ? 'points' : kind === 'rule_short' ? 'minEntries' : 'kind'];
    }
    if (!name || Number.isNaN(name[1])) rest.push(d.message || e.message);
    else {
      const key = name.join('.');
      placed.set(key, { name, errors: [...(placed.get(key)?.errors ?? []), d.message || e.message] });
    }
  }
  form.setFields([...placed.values()].map((f) => ({ name: f.name, errors: [...new Set(f.errors)] })));
  const first = [...placed.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return rest.length || placed.size === 0 ? [e.message, ...rest].join(i18n.t('common.separator')) : null;
}

function SourceNote({ data, onReset, resetting }: { data: SchemeAnswer; onReset: () => void; resetting: boolean }) {
  const { t } = useTranslation();
  const text =
    data.source === 'own'
      ? t('stars.scheme.sourceOwn', { by: data.updatedBy ?? t('common.none'), at: data.updatedAt ? formatDateTime(data.updatedAt) : '' })
      : data.source === 'inherited'
        ? t('stars.scheme.sourceInherited', { unit: data.from?.name ?? t('stars.scheme.aboveUnit') })
        : t('stars.scheme.sourceDefault');
  return (
    <Alert
      type={data.source === 'own' ? 'success' : 'info'}
      showIcon
      title={<span data-testid="scheme-source" data-source={data.source}>{text}</span>}
      description={!data.canEdit ? t('stars.scheme.readOnly') : data.source !== 'own' ? t('stars.scheme.saveMakesOwn') : undefined}
      action={
        data.source === 'own' &&
        data.canEdit && (
          <Popconfirm title={t('stars.scheme.resetConfirm')} onConfirm={onReset} okButtonProps={{ 'data-testid': 'scheme-reset-confirm' }}>
            <Button size="small" icon={<RollbackOutlined />} loading={resetting} data-testid="scheme-reset">
              {t('stars.scheme.reset')}
            </Button>
          </Popconfirm>
        )
      }
    />
  );
}

function DimensionCard({ index, rules, disabled, form }: { index: number; rules: SchemeRule[]; disabled: boolean; form: FormInstance<Values> }) {
  const { t } = useTranslation();
  const { account } = usePointsFormat();
  const code = Form.useWatch(['dimensions', index, 'code'], form) as string | undefined;
  const name = Form.useWatch(['dimensions', index, 'name'], form) as string | undefined;
  const accounts = (Form.useWatch(['dimensions', index, 'criterion', 'accounts'], form) as RuleAccount[] | undefined) ?? [];
  const options = rules.filter((r) => accounts.includes(r.account)).map((r) => ({ value: r.code, label: `${r.code} ${r.name}${r.active ? '' : ` (${t('stars.scheme.inactive')})`}` }));
  const at = (...path: (string | number)[]) => ['dimensions', index, ...path];
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <StarFilled style={{ color: STAR_LIT }} />
          <span>{name || t(`stars.dimension.${code ?? 'excellence'}`)}</span>
        </Space>
      }
      data-testid="scheme-dimension"
      data-code={code}
    >
      <Form.Item name={at('code')} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={at('name')} label={t('stars.scheme.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={20} disabled={disabled} data-testid="scheme-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={at('description')} label={t('stars.scheme.description')}>
            <Input maxLength={200} disabled={disabled} data-testid="scheme-description" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={at('criterion', 'accounts')} label={t('stars.scheme.accounts')}>
            <Checkbox.Group disabled={disabled} options={RULE_ACCOUNTS.map((a) => ({ value: a, label: account(a) }))} data-testid="scheme-accounts" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={at('criterion', 'ruleCodes')} label={t('stars.scheme.rules')} extra={t('stars.scheme.rulesHint')}>
            <Select mode="multiple" allowClear disabled={disabled} options={options} optionFilterProp="label" placeholder={t('stars.scheme.allRules')} data-testid="scheme-rules" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={at('criterion', 'minPoints')} label={t('stars.scheme.minPoints')}>
            <InputNumber min={0} max={10000} precision={0} disabled={disabled} style={{ width: '100%' }} suffix={t('stars.scheme.pointsUnit')} data-testid="scheme-min-points" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={at('criterion', 'minEntries')} label={t('stars.scheme.minEntries')}>
            <InputNumber min={0} max={1000} precision={0} disabled={disabled} style={{ width: '100%' }} suffix={t('stars.times')} data-testid="scheme-min-entries" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={at('criterion', 'evidenceRequired')} label={t('stars.scheme.evidence')} valuePropName="checked">
            <Switch disabled={disabled} data-testid="scheme-evidence" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

function Disqualifiers({ rules, disabled, form }: { rules: SchemeRule[]; disabled: boolean; form: FormInstance<Values> }) {
  const { t } = useTranslation();
  const rows = (Form.useWatch('disqualifiers', form) as DisqualifierRow[] | undefined) ?? [];
  const ruleOptions = rules.map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }));
  return (
    <Card size="small" title={t('stars.scheme.disqualifiers')} data-testid="scheme-disqualifiers">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('stars.scheme.disqualifiersHint')}
      </Typography.Paragraph>
      <Form.List name="disqualifiers">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const kind = rows[f.name]?.kind;
              return (
                <Row key={f.key} gutter={8} align="top" data-testid="scheme-disqualifier">
                  <Col xs={24} md={8}>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: t('common.required') }]}>
                      <Select disabled={disabled} options={KINDS.map((k) => ({ value: k, label: t(`stars.scheme.kind.${k}`) }))} data-testid="scheme-disqualifier-kind" />
                    </Form.Item>
                  </Col>
                  {(kind === 'rule_short' || kind === 'rule_present') && (
                    <Col xs={24} md={9}>
                      <Form.Item name={[f.name, 'ruleCode']} rules={[{ required: true, message: t('common.required') }]}>
                        <Select showSearch optionFilterProp="label" disabled={disabled} options={ruleOptions} placeholder={t('stars.scheme.rule')} data-testid="scheme-disqualifier-rule" />
                      </Form.Item>
                    </Col>
                  )}
                  {kind === 'rule_short' && (
                    <Col xs={18} md={5}>
                      <Form.Item name={[f.name, 'minEntries']} rules={[{ required: true, message: t('common.required') }]}>
                        <InputNumber min={1} max={1000} precision={0} disabled={disabled} style={{ width: '100%' }} prefix={t('stars.scheme.atLeast')} suffix={t('stars.times')} data-testid="scheme-disqualifier-number" />
                      </Form.Item>
                    </Col>
                  )}
                  {kind === 'deductions_over' && (
                    <Col xs={18} md={9}>
                      <Form.Item name={[f.name, 'points']} rules={[{ required: true, message: t('common.required') }]}>
                        <InputNumber min={0} max={10000} precision={0} disabled={disabled} style={{ width: '100%' }} prefix={t('stars.scheme.over')} suffix={t('stars.scheme.pointsUnit')} data-testid="scheme-disqualifier-number" />
                      </Form.Item>
                    </Col>
                  )}
                  {!disabled && (
                    <Col flex="none">
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('stars.scheme.remove')} onClick={() => remove(f.name)} data-testid="scheme-disqualifier-remove" />
                    </Col>
                  )}
                </Row>
              );
            })}
            {!disabled && (
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'rule_present' })} data-testid="scheme-disqualifier-add">
                {t('stars.scheme.addDisqualifier')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Card>
  );
}

export default function SchemePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { period: label } = usePointsFormat();
  const invalidate = useInvalidateStars();
  const { unitId, unit, params, setParam, setUnit } = useUnitChoice('evaluation.manage');
  const period = params.get('period') ?? currentYear();
  const { data, isPending, error } = useScheme(unitId, period);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (data) {
      form.resetFields();
      form.setFieldsValue(toValues(data.scheme));
      setSaveError(null);
    }
  }, [data, form]);

  async function save(v: Values) {
    setBusy(true);
    setSaveError(null);
    try {
      await api.put('/api/stars/scheme', { unitId, period, scheme: toScheme(v) });
      message.success(t('stars.scheme.saved'));
      await invalidate();
    } catch (e) {
      setSaveError(placeErrors(form, e));
    } finally {
      setBusy(false);
    }
  }

  async function reset() {
    setResetting(true);
    try {
      await api.del(`/api/stars/scheme?unitId=${unitId}&period=${period}`);
      message.success(t('stars.scheme.resetDone'));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setResetting(false);
    }
  }

  const disabled = !data?.canEdit;
  return (
    <div data-testid="stars-scheme" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.starsScheme')}
      </Typography.Title>
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={14}>
            <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setUnit(id)} data-testid="scheme-unit" />
          </Col>
          <Col xs={24} md={10}>
            <Select
              style={{ width: '100%' }}
              value={period}
              options={[...new Set([...starYears(), period])].map((p) => ({ value: p, label: label(p) }))}
              onChange={(p) => setParam({ period: p === currentYear() ? undefined : p })}
              data-testid="scheme-period"
            />
          </Col>
        </Row>
      </Card>
      {!unitId ? (
        <Empty description={t('points.pickUnit')} />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <SourceNote data={data} onReset={reset} resetting={resetting} />
          {saveError && <Alert type="error" showIcon title={saveError} data-testid="scheme-error" />}
          <Form<Values> form={form} layout="vertical" onFinish={save} disabled={disabled}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
              {data.scheme.dimensions.map((d, i) => (
                <DimensionCard key={d.code} index={i} rules={data.rules} disabled={disabled} form={form} />
              ))}
              <Disqualifiers rules={data.rules} disabled={disabled} form={form} />
              {!disabled && (
                <div style={{ position: 'sticky', bottom: 0, padding: '8px 0', background: 'rgba(245,245,245,0.92)', zIndex: 2 }}>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="scheme-save">
                    {t('common.save')}
                  </Button>
                </div>
              )}
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
