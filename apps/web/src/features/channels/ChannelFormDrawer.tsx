// Set up or change an outbound channel: a signed webhook (an address and the secret it is signed
// with) or e-mail through a mail server. Secrets are write-only: the form shows that one is set and
// leaves it alone unless a new one is typed.
import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { isWarningAdmin } from '../warnings/access.ts';
import { createChannel, updateChannel } from './hooks.ts';
import { OUTBOUND_EVENTS, type Channel, type ChannelKind } from './types.ts';

interface ChannelForm {
  kind: ChannelKind;
  name: string;
  global?: boolean;
  unitId?: number;
  events: string[];
  enabled: boolean;
  url?: string;
  secret?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  clearPassword?: boolean;
  from?: string;
  to?: string[];
}

const FIELDS = ['kind', 'name', 'unitId', 'events', 'enabled', 'url', 'secret', 'host', 'port', 'secure', 'user', 'password', 'from', 'to'];
/** The server names configuration problems config.url, config.to.3 …: they belong on the form's own fields. */
const ALIASES: Record<string, string> = Object.fromEntries([
  ...['url', 'secret', 'host', 'port', 'secure', 'user', 'password', 'from', 'to'].map((f) => [`config.${f}`, f]),
  ...Array.from({ length: 20 }, (_, i) => [`config.to.${i}`, 'to']),
]);
const MIN_SECRET = 16;

