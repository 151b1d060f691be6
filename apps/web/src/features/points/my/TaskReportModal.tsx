// 报告完成: what was done, with evidence, for the secretary to verify.
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { EvidenceUpload } from '../EvidenceUpload.tsx';
import { useInvalidatePoints } from '../hooks.ts';
import type { Evidence } from '../types.ts';

interface ReportForm {
  report: string;
  evidenceIds?: Evidence[];
}

export function TaskReportModal({ claim, onClose }: { claim: { id: number; title: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const [form] = Form.useForm<ReportForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (claim) {
      form.resetFields();
      setError(null);
    }
  }, [claim, form]);

  async function submit(v: ReportForm) {
    if (!claim) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/points/task-claims/${claim.id}/report`, { report: v.report.trim(), evidenceIds: (v.evidenceIds ?? []).map((e) => e.id) });
      message.success(t('points.task.reported'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['report', 'evidenceIds']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!claim}
      title={t('points.task.reportTitle', { title: claim?.title ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('points.task.reportSubmit')}
      okButtonProps={{ loading: busy, 'data-testid': 'task-report-submit' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="task-report-form">
        <Form.Item name="report" label={t('points.task.report')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('points.task.reportPlaceholder')} data-testid="task-report-text" />
        </Form.Item>
        <Form.Item name="evidenceIds" label={t('points.claim.evidence')} initialValue={[]}>
          <EvidenceUpload data-testid="task-report-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
