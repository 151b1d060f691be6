import { passwordStrongEnough } from '@xianfeng/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { ME_KEY, useLogout } from '../../auth/session.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; `forced` when the account still has a generated password. */
export function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const logout = useLogout();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: PasswordForm) {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('auth.passwordChanged'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ME_KEY });
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('auth.changePassword')}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="logout" onClick={() => void logout()}>
            {t('auth.logout')}
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        ),
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="change-password-submit">
          {t('common.save')}
        </Button>,
      ]}
    >
      {forced && <Alert type="warning" showIcon title={t('auth.mustChangePassword')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, message: t('common.required') },
            { validator: (_, v) => (!v || passwordStrongEnough(v) ? Promise.resolve() : Promise.reject(new Error(t('validation.password_too_weak')))) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
