// The bell in the header: the number of unread messages, opening the inbox.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './hooks.ts';

export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data } = useUnreadCount();
  const count = data?.count ?? 0;
  const label = count ? t('inbox.bellUnread', { count }) : t('inbox.bell');
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} onClick={() => navigate('/inbox')} data-testid="inbox-bell" style={{ paddingInline: 6 }}>
        <Badge count={count} size="small" overflowCount={99} data-testid="inbox-unread">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
