// 名额: places per unit and category, as rows of a form list (unit, category, number). The nearest
// unit with a quota on a candidate's path up limits the branch's recommendations.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitRef } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useCampaignLabels } from './format.ts';
import type { CandidateCategory } from './types.ts';

export interface QuotaRow {
  unitId?: number;
  category?: CandidateCategory;
  quota?: number;
}

/** The unit picker of a row, showing the name of a unit already chosen (editing saved quotas). */
function UnitCell({ value, onChange, known, placeholder, id }: { value?: number; onChange?: (v: number | undefined) => void; known: UnitRef[]; placeholder: string; id?: string }) {
  return <UnitPicker id={id} value={value ?? null} initialUnit={known.find((u) => u.id === value) ?? null} allowClear={false} placeholder={placeholder} onChange={(v) => onChange?.(v)} data-testid="quota-unit" />;
}

export function QuotaFields({ categories, knownUnits = [] }: { categories: readonly CandidateCategory[]; knownUnits?: UnitRef[] }) {
  const { t } = useTranslation();
  const { category } = useCampaignLabels();
  return (
    <Form.List name="quotas">
      {(fields, { add, remove }) => (
        <div data-testid="quota-fields">
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="top" data-testid="quota-row">
              <Col xs={24} md={11}>
                <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: t('campaigns.quota.unitRequired') }]}>
                  <UnitCell known={knownUnits} placeholder={t('campaigns.quota.unit')} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[f.name, 'category']} rules={[{ required: true, message: t('campaigns.quota.categoryRequired') }]}>
                  <Select options={categories.map((c) => ({ value: c, label: category(c) }))} placeholder={t('campaigns.quota.category')} data-testid="quota-category" />
                </Form.Item>
              </Col>
              <Col xs={9} md={5}>
                <Form.Item name={[f.name, 'quota']} rules={[{ required: true, message: t('campaigns.quota.numberRequired') }]}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} placeholder={t('campaigns.quota.places')} data-testid="quota-number" />
                </Form.Item>
              </Col>
              <Col xs={3} md={2}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('campaigns.quota.remove')} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ category: categories.length === 1 ? categories[0] : undefined, quota: 1 })}
            data-testid="quota-add"
          >
            {t('campaigns.quota.add')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

export function quotasOut(rows: QuotaRow[] | undefined) {
  return (rows ?? []).filter((r) => r.unitId && r.category && r.quota !== undefined).map((r) => ({ unitId: r.unitId!, category: r.category!, quota: r.quota! }));
}
