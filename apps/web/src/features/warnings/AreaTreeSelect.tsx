// Chooses the areas a warning covers: units of the organization tree, each standing for its whole
// subtree (a town covers its villages, their branches and grids). Children load when a node opens.
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import type { Unit } from '../../api/types.ts';

interface Node {
  id: number;
  pId: number | 0;
  value: number;
  title: string;
  label: string;
  isLeaf: boolean;
}

export interface AreaTreeSelectProps {
  value?: number[];
  onChange?: (ids: number[], names: string[]) => void;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
}

export function AreaTreeSelect({ value, onChange, id, placeholder, ...rest }: AreaTreeSelectProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [loading, setLoading] = useState(true);

  const toNode = (u: Unit, parent: number): Node => ({
    id: u.id,
    pId: parent,
    value: u.id,
    title: `${u.name} · ${label('unitKind', u.kind)}`,
    label: u.name,
    isLeaf: u.childCount === 0,
  });

  useEffect(() => {
    let live = true;
    api
      .get<Unit[]>('/api/units/roots')
      .then(async (roots) => {
        let list = roots.map((u) => toNode(u, 0));
        // One root (the usual case): open it, so the towns show at once.
        if (roots.length === 1 && roots[0].childCount > 0) {
          const kids = await api.get<Unit[]>(`/api/units/${roots[0].id}/children`);
          list = [...list, ...kids.map((u) => toNode(u, roots[0].id))];
        }
        if (live) setNodes(list);
      })
      .catch(() => live && setNodes([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once
  }, []);

  async function loadData(node: { value?: unknown }) {
    const parent = Number(node.value);
    if (nodes.some((n) => n.pId === parent)) return;
    const kids = await api.get<Unit[]>(`/api/units/${parent}/children`);
    setNodes((prev) => [...prev, ...kids.filter((k) => !prev.some((p) => p.id === k.id)).map((u) => toNode(u, parent))]);
  }

  return (
    <TreeSelect<number[]>
      id={id}
      data-testid={rest['data-testid']}
      multiple
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={value ?? []}
      loading={loading}
      placeholder={placeholder ?? t('warnings.form.areasPlaceholder')}
      treeNodeLabelProp="label"
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={nodes.filter((n) => n.pId === 0).map((n) => n.id)}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
      onChange={(ids) => onChange?.(ids, ids.map((i) => nodes.find((n) => n.id === i)?.label ?? String(i)))}
    />
  );
}
