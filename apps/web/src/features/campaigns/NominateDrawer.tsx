// 推荐表彰对象: the branch puts forward a member (优秀共产党员, 优秀党务工作者) or an organization
// (先进基层党组织) of its own with the reasons; the candidate starts at 支部推荐.
import { Alert, App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { MemberPicker } from '../users/MemberPicker.tsx';
import { useCampaignLabels } from './format.ts';
import { useInvalidateCampaigns } from './hooks.ts';
import type { CampaignDetail, CandidateCategory, CandidateDetail } from './types.ts';

interface Values {
  category?: CandidateCategory;
  memberId?: number;
  unitId?: number;
  nomination: string;
}

export function NominateDrawer({ campaign, open, onClose }: { campaign: CampaignDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { category: label } = useCampaignLabels();
  const invalidate = useInvalidateCampaigns();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const category = Form.useWatch('category', form);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const org = v.category === 'advanced_org';
      const c = await api.post<CandidateDetail>(`/api/campaigns/${campaign.id}/candidates`, {
        category: v.category,
        ...(org ? { unitId: v.unitId } : { memberId: v.memberId }),
        nomination: v.nomination.trim(),
      });
      message.success(t('campaigns.nominate.done', { name: c.subject.name }));
      await invalidate();
      onClose();
      navigate(`/campaigns/candidates/${c.id}`);
    } catch (e) {
      setError(applyFormErrors(form, e, ['category', 'memberId', 'unitId', 'nomination']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      title={t('campaigns.nominate.title')}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="nominate-submit">
            {t('campaigns.nominate.submit')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="nominate-form">
        <Form.Item name="category" label={t('campaigns.candidates.category')} rules={[{ required: true, message: t('campaigns.nominate.categoryRequired') }]}>
          <Select options={campaign.categories.map((c) => ({ value: c, label: label(c) }))} data-testid="nominate-category" />
        </Form.Item>
        {category === 'advanced_org' ? (
          <Form.Item name="unitId" label={t('campaigns.nominate.unit')} rules={[{ required: true, message: t('campaigns.nominate.subjectRequired') }]}>
            <UnitPicker data-testid="nominate-unit" />
          </Form.Item>
        ) : (
          <Form.Item name="memberId" label={t('campaigns.nominate.member')} rules={[{ required: true, message: t('campaigns.nominate.subjectRequired') }]}>
            <MemberPicker data-testid="nominate-member" />
          </Form.Item>
        )}
        <Form.Item name="nomination" label={t('campaigns.nominate.reasons')} rules={[{ required: true, whitespace: true, message: t('campaigns.nominate.reasonsRequired') }]}>
          <Input.TextArea rows={6} maxLength={2000} showCount data-testid="nominate-reasons" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
