import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { Me } from '../../api/types.ts';
import { forgetSessionData, ME_KEY } from '../../auth/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

interface LoginForm {
  login: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: LoginForm) {
    setError(null);
    setBusy(true);
    try {
      const me = await api.post<Me>('/api/auth/login', values);
      setCsrfToken(me.csrfToken);
      forgetSessionData(qc);
      // The router sends the user on to the page they wanted once the session is known.
      qc.setQueryData(ME_KEY, me);
    } catch (e) {
      setError(applyFormErrors(form, e, ['login', 'password']));
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <div style={{ background: '#c8161d', padding: '24px 16px 72px' }}>
        <div style={{ maxWidth: 380, margin: '0 auto' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
            <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.9)', margin: '12px 0 0' }}>{t('app.tagline')}</Typography.Paragraph>
        </div>
      </div>
      <div style={{ maxWidth: 380, margin: '-48px auto 0', padding: '0 16px' }}>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('auth.loginTitle')}
          </Typography.Title>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form<LoginForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
            <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" placeholder={t('auth.loginPlaceholder')} size="large" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
              {t('auth.submit')}
            </Button>
          </Form>
        </Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, textAlign: 'center', fontSize: 12 }}>
          {t('auth.forgotHint')}
        </Typography.Paragraph>
      </div>
    </div>
  );
}
