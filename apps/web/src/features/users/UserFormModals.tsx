import { passwordStrongEnough } from '@xianfeng/domain';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { CreateUserInput, Role, User } from '../../api/types.ts';
import { grantableRoles } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { MemberPicker } from './MemberPicker.tsx';

interface CreateForm {
  displayName: string;
  username?: string;
  phone?: string;
  role: Role;
  unitId?: number;
  memberId?: number;
  password?: string;
}

const CREATE_FIELDS = ['displayName', 'username', 'phone', 'password', 'role', 'unitId', 'memberId'];

function useRoleOptions() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return grantableRoles(me).map((r) => ({ value: r, label: t(`enums.role.${r}`) }));
}

export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: User, initialPassword?: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoleOptions();
  const [form] = Form.useForm<CreateForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const unitId = Form.useWatch('unitId', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  async function submit(v: CreateForm) {
    setBusy(true);
    setError(null);
    const body: CreateUserInput = {
      displayName: v.displayName.trim(),
      username: v.username?.trim() || null,
      phone: v.phone?.trim() || null,
      role: v.role,
      unitId: v.unitId ?? null,
      memberId: v.memberId ?? null,
      password: v.password || null,
    };
    try {
      const res = await api.post<{ user: User; initialPassword?: string }>('/api/users', body);
      message.success(t('users.created'));
      onCreated(res.user, res.initialPassword);
    } catch (e) {
      setError(applyFormErrors(form, e, CREATE_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('users.createTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'user-form-submit' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<CreateForm> form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={50} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.loginHint')}
          dependencies={['phone']}
          rules={[
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameFormat') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (v?.trim() || getFieldValue('phone')?.trim() ? Promise.resolve() : Promise.reject(new Error(t('users.loginRequired')))),
            }),
          ]}
        >
          <Input maxLength={32} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="user-phone" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPasswordField')}
          extra={t('users.initialPasswordHint')}
          rules={[{ validator: (_, v?: string) => (!v || passwordStrongEnough(v) ? Promise.resolve() : Promise.reject(new Error(t('validation.password_too_weak')))) }]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={roles} data-testid="user-role" />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          extra={role === 'admin' ? t('users.adminUnitHint') : t('users.unitHint')}
          rules={[{ required: role !== 'admin', message: t('common.required') }]}
        >
          <UnitPicker data-testid="user-unit" />
        </Form.Item>
        <Form.Item name="memberId" label={t('users.member')} extra={t('users.memberHint')}>
          <MemberPicker unitId={unitId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AddGrantModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (u: User) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoleOptions();
  const [form] = Form.useForm<{ role: Role; unitId?: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setError(null);
    }
  }, [user, form]);

  async function submit(v: { role: Role; unitId?: number }) {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.post<User>(`/api/users/${user.id}/grants`, { role: v.role, unitId: v.unitId ?? null });
      message.success(t('users.grantAdded'));
      onSaved(saved);
    } catch (e) {
      setError(applyFormErrors(form, e, ['role', 'unitId']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={!!user} title={t('users.addGrantTitle', { name: user?.displayName ?? '' })} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={roles} data-testid="grant-role" />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} extra={role === 'admin' ? t('users.adminUnitHint') : t('users.unitHint')} rules={[{ required: role !== 'admin', message: t('common.required') }]}>
          <UnitPicker data-testid="grant-unit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
