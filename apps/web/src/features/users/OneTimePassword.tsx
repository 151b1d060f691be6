import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A generated password, shown once: the server never shows it again. */
export function OneTimePassword({ password, title, onClose }: { password: string | null; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={!!password} title={title} onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText={t('users.passwordNoted')} mask={{ closable: false }}>
      <Alert type="warning" showIcon title={t('users.shownOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: password ?? '' }} style={{ fontSize: 22, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', letterSpacing: 1 }} data-testid="one-time-password">
        {password}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('users.mustChangeHint')}</Typography.Text>
    </Modal>
  );
}
