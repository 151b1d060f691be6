// Changing a campaign while it is open: its title, the notice's working days, the stage deadlines.
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { DATE_FORMAT, fromYmd, toYmd } from '../../lib/dates.ts';
import { useInvalidateCampaigns } from './hooks.ts';
import type { CampaignDetail, Deadlines } from './types.ts';

const STAGES = ['selfEvaluation', 'branchRecommendation', 'committeeReview', 'leadingGroup'] as const;
type Values = { title: string; noticeDays: number } & Partial<Record<keyof Deadlines, Dayjs | null>>;

export function EditCampaignModal({ campaign, onClose }: { campaign: CampaignDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateCampaigns();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stages = STAGES.filter((s) => campaign.kind === 'five_star' || s !== 'selfEvaluation');

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/campaigns/${campaign.id}`, { title: v.title.trim(), noticeDays: v.noticeDays, deadlines: Object.fromEntries(stages.map((s) => [s, toYmd(v[s])])) });
      message.success(t('campaigns.form.saved'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['title', 'noticeDays', ...stages], { deadlines: 'branchRecommendation' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('campaigns.form.editTitle')} width={640} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': 'campaign-edit-submit' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ title: campaign.title, noticeDays: campaign.noticeDays, ...Object.fromEntries(STAGES.map((s) => [s, fromYmd(campaign.deadlines[s])])) }}
      >
        <Form.Item name="title" label={t('campaigns.form.name')} rules={[{ required: true, whitespace: true, message: t('campaigns.form.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="noticeDays" label={t('campaigns.form.noticeDays')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={60} precision={0} suffix={t('campaigns.form.workingDays')} />
        </Form.Item>
        <Row gutter={12}>
          {stages.map((s) => (
            <Col xs={12} key={s}>
              <Form.Item name={s} label={t(`campaigns.stage.${s}`)}>
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
