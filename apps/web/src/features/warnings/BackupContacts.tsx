// A unit's backup contacts (备用联系人), shown on the unit's page: told with the parent's duty
// officers when the unit does not acknowledge a warning in time. Kept by whoever manages warnings there.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

interface Contact {
  userId: number;
  username: string;
  displayName: string;
  phone: string | null;
  disabled: boolean;
}

export function BackupContacts({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const key = ['backup-contacts', unitId];
  const { data = [] } = useQuery({ queryKey: key, queryFn: () => api.get<Contact[]>(`/api/units/${unitId}/backup-contacts`) });
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const manage = can('warning.manage') && can('user.read');
  const { data: found } = useQuery({
    queryKey: ['backup-contacts', 'search', search],
    queryFn: () => api.get<Page<{ id: number; displayName: string; username: string }>>('/api/users', { q: search, pageSize: 20 }),
    enabled: manage && search.length > 0,
  });
  const act = async (run: () => Promise<Contact[]>) => {
    try {
      qc.setQueryData(key, await run());
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div data-testid="backup-contacts">
      <Typography.Text strong>{t('warnings.contacts.title')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {t('warnings.contacts.hint')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={data}
        locale={{ emptyText: t('warnings.contacts.none') }}
        renderItem={(c) => (
          <List.Item
            data-testid="backup-contact"
            actions={manage ? [<Button key="rm" size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('warnings.contacts.remove')} onClick={() => act(() => api.del<Contact[]>(`/api/units/${unitId}/backup-contacts/${c.userId}`))} />] : []}
          >
            <Space size={6} wrap>
              <span>{c.displayName}</span>
              <Typography.Text type="secondary">{c.phone ?? c.username}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {manage && (
        <Space.Compact style={{ width: '100%', marginTop: 6 }}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder={t('warnings.contacts.search')}
            style={{ width: '100%' }}
            options={(found?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.username}` }))}
            onSelect={(userId: number | null) => userId && act(() => api.post<Contact[]>(`/api/units/${unitId}/backup-contacts`, { userId }))}
            value={null}
            suffixIcon={<PlusOutlined />}
            data-testid="backup-contact-add"
          />
        </Space.Compact>
      )}
    </div>
  );
}
