// 个人任务清单 of the unit: the tasks members claim by specialty; add, edit, close and reopen them.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { useInvalidatePoints, useUnitTasks } from '../hooks.ts';
import type { Task } from '../types.ts';
import { TaskFormDrawer } from './TaskFormDrawer.tsx';

const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

export function TasksTab({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const { data, isFetching, error } = useUnitTasks(unitId);
  const [editing, setEditing] = useState<{ task?: Task } | null>(null);
  const tasks = data?.items ?? [];

  const run = async <T,>(fn: () => Promise<T>, done: string | ((result: T) => string)) => {
    try {
      const result = await fn();
      message.success(typeof done === 'string' ? done : done(result));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const adopt = () =>
    modal.confirm({
      title: t('points.tasks.adoptTitle'),
      content: tasks.length ? t('points.tasks.adoptConfirmAgain', { count: tasks.length }) : t('points.tasks.adoptConfirm'),
      onOk: () =>
        run(
          () => api.post<{ items: Task[]; skipped: number }>('/api/points/tasks/adopt', { unitId }),
          (r) => (r.items.length ? t('points.tasks.adopted', { count: r.items.length }) : t('points.tasks.adoptedNone')),
        ),
    });

  const toggle = (task: Task) =>
    run(
      () => api.patch(`/api/points/tasks/${task.id}`, { status: task.status === 'open' ? 'closed' : 'open' }),
      task.status === 'open' ? t('points.tasks.closedDone') : t('points.tasks.reopened'),
    );

  const status = (task: Task) => <Tag color={task.status === 'open' ? 'green' : 'default'}>{t(`points.taskStatus.${task.status}`)}</Tag>;
  const actions = (task: Task) => (
    <Space size={4}>
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ task })} data-testid="task-edit">
        {t('common.edit')}
      </Button>
      <Button size="small" onClick={() => toggle(task)} data-testid="task-toggle">
        {task.status === 'open' ? t('points.tasks.close') : t('points.tasks.reopen')}
      </Button>
    </Space>
  );

  const columns: ColumnsType<Task> = [
    { title: t('points.tasks.title'), dataIndex: 'title', render: (v: string, task) => (<span>{v}{task.description && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, maxWidth: 360 }} ellipsis>{task.description}</Typography.Text>}</span>) },
    { title: t('points.tasks.specialties'), dataIndex: 'specialties', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: t('points.tasks.points'), dataIndex: 'points', render: (p: number) => `+${p}` },
    { title: t('points.tasks.placesTitle'), key: 'places', render: (_, task) => `${task.taken} / ${task.capacity}` },
    { title: t('points.tasks.deadline'), dataIndex: 'deadline', render: (d: string | null) => d ?? t('common.none') },
    { title: t('points.tasks.status'), key: 'status', render: (_, task) => status(task) },
    { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_, task) => actions(task) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="task-create">
          {t('points.tasks.create')}
        </Button>
        <Button onClick={adopt} data-testid="tasks-adopt">
          {t('points.tasks.adopt')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {tasks.length === 0 && !isFetching && <Empty description={t('points.tasks.none')} />}
            {tasks.map((task) => (
              <Card key={task.id} size="small" {...rowProps('task-row')}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong>{task.title}</Typography.Text>
                  {status(task)}
                </div>
                <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>
                  +{task.points} · {task.taken} / {task.capacity}
                  {task.deadline ? ` · ${t('points.task.deadlineOn', { date: task.deadline })}` : ''}
                </div>
                <div style={{ marginTop: 4 }}>
                  {task.specialties.map((x) => (
                    <Tag key={x}>{x}</Tag>
                  ))}
                </div>
                <div style={{ marginTop: 6 }}>{actions(task)}</div>
              </Card>
            ))}
          </div>
        </Spin>
      ) : (
        <Table<Task>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tasks}
          loading={isFetching}
          pagination={tasks.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          onRow={() => rowProps('task-row')}
          locale={{ emptyText: <Empty description={t('points.tasks.none')} /> }}
        />
      )}
      <TaskFormDrawer open={!!editing} unitId={unitId} task={editing?.task} onClose={() => setEditing(null)} />
    </Space>
  );
}
