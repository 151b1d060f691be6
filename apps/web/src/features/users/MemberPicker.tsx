import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { MemberListItem, Page } from '../../api/types.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

/** Links an account to a member of the roll (search by name or pinyin initials). */
export function MemberPicker({ value, onChange, unitId }: { value?: number | null; onChange?: (id: number | undefined) => void; unitId?: number }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'picker', q, unitId ?? null],
    queryFn: ({ signal }) => api.get<Page<MemberListItem>>('/api/members', { q: q || undefined, unitId, pageSize: 20 }, signal),
    enabled: q.length > 0,
  });
  return (
    <Select<number>
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={t('users.memberPlaceholder')}
      notFoundContent={q ? t('members.none') : t('users.typeToSearch')}
      options={(data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} · ${m.unit.name}` }))}
      data-testid="user-member"
    />
  );
}