/** The server's rule: an http or https address with a host. */
function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** 32 random bytes as hex: a signing secret nobody has to invent. */
function newSecret() {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const eventKey = (e: string) => `channels.event.${e.replace('.', '_')}`;

export function ChannelFormDrawer({ open, channel, defaultUnit, onClose, onSaved }: { open: boolean; channel: Channel | null; defaultUnit?: UnitRef | null; onClose: () => void; onSaved: (c: Channel) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const admin = isWarningAdmin(me);
  const [form] = Form.useForm<ChannelForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'webhook';
  const global = Form.useWatch('global', form) ?? false;
  const clearPassword = Form.useWatch('clearPassword', form) ?? false;
  const editing = !!channel;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (!channel) {
      form.setFieldsValue({ kind: 'webhook', events: ['warning.issued', 'warning.cancelled', 'alarm.raised'], enabled: true, unitId: defaultUnit?.id, global: false, port: 587, secure: false });
      return;
    }
    const base = { kind: channel.kind, name: channel.name, events: channel.events, enabled: channel.enabled };
    if (channel.kind === 'webhook') form.setFieldsValue({ ...base, url: channel.config.url });
    else form.setFieldsValue({ ...base, ...channel.config, user: channel.config.user ?? '' });
  }, [open, channel, defaultUnit, form]);

  function config(v: ChannelForm) {
    if (v.kind === 'webhook') {
      const c: Record<string, unknown> = { url: v.url?.trim() };
      if (v.secret) c.secret = v.secret;
      return c;
    }
    const c: Record<string, unknown> = { host: v.host?.trim(), port: v.port, secure: !!v.secure, from: v.from?.trim(), to: (v.to ?? []).map((x) => x.trim()).filter(Boolean) };
    const user = v.user?.trim();
    if (editing) c.user = user || null;
    else if (user) c.user = user;
    if (v.clearPassword) c.password = null;
    else if (v.password) c.password = v.password;
    return c;
  }

  async function submit(v: ChannelForm) {
    setBusy(true);
    setError(null);
    try {
      const saved = channel
        ? await updateChannel(channel.id, { name: v.name.trim(), events: v.events, enabled: v.enabled, config: config(v) })
        : await createChannel({ kind: v.kind, name: v.name.trim(), unitId: v.global ? null : v.unitId, events: v.events, enabled: v.enabled, config: config(v) });
      onSaved(saved);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, ALIASES));
    } finally {
      setBusy(false);
    }
  }

  const secretSet = editing && channel.hasSecret;
  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      title={editing ? t('channels.form.editTitle') : t('channels.form.createTitle')}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="channel-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="channel-error" />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="channel-form">
        <Form.Item name="kind" label={t('channels.field.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" disabled={editing} options={(['webhook', 'email'] as const).map((k) => ({ value: k, label: t(`channels.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('channels.field.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} placeholder={t('channels.form.namePlaceholder')} data-testid="channel-name" />
        </Form.Item>
        {!editing && admin && (
          <Form.Item name="global" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('channels.form.global')}</Checkbox>
          </Form.Item>
        )}
        {!editing && !global && (
          <Form.Item name="unitId" label={t('channels.field.unit')} extra={t('channels.form.unitHint')} rules={[{ required: true, message: t('common.required') }]}>
            <UnitPicker initialUnit={defaultUnit} />
          </Form.Item>
        )}
        <Form.Item name="events" label={t('channels.field.events')} rules={[{ required: true, type: 'array', min: 1, message: t('channels.form.eventsRequired') }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={OUTBOUND_EVENTS.map((e) => ({ value: e, label: t(eventKey(e)) }))} />
        </Form.Item>
        <Form.Item name="enabled" label={t('channels.field.enabled')} valuePropName="checked" extra={editing && channel.enabled ? t('channels.form.disableHint') : undefined}>
          <Switch />
        </Form.Item>
        {kind === 'webhook' ? (
          <>
            <Form.Item name="url" label={t('channels.field.url')} rules={[{ required: true, message: t('common.required') }, { validator: (_, v?: string) => (!v || isHttpUrl(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('channels.form.urlInvalid')))) }]}>
              <Input maxLength={2000} placeholder="https://" inputMode="url" data-testid="channel-url" />
            </Form.Item>
            <Form.Item
              label={
                <span>
                  {t('channels.field.secret')} {secretSet && <Tag color="green" style={{ marginInlineStart: 6 }} data-testid="channel-secret-set">{t('channels.form.secretSet')}</Tag>}
                </span>
              }
              extra={t(secretSet ? 'channels.form.secretKeep' : 'channels.form.secretHint', { min: MIN_SECRET })}
            >
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="secret"
                  noStyle
                  rules={[{ required: !editing, message: t('common.required') }, { min: MIN_SECRET, message: t('channels.form.secretShort', { min: MIN_SECRET }) }]}
                >
                  <Input.Password autoComplete="new-password" maxLength={200} placeholder={secretSet ? t('channels.form.secretPlaceholder') : undefined} data-testid="channel-secret" />
                </Form.Item>
                <Button icon={<KeyOutlined />} onClick={() => form.setFieldsValue({ secret: newSecret() })}>
                  {t('channels.form.generate')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </>
        ) : (
          <>
            <div style={{ display: 'flex', gap: 8 }}>
              <Form.Item name="host" label={t('channels.field.host')} style={{ flex: 1, minWidth: 0 }} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input maxLength={253} placeholder="smtp.example.cn" />
              </Form.Item>
              <Form.Item name="port" label={t('channels.field.port')} style={{ width: 110 }} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </div>
            <Form.Item name="secure" valuePropName="checked" extra={t('channels.form.secureHint')}>
              <Checkbox>{t('channels.field.secure')}</Checkbox>
            </Form.Item>
            <Form.Item name="user" label={t('channels.field.user')}>
              <Input maxLength={254} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={
                <span>
                  {t('channels.field.password')} {secretSet && <Tag color="green" style={{ marginInlineStart: 6 }}>{t('channels.form.secretSet')}</Tag>}
                </span>
              }
              extra={secretSet ? t('channels.form.passwordKeep') : undefined}
            >
              <Input.Password autoComplete="new-password" maxLength={200} disabled={clearPassword} placeholder={secretSet ? t('channels.form.secretPlaceholder') : undefined} />
            </Form.Item>
            {secretSet && (
              <Form.Item name="clearPassword" valuePropName="checked" style={{ marginTop: -12 }}>
                <Checkbox>{t('channels.form.clearPassword')}</Checkbox>
              </Form.Item>
            )}
            <Form.Item name="from" label={t('channels.field.from')} rules={[{ required: true, type: 'email', message: t('channels.form.emailInvalid') }]}>
              <Input maxLength={254} placeholder="xianfeng@example.cn" />
            </Form.Item>
            <Form.Item name="to" label={t('channels.field.to')} extra={t('channels.form.toHint')} rules={[{ required: true, type: 'array', min: 1, message: t('channels.form.toRequired') }]}>
              <Select mode="tags" tokenSeparators={[',', ';', ' ']} open={false} suffixIcon={null} placeholder="duty@example.cn" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
