import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { MemberListItem, Page } from '../../api/types.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

/** Picks a member of the roll in the caller's scope (search by name or pinyin initials), e.g. to link an account. */
export function MemberPicker({
  value, onChange, unitId, placeholder, id, 'data-testid': testId = 'user-member',
}: { value?: number | null; onChange?: (id: number | undefined) => void; unitId?: number; placeholder?: string; id?: string; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'picker', q, unitId ?? null],
    queryFn: ({ signal }) => api.get<Page<MemberListItem>>('/api/members', { q: q || undefined, unitId, pageSize: 20 }, signal),
    enabled: q.length > 0,
  });
  // Keep the chosen member's name shown once the search text is gone.
  const known = useRef(new Map<number, string>());
  const options = (data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} · ${m.unit.name}` }));
  for (const o of options) known.current.set(o.value, o.label);
  if (value && !options.some((o) => o.value === value) && known.current.has(value)) options.unshift({ value, label: known.current.get(value)! });
  return (
    <Select<number>
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={placeholder ?? t('users.memberPlaceholder')}
      notFoundContent={q ? t('members.none') : t('users.typeToSearch')}
      options={options}
      data-testid={testId}
    />
  );
}
