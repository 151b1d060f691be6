import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Switch, Tag, Tooltip, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import type { Unit, UnitDetail } from '../../api/types.ts';
import { useCan, useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { UnitDetailPanel } from './UnitDetailPanel.tsx';
import { UnitFormModal } from './UnitFormModal.tsx';

type ParentKey = number | 'root';

export default function UnitsPage() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const can = useCan();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('unit')) || null;
  const [includeArchived, setIncludeArchived] = useState(false);
  /** Children loaded so far, per parent ('root' for the top of the caller's scope). */
  const [kids, setKids] = useState<Map<ParentKey, Unit[]>>(new Map());
  const [expanded, setExpanded] = useState<number[]>([]);
  const [rootsError, setRootsError] = useState<string | null>(null);
  const [rootsLoading, setRootsLoading] = useState(true);
  const [createRootOpen, setCreateRootOpen] = useState(false);
  const kidsRef = useRef(kids);
  kidsRef.current = kids;
  const firstLoad = useRef(true);

  const fetchChildren = useCallback(
    async (parent: ParentKey) => {
      const list =
        parent === 'root'
          ? await api.get<Unit[]>('/api/units/roots')
          : await api.get<Unit[]>(`/api/units/${parent}/children`, { includeArchived: includeArchived || undefined });
      setKids((prev) => new Map(prev).set(parent, list));
      return list;
    },
    [includeArchived],
  );

  const reloadAll = useCallback(async () => {
    setRootsLoading(true);
    setRootsError(null);
    try {
      const loadedParents = [...kidsRef.current.keys()].filter((k): k is number => k !== 'root');
      setKids(new Map());
      const roots = await fetchChildren('root');
      // Expand a single root at once: a village secretary starts inside their own village.
      if (firstLoad.current && roots.length === 1 && roots[0].childCount > 0) {
        await fetchChildren(roots[0].id);
        setExpanded((e) => [...new Set([...e, roots[0].id])]);
      }
      await Promise.all(loadedParents.map((p) => fetchChildren(p).catch(() => undefined)));
      firstLoad.current = false;
    } catch (e) {
      setRootsError(errorMessage(e));
    } finally {
      setRootsLoading(false);
    }
  }, [fetchChildren]);

  useEffect(() => {
    void reloadAll();
  }, [reloadAll]);

  const detailRef = useRef<HTMLDivElement>(null);
  const select = (id: number | null) => {
    // On phones the detail sits below the tree: bring it into view.
    if (id && isPhone) setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
    const next = new URLSearchParams(params);
    if (id) next.set('unit', String(id));
    else next.delete('unit');
    setParams(next, { replace: true });
  };

  /** Opens the tree down to a unit (e.g. chosen in the search box or linked from a warning). */
  const reveal = useCallback(
    async (detail: UnitDetail) => {
      const ancestors = detail.path.map((p) => p.id);
      for (const id of ancestors) {
        if (!kidsRef.current.has(id)) {
          try {
            await fetchChildren(id);
          } catch {
            break;
          }
        }
      }
      setExpanded((e) => [...new Set([...e, ...ancestors])]);
    },
    [fetchChildren],
  );

  const treeData = useMemo(() => {
    const build = (parent: ParentKey): DataNode[] =>
      (kids.get(parent) ?? []).map((u) => ({
        key: u.id,
        isLeaf: u.childCount === 0 && !kids.get(u.id)?.length,
        children: kids.has(u.id) ? build(u.id) : undefined,
        title: (
          <span className="xf-tree-title" data-testid="unit-node">
            <span style={u.archivedAt ? { color: 'rgba(0,0,0,0.35)' } : undefined}>{u.name}</span>
            <Tag style={{ marginInlineEnd: 0 }}>{label('unitKind', u.kind)}</Tag>
            <Tooltip title={t('units.memberCountHint')}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('units.memberCount', { count: u.memberCount })}
              </Typography.Text>
            </Tooltip>
            {u.archivedAt && <Tag color="default">{t('units.archived')}</Tag>}
          </span>
        ),
      }));
    return build('root');
  }, [kids, label, t]);

  const refreshAround = async (u: UnitDetail, oldParentId?: number | null) => {
    await qc.invalidateQueries({ queryKey: ['unit'] });
    await qc.invalidateQueries({ queryKey: ['units'] });
    const parents = new Set<ParentKey>([u.parentId ?? 'root']);
    if (oldParentId !== undefined) {
      const old: ParentKey = oldParentId ?? 'root';
      parents.add(old);
      // A moved unit leaves its old parent at once, so the tree never shows it twice.
      setKids((prev) => (prev.has(old) ? new Map(prev).set(old, prev.get(old)!.filter((c) => c.id !== u.id)) : prev));
    }
    if (kidsRef.current.has(u.id)) parents.add(u.id);
    await Promise.all([...parents].map((p) => fetchChildren(p).catch(() => undefined)));
    await reveal(u);
  };

  const isAdmin = me.grants.some((g) => g.role === 'admin');
  const tree = (
    <Card
      size="small"
      title={t('units.treeTitle')}
      extra={
        <Space size="small" wrap>
          <Tooltip title={t('units.showArchived')}>
            <Switch size="small" checked={includeArchived} onChange={setIncludeArchived} aria-label={t('units.showArchived')} />
          </Tooltip>
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void reloadAll()} aria-label={t('common.refresh')} />
          {isAdmin && can('unit.write') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setCreateRootOpen(true)}>
              {t('units.createRoot')}
            </Button>
          )}
        </Space>
      }
    >
      <UnitPicker
        placeholder={t('units.searchPlaceholder')}
        value={null}
        onChange={(id) => id && select(id)}
        style={{ marginBottom: 12 }}
        data-testid="unit-search"
      />
      {rootsError && <Alert type="error" showIcon title={rootsError} />}
      <Spin spinning={rootsLoading}>
        {!rootsLoading && treeData.length === 0 && !rootsError ? (
          <Empty description={t('units.noUnits')} />
        ) : (
          <div style={{ overflowX: 'auto' }} data-testid="unit-tree">
            <Tree
              blockNode
              showLine
              treeData={treeData}
              loadedKeys={[...kids.keys()].filter((k) => k !== 'root')}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(Number))}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => keys.length && select(Number(keys[0]))}
              loadData={(node: EventDataNode<DataNode>) => fetchChildren(Number(node.key)).then(() => undefined)}
            />
          </div>
        )}
      </Spin>
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.units')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          {tree}
        </Col>
        <Col xs={24} lg={14} ref={detailRef}>
          {selectedId ? (
            <UnitDetailPanel
              id={selectedId}
              onLoaded={reveal}
              onChanged={refreshAround}
              onSelect={(id) => select(id)}
            />
          ) : (
            <Card>
              <Empty description={t('units.pickOne')} />
            </Card>
          )}
        </Col>
      </Row>
      <UnitFormModal
        open={createRootOpen}
        parent={null}
        onClose={() => setCreateRootOpen(false)}
        onSaved={async (u) => {
          setCreateRootOpen(false);
          await refreshAround(u);
          select(u.id);
        }}
      />
    </Space>
  );
}
