// Picks a unit inside the caller's scope by typing part of its name or code (GET /api/units?q=).
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useLabels } from '../api/labels.ts';
import type { Unit, UnitRef } from '../api/types.ts';
import { useDebounced } from '../lib/useDebounced.ts';

export interface UnitPickerProps {
  value?: number | null;
  onChange?: (id: number | undefined, unit: UnitRef | undefined) => void;
  /** The unit already chosen, so its name shows before any search. */
  initialUnit?: UnitRef | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** Units that may not be chosen (e.g. the unit being moved). */
  excludeIds?: number[];
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

interface Option {
  value: number;
  label: string;
  title: string;
  render: ReactNode;
}

export function UnitPicker({ value, onChange, initialUnit, placeholder, allowClear = true, disabled, excludeIds, style, id, ...rest }: UnitPickerProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const known = useRef(new Map<number, UnitRef>());
  if (initialUnit) known.current.set(initialUnit.id, initialUnit);

  const { data, isFetching } = useQuery({
    queryKey: ['units', 'search', q],
    queryFn: ({ signal }) => api.get<Unit[]>('/api/units', { q: q || undefined, limit: 30 }, signal),
    staleTime: 30_000,
  });
  for (const u of data ?? []) known.current.set(u.id, u);

  const options = useMemo(() => {
    const list = (data ?? []).filter((u) => !excludeIds?.includes(u.id));
    const opts: Option[] = list.map((u) => ({
      value: u.id,
      label: u.name,
      title: `${u.name} (${u.code})`,
      render: (
        <span style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 0 }}>
          <span className="xf-ellipsis" style={{ flex: 1 }}>{u.name}</span>
          <Tag style={{ marginInlineEnd: 0 }}>{label('unitKind', u.kind)}</Tag>
          <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{u.code}</span>
        </span>
      ),
    }));
    // Keep the chosen unit among the options so its name stays shown while searching.
    if (value && !opts.some((o) => o.value === value)) {
      const u = known.current.get(value);
      if (u) opts.unshift({ value: u.id, label: u.name, title: u.name, render: <span>{u.name}</span> });
    }
    return opts;
  }, [data, excludeIds, value, label]);

  return (
    <Select<number, Option>
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      placeholder={placeholder ?? t('unitPicker.placeholder')}
      allowClear={allowClear}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={isFetching ? t('common.loading') : t('unitPicker.empty')}
      options={options}
      optionRender={(o) => o.data.render}
      onChange={(v) => {
        setSearch('');
        onChange?.(v ?? undefined, v ? known.current.get(v) : undefined);
      }}
    />
  );
}
