// Add a task to the unit's personal task list (个人任务清单), or edit one.
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { DATE_FORMAT, fromYmd, toYmd } from '../../../lib/dates.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { useSpecialties } from '../../members/useSpecialties.ts';
import { useInvalidatePoints } from '../hooks.ts';
import type { Task, TaskInput } from '../types.ts';

interface TaskForm {
  title: string;
  description?: string;
  specialties?: string[];
  points: number;
  capacity: number;
  deadline?: Dayjs | null;
}

const FIELDS = ['title', 'description', 'specialties', 'points', 'capacity', 'deadline'];

export function TaskFormDrawer({ open, unitId, task, onClose }: { open: boolean; unitId: number; task?: Task | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const specialties = useSpecialties(unitId);
  const [form] = Form.useForm<TaskForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      task
        ? { title: task.title, description: task.description, specialties: task.specialties, points: task.points, capacity: task.capacity, deadline: fromYmd(task.deadline) }
        : { points: 2, capacity: 1, specialties: [] },
    );
  }, [open, task, form]);

  async function submit(v: TaskForm) {
    setBusy(true);
    setError(null);
    const body: TaskInput = {
      title: v.title.trim(),
      description: v.description?.trim() ?? '',
      specialties: v.specialties ?? [],
      points: v.points,
      capacity: v.capacity,
      deadline: toYmd(v.deadline),
    };
    try {
      if (task) await api.patch(`/api/points/tasks/${task.id}`, body);
      else await api.post('/api/points/tasks', { unitId, ...body });
      message.success(task ? t('points.tasks.saved') : t('points.tasks.created'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      title={task ? t('points.tasks.editTitle', { title: task.title }) : t('points.tasks.createTitle')}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="task-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<TaskForm> form={form} layout="vertical" onFinish={submit} data-testid="task-form" scrollToFirstError>
        <Form.Item name="title" label={t('points.tasks.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={50} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="description" label={t('points.tasks.description')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="specialties" label={t('points.tasks.specialties')} extra={t('points.tasks.specialtiesHint')}>
          <Select mode="tags" allowClear maxCount={10} loading={specialties.isFetching} options={(specialties.data ?? []).map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="points" label={t('points.tasks.points')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="task-points" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="capacity" label={t('points.tasks.capacity')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={task?.taken || 1} max={1000} precision={0} style={{ width: '100%' }} data-testid="task-capacity" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="deadline" label={t('points.tasks.deadline')} extra={t('points.tasks.deadlineHint')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
