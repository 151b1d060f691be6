import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import type { UnitDetail } from '../../api/types.ts';
import { BackupContacts } from '../warnings/BackupContacts.tsx';
import { useCan } from '../../auth/session.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { MoveUnitModal } from './MoveUnitModal.tsx';
import { UnitFormModal } from './UnitFormModal.tsx';

export function UnitDetailPanel({
  id, onLoaded, onChanged, onSelect,
}: {
  id: number;
  /** Called once per unit, to open the tree down to it. */
  onLoaded: (u: UnitDetail) => void;
  /** After an edit, move or archive: the tree refreshes around the unit. */
  onChanged: (u: UnitDetail, oldParentId?: number | null) => Promise<void>;
  onSelect: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { modal, message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'child' | 'edit' | 'move' | null>(null);
  const { data: unit, isPending, error } = useQuery({
    queryKey: ['unit', id],
    queryFn: () => api.get<UnitDetail>(`/api/units/${id}`),
  });

  const revealed = useRef<number | null>(null);
  useEffect(() => {
    if (unit && revealed.current !== unit.id) {
      revealed.current = unit.id;
      onLoaded(unit);
    }
  }, [unit, onLoaded]);

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;

  const writable = can('unit.write') && !unit.archivedAt;
  const archive = () =>
    modal.confirm({
      title: t('units.archiveTitle', { name: unit.name }),
      content: t('units.archiveConfirm'),
      okText: t('units.archive'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const archived = await api.post<UnitDetail>(`/api/units/${unit.id}/archive`);
          message.success(t('units.archivedDone'));
          await onChanged(archived);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <Card
      data-testid="unit-detail"
      title={
        <Space wrap size={6}>
          <span>{unit.name}</span>
          <Tag color="red">{label('unitKind', unit.kind)}</Tag>
          {unit.archivedAt && <Tag>{t('units.archived')}</Tag>}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {unit.path.length > 0 && (
          <Breadcrumb
            items={[...unit.path, { id: unit.id, code: unit.code, name: unit.name }].map((p) => ({
              key: p.id,
              title: p.id === unit.id ? p.name : <a onClick={() => onSelect(p.id)}>{p.name}</a>,
            }))}
          />
        )}
        {unit.warnings.map((w) => (
          <Alert key={w.code} type="warning" showIcon title={w.message} data-testid="unit-warning" />
        ))}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'code', label: t('units.code'), children: unit.code },
            { key: 'kind', label: t('units.kind'), children: label('unitKind', unit.kind) },
            { key: 'phone', label: t('units.phone'), children: unit.phone || t('common.none') },
            { key: 'foundedOn', label: t('units.foundedOn'), children: unit.foundedOn || t('common.none') },
            { key: 'areaCode', label: t('units.areaCode'), children: unit.areaCode || t('common.none') },
            { key: 'memberCount', label: t('units.subtreeMembers'), children: unit.memberCount },
            { key: 'directMembers', label: t('units.directMembers'), children: unit.directMembers },
            { key: 'fullMembers', label: t('units.fullMembers'), children: unit.fullMembers },
            { key: 'children', label: t('units.childCount'), children: unit.childCount },
            { key: 'secretary', label: t('units.hasSecretary'), children: unit.hasSecretary ? t('common.yes') : t('common.no') },
            ...(unit.archivedAt ? [{ key: 'archivedAt', label: t('units.archivedAt'), children: formatDateTime(unit.archivedAt) }] : []),
          ]}
        />
        <Space wrap>
          {can('member.read') && (
            <Button icon={<TeamOutlined />} onClick={() => navigate(`/members?unitId=${unit.id}`)} data-testid="unit-members">
              {t('units.viewMembers')}
            </Button>
          )}
          {writable && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setDialog('child')} data-testid="unit-create-child">
                {t('units.createChild')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="unit-edit">
                {t('common.edit')}
              </Button>
              {unit.parentId !== null && (
                <Button icon={<DragOutlined />} onClick={() => setDialog('move')} data-testid="unit-move">
                  {t('units.move')}
                </Button>
              )}
              <Button danger icon={<DeleteOutlined />} onClick={archive} data-testid="unit-archive">
                {t('units.archive')}
              </Button>
            </>
          )}
        </Space>
        {can('warning.read') && !unit.archivedAt && <BackupContacts unitId={unit.id} />}
        {!writable && !unit.archivedAt && can('unit.read') && !can('unit.write') && (
          <Typography.Text type="secondary">{t('units.readOnly')}</Typography.Text>
        )}
      </Space>
      <UnitFormModal
        open={dialog === 'child'}
        parent={unit}
        onClose={() => setDialog(null)}
        onSaved={async (child) => {
          setDialog(null);
          await onChanged(child);
          onSelect(child.id);
        }}
      />
      <UnitFormModal
        open={dialog === 'edit'}
        unit={unit}
        onClose={() => setDialog(null)}
        onSaved={async (saved) => {
          setDialog(null);
          await onChanged(saved);
        }}
      />
      {dialog === 'move' && (
        <MoveUnitModal
          open
          unit={unit}
          onClose={() => setDialog(null)}
          onMoved={async (moved) => {
            setDialog(null);
            await onChanged(moved, unit.parentId);
          }}
        />
      )}
    </Card>
  );
}
