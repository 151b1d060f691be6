// The demo's Open311 client applications: the county's 随手拍 mini-program, in use (the hazard
// demo files a resident's report through it), and an old WeChat account whose key was revoked —
// so the administrators' page shows both states. Registered through the same service as the API,
// in the name of the system administrator.
import type { Deps, RequestCtx } from '../../core/context.ts';
import { registerClient, revokeClient } from '../open311/clients.ts';

export interface Open311Demo {
  client: { id: number; name: string };
  apiKey: string;
}

export async function generateOpen311Demo(deps: Deps, input: { log(m: string): void }): Promise<Open311Demo> {
  const admin = await deps.database.db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', 'admin').executeTakeFirst();
  const at = (daysAgo: number): RequestCtx => {
    const when = new Date(deps.now().getTime() - daysAgo * 86_400_000);
    return {
      deps: { ...deps, now: () => when }, locale: 'zh-CN', ip: '127.0.0.1',
      auth: { userId: admin?.id ?? 0, displayName: admin?.display_name ?? 'admin', memberId: null, grants: [{ role: 'admin', unitId: null }], sessionId: 'demo', csrfToken: '', mustChangePassword: false },
    };
  };
  const old = await registerClient(at(400), { name: '县民生服务公众号（旧版）', contact: '县融媒体中心 张工 0536-7210000', note: '已改用随手拍小程序' });
  await revokeClient(at(60), old.client.id);
  const current = await registerClient(at(90), { name: '随手拍小程序', contact: '县融媒体中心 李工 0536-7210001', note: '群众随手拍隐患、求助，经 Open311 提交' });
  input.log('  open311: 2 client applications (1 in use, 1 revoked)');
  return { client: { id: current.client.id, name: current.client.name }, apiKey: current.apiKey };
}
