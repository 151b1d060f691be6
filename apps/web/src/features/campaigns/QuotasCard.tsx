// 名额: each unit's places per category and how many are taken (recommended and beyond); managers
// change them while the campaign is open.
import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Modal, Progress, Table } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useCampaignLabels } from './format.ts';
import { useInvalidateCampaigns } from './hooks.ts';
import { QuotaFields, quotasOut, type QuotaRow } from './QuotaFields.tsx';
import type { CampaignDetail, Quota } from './types.ts';

function EditQuotas({ campaign, onClose }: { campaign: CampaignDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateCampaigns();
  const [form] = Form.useForm<{ quotas: QuotaRow[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: { quotas: QuotaRow[] }) {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/campaigns/${campaign.id}/quotas`, { quotas: quotasOut(v.quotas) });
      message.success(t('campaigns.quota.saved'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['quotas']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('campaigns.quota.edit')} width={720} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': 'quota-save' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ quotas: campaign.quotas.map((q) => ({ unitId: q.unitId, category: q.category, quota: q.quota })) }}>
        <QuotaFields categories={campaign.categories} knownUnits={campaign.quotas.map((q) => ({ id: q.unitId, code: q.unitCode, name: q.unitName }))} />
      </Form>
    </Modal>
  );
}

export function QuotasCard({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const { category } = useCampaignLabels();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title={t('campaigns.quota.title')}
      data-testid="quotas-card"
      extra={
        campaign.can.manage && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="quota-edit">
            {t('common.edit')}
          </Button>
        )
      }
    >
      {campaign.quotas.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.quota.none')} />
      ) : (
        <Table<Quota>
          rowKey={(q) => `${q.unitId}-${q.category}`}
          size="small"
          pagination={false}
          dataSource={campaign.quotas}
          onRow={() => ({ 'data-testid': 'quota-line' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('campaigns.quota.unit'), dataIndex: 'unitName', ellipsis: true },
            ...(campaign.categories.length > 1 ? [{ title: t('campaigns.quota.category'), dataIndex: 'category', render: (c: Quota['category']) => category(c) }] : []),
            {
              title: t('campaigns.quota.used'),
              key: 'used',
              width: 160,
              render: (_: unknown, q: Quota) => (
                <div>
                  <span data-testid="quota-used">{t('campaigns.quota.usedOf', { used: q.used, quota: q.quota })}</span>
                  <Progress percent={q.quota ? Math.round((q.used / q.quota) * 100) : 100} size="small" showInfo={false} status={q.used >= q.quota ? 'exception' : 'normal'} />
                </div>
              ),
            },
          ]}
        />
      )}
      {editing && <EditQuotas campaign={campaign} onClose={() => setEditing(false)} />}
    </Card>
  );
}
