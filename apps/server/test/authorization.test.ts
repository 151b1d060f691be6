// Walks EVERY API route and tries it as an anonymous caller, a resident, and an administrator of
// the neighbouring village, each aimed at village A's data. A route added without a probe here
// fails the first test, so no route escapes the check by being forgotten.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DATABASES, startTestEnv, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';
import { workbookWithRows } from './sheets.ts';
import { DEFAULT_STAR_SCHEME, roleHas, type Permission } from '@xianfeng/domain';

interface Probe {
  url: string;
  body?: unknown;
  upload?: Buffer;
}

/** For each route: a request aimed at village A (or its member, or its people). */
function probes(w: World): Record<string, (() => Probe) | 'self'> {
  const A = w.units.villageA;
  return {
    'POST /api/auth/logout': 'self',
    'GET /api/auth/me': 'self',
    'POST /api/auth/password': 'self',
    'GET /api/home': 'self',
    'GET /api/units/roots': () => ({ url: '/api/units/roots' }),
    'GET /api/units': () => ({ url: '/api/units?q=东庄' }),
    'GET /api/units/:id': () => ({ url: `/api/units/${A}` }),
    'GET /api/units/:id/children': () => ({ url: `/api/units/${A}/children` }),
    'POST /api/units': () => ({ url: '/api/units', body: { code: 'NEW1', name: '新支部', kind: 'branch', parentId: A } }),
    'PATCH /api/units/:id': () => ({ url: `/api/units/${A}`, body: { name: '改名' } }),
    'POST /api/units/:id/move': () => ({ url: `/api/units/${w.units.branchA}/move`, body: { parentId: w.units.villageB } }),
    'POST /api/units/:id/archive': () => ({ url: `/api/units/${w.units.branchA}/archive` }),
    'GET /api/members': () => ({ url: `/api/members?unitId=${A}` }),
    'GET /api/members/:id': () => ({ url: `/api/members/${w.members.a}` }),
    'POST /api/members': () => ({ url: '/api/members', body: { unitId: w.units.branchA, ...person() } }),
    'PATCH /api/members/:id': () => ({ url: `/api/members/${w.members.a}`, body: { occupation: '农民' } }),
    'POST /api/members/:id/transfer': () => ({ url: `/api/members/${w.members.a}/transfer`, body: { toUnitId: w.units.branchB } }),
    'POST /api/members/:id/unmask': () => ({ url: `/api/members/${w.members.a}/unmask`, body: { field: 'idNumber' } }),
    'GET /api/members/export': () => ({ url: `/api/members/export?unitId=${A}` }),
    'GET /api/specialties': () => ({ url: `/api/specialties?unitId=${A}` }),
    'POST /api/specialties': () => ({ url: '/api/specialties', body: { unitId: A, name: '编织' } }),
    'GET /api/imports/members/template': () => ({ url: '/api/imports/members/template' }),
    'GET /api/imports/units/template': () => ({ url: '/api/imports/units/template' }),
    'POST /api/imports/members': () => ({ url: '/api/imports/members?dryRun=1', upload: memberRoll() }),
    'POST /api/imports/units': () => ({ url: '/api/imports/units?dryRun=1', upload: unitRoll() }),
    'GET /api/audit': () => ({ url: `/api/audit?unitId=${A}` }),
    'GET /api/users': () => ({ url: `/api/users?unitId=${A}` }),
    'POST /api/users': () => ({ url: '/api/users', body: { username: 'intruder', displayName: 'x', role: 'secretary', unitId: A } }),
    'POST /api/users/:id/grants': () => ({ url: `/api/users/${w.users.secretaryA.id}/grants`, body: { role: 'member', unitId: A } }),
    'DELETE /api/users/:id/grants/:grantId': () => ({ url: `/api/users/${w.users.secretaryA.id}/grants/${grantIds.secretaryA}` }),
    'POST /api/users/:id/reset-password': () => ({ url: `/api/users/${w.users.secretaryA.id}/reset-password` }),
    'POST /api/users/:id/disable': () => ({ url: `/api/users/${w.users.secretaryA.id}/disable` }),
    'POST /api/users/:id/enable': () => ({ url: `/api/users/${w.users.secretaryA.id}/enable` }),
    // Points: a member's own pages need only a session (the service finds their member record);
    // every other route is aimed at village A, its member, or records created there.
    'GET /api/points/my': 'self',
    'GET /api/points/my/rules': 'self',
    'GET /api/points/my/claims': 'self',
    'GET /api/points/my/shop': 'self',
    'GET /api/points/my/orders': 'self',
    'GET /api/points/my/tasks': 'self',
    'GET /api/points/my/conduct': 'self',
    'POST /api/points/my/conduct/:id/ack': 'self',
    'POST /api/points/evidence': 'self',
    'GET /api/points/evidence/:id': 'self',
    'POST /api/points/claims': 'self',
    'GET /api/points/claims/:id': 'self',
    'POST /api/points/claims/:id/withdraw': 'self',
    'GET /api/points/members/:id': 'self',
    'GET /api/points/members/:id/entries': 'self',
    'POST /api/points/tasks/:id/claim': 'self',
    'POST /api/points/task-claims/:id/report': 'self',
    'POST /api/points/task-claims/:id/withdraw': 'self',
    'POST /api/points/shop/orders': 'self',
    'POST /api/points/shop/orders/:id/cancel': 'self',
    'GET /api/points/claims': () => ({ url: `/api/points/claims?unitId=${A}` }),
    'POST /api/points/claims/approve': () => ({ url: '/api/points/claims/approve', body: { ids: [points.claim] } }),
    'POST /api/points/claims/reject': () => ({ url: '/api/points/claims/reject', body: { ids: [points.claim], reason: '越权' } }),
    'GET /api/points/ledger': () => ({ url: `/api/points/ledger?unitId=${A}` }),
    'GET /api/points/figures': () => ({ url: `/api/points/figures?unitId=${A}&period=2026` }),
    'POST /api/points/entries': () => ({ url: '/api/points/entries', body: { memberId: w.members.a, ruleId: points.rule, occurredOn: '2026-01-05', reason: '越权' } }),
    'POST /api/points/entries/:id/reverse': () => ({ url: `/api/points/entries/${points.entry}/reverse`, body: { reason: '越权' } }),
    'POST /api/points/violations': () => ({ url: '/api/points/violations', body: { memberId: w.members.a, conductItemId: 1, occurredOn: '2026-01-05', remark: '越权' } }),
    'GET /api/points/rules': () => ({ url: `/api/points/rules?unitId=${A}` }),
    'POST /api/points/rules': () => ({ url: '/api/points/rules', body: { unitId: A, code: 'X1', name: '越权', account: 'bonus', pointsMin: 1, pointsMax: 1 } }),
    'PATCH /api/points/rules/:id': () => ({ url: `/api/points/rules/${points.rule}`, body: { name: '越权' } }),
    'POST /api/points/rules/adopt': () => ({ url: '/api/points/rules/adopt', body: { unitId: A } }),
    'GET /api/points/settings': () => ({ url: `/api/points/settings?unitId=${A}` }),
    'PUT /api/points/settings': () => ({ url: '/api/points/settings', body: { unitId: A, periodKind: 'month', boardEnabled: false, balanceExpires: true } }),
    'GET /api/points/conduct': () => ({ url: `/api/points/conduct?unitId=${A}` }),
    'PUT /api/points/conduct': () => ({ url: '/api/points/conduct', body: { unitId: A, items: [{ kind: 'do', text: '越权' }] } }),
    'POST /api/points/conduct/adopt': () => ({ url: '/api/points/conduct/adopt', body: { unitId: A } }),
    'GET /api/points/tasks': () => ({ url: `/api/points/tasks?unitId=${A}` }),
    'POST /api/points/tasks': () => ({ url: '/api/points/tasks', body: { unitId: A, title: '越权', points: 1, capacity: 1 } }),
    'PATCH /api/points/tasks/:id': () => ({ url: `/api/points/tasks/${points.task}`, body: { status: 'closed' } }),
    'POST /api/points/tasks/adopt': () => ({ url: '/api/points/tasks/adopt', body: { unitId: A } }),
    'GET /api/points/task-claims': () => ({ url: '/api/points/task-claims' }),
    'POST /api/points/task-claims/:id/decide': () => ({ url: `/api/points/task-claims/${points.taskClaim}/decide`, body: { approve: true } }),
    'GET /api/points/shop/items': () => ({ url: `/api/points/shop/items?unitId=${A}` }),
    'POST /api/points/shop/items': () => ({ url: '/api/points/shop/items', body: { unitId: A, name: '越权', price: 1, stock: 1 } }),
    'PATCH /api/points/shop/items/:id': () => ({ url: `/api/points/shop/items/${points.item}`, body: { addStock: 100 } }),
    'GET /api/points/shop/orders': () => ({ url: `/api/points/shop/orders?unitId=${A}` }),
    'POST /api/points/shop/orders/:id/hand-over': () => ({ url: `/api/points/shop/orders/${points.order}/hand-over` }),
    'GET /api/points/board': () => ({ url: `/api/points/board?unitId=${A}` }),
    'GET /api/points/export': () => ({ url: `/api/points/export?unitId=${A}&what=ledger` }),
    'GET /api/points/import/template': () => ({ url: '/api/points/import/template' }),
    'POST /api/points/import': () => ({ url: `/api/points/import?unitId=${A}&dryRun=1`, upload: workbookWithRows(['身份证号', '姓名', '规则编码', '日期'], [['370783198503121007', '张三', 'JC02', '2026-01-05']]) }),
    'GET /api/points/board/stats': () => ({ url: `/api/points/board/stats?unitId=${A}` }),
    'GET /api/points/plaque': () => ({ url: `/api/points/plaque?unitId=${A}` }),
    'POST /api/points/plaque': () => ({ url: '/api/points/plaque', body: { unitId: A, period: '2026', memberId: w.members.a, reason: '越权' } }),
    // Warnings: a warning issued by village A for village A. The list and the settings are
    // scope-wide reads (the neighbour sees their own); changing settings needs a system-wide grant.
    'GET /api/warnings/settings': () => ({ url: '/api/warnings/settings' }),
    'PUT /api/warnings/settings': () => ({ url: '/api/warnings/settings', body: { ackDeadlines: { red: 5, orange: 20, yellow: 30, blue: 60 } } }),
    'GET /api/warnings': () => ({ url: '/api/warnings' }),
    'POST /api/warnings': () => ({ url: '/api/warnings', body: { unitId: A, hazard: 'typhoon', level: 'red', description: '授权测试', areaUnitIds: [A] } }),
    'GET /api/warnings/:id': () => ({ url: `/api/warnings/${warnings.id}` }),
    'POST /api/warnings/:id/update': () => ({ url: `/api/warnings/${warnings.id}/update`, body: { version: 1, level: 'orange' } }),
    'POST /api/warnings/:id/cancel': () => ({ url: `/api/warnings/${warnings.id}/cancel`, body: { version: 1, reason: '授权测试' } }),
    'POST /api/warnings/:id/units/:unitId/ack': () => ({ url: `/api/warnings/${warnings.id}/units/${A}/ack` }),
    'GET /api/warnings/:id/dashboard': () => ({ url: `/api/warnings/${warnings.id}/dashboard` }),
    'GET /api/warnings/:id/timeline': () => ({ url: `/api/warnings/${warnings.id}/timeline` }),
    'GET /api/warnings/:id/stream': () => ({ url: `/api/warnings/${warnings.id}/stream` }),
    'POST /api/warnings/import-cap': () => ({ url: `/api/warnings/import-cap?unitId=${A}`, upload: Buffer.from(CAP_ALERT) }),
    'GET /api/warnings/:id/report.pdf': () => ({ url: `/api/warnings/${warnings.id}/report.pdf` }),
    'GET /api/warnings/:id/report.xlsx': () => ({ url: `/api/warnings/${warnings.id}/report.xlsx` }),
    'GET /api/units/:id/backup-contacts': () => ({ url: `/api/units/${A}/backup-contacts` }),
    'POST /api/units/:id/backup-contacts': () => ({ url: `/api/units/${A}/backup-contacts`, body: { userId: w.users.memberA.id } }),
    'DELETE /api/units/:id/backup-contacts/:userId': () => ({ url: `/api/units/${A}/backup-contacts/${w.users.memberA.id}` }),
    'POST /api/warnings/drill': () => ({ url: '/api/warnings/drill', body: { unitId: A } }),
    'GET /api/warnings/:id/cap': () => ({ url: `/api/warnings/${warnings.id}/cap` }),
    'GET /api/warnings/:id/messages/:messageId/cap': () => ({ url: `/api/warnings/${warnings.id}/messages/${warnings.message}/cap` }),
    'GET /api/warnings/:id/units/:unitId/ack/cap': () => ({ url: `/api/warnings/${warnings.id}/units/${A}/ack/cap` }),
    // Stars: a member's own stars and the holiday calendar need only a session; setting the calendar
    // needs a system-wide grant (the neighbouring village's administrator gets 403); the rest aims at village A.
    'GET /api/stars/scheme': () => ({ url: `/api/stars/scheme?unitId=${A}&period=2026` }),
    'PUT /api/stars/scheme': () => ({ url: '/api/stars/scheme', body: { unitId: A, period: '2026', scheme: DEFAULT_STAR_SCHEME } }),
    'DELETE /api/stars/scheme': () => ({ url: `/api/stars/scheme?unitId=${A}&period=2026` }),
    'GET /api/stars/preview': () => ({ url: `/api/stars/preview?unitId=${A}&period=2026` }),
    'GET /api/stars/preview/export': () => ({ url: `/api/stars/preview/export?unitId=${A}&period=2026` }),
    'GET /api/stars/members/:id': () => ({ url: `/api/stars/members/${w.members.a}` }),
    'GET /api/stars/my': 'self',
    'GET /api/stars/calendar': 'self',
    'PUT /api/stars/calendar': () => ({ url: '/api/stars/calendar', body: { year: 2026, holidays: [], workdays: [] } }),
    // Commitments: a member's own need only a session; member cards are seen by anyone of the
    // member's village or community (commitments.test.ts walks who sees what); the rest aims at village A.
    'GET /api/commitments/my': 'self',
    'PUT /api/commitments/my': 'self',
    'POST /api/commitments/my/updates': 'self',
    'GET /api/cards': () => ({ url: `/api/cards?unitId=${A}` }),
    'GET /api/cards/:memberId': () => ({ url: `/api/cards/${w.members.a}` }),
    'PUT /api/commitments/members/:id': () => ({ url: `/api/commitments/members/${w.members.a}`, body: { content: '越权代录的承诺事项内容' } }),
    'POST /api/commitments/members/:id/updates': () => ({ url: `/api/commitments/members/${w.members.a}/updates`, body: { content: '越权代录' } }),
    'GET /api/commitments/compare': () => ({ url: `/api/commitments/compare?unitId=${A}` }),
    'GET /api/commitments/compare/export': () => ({ url: `/api/commitments/compare/export?unitId=${A}` }),
    // Notice and results: a campaign organized by village A, its objection, a commendation and a
    // candidate of it. The dossier needs only a session (the candidate reads their own; notice.test.ts
    // checks that the neighbouring village cannot); public pages are listed in the test below.
    'POST /api/campaigns/:id/publish-notice': () => ({ url: `/api/campaigns/${notice.campaign}/publish-notice`, body: {} }),
    'POST /api/campaigns/:id/close': () => ({ url: `/api/campaigns/${notice.campaign}/close` }),
    'GET /api/campaigns/:id/objections': () => ({ url: `/api/campaigns/${notice.campaign}/objections` }),
    'POST /api/campaigns/objections/:id/handle': () => ({ url: `/api/campaigns/objections/${notice.objection}/handle`, body: { outcome: 'uphold_withdraw', reply: '越权' } }),
    'GET /api/campaigns/:id/results': () => ({ url: `/api/campaigns/${notice.campaign}/results` }),
    'GET /api/campaigns/:id/results/export': () => ({ url: `/api/campaigns/${notice.campaign}/results/export` }),
    'GET /api/campaigns/:id/honor-roll/export': () => ({ url: `/api/campaigns/${notice.closed}/honor-roll/export` }),
    'GET /api/campaigns/:id/certificates.pdf': () => ({ url: `/api/campaigns/${notice.closed}/certificates.pdf` }),
    'GET /api/campaigns/commendations/:id/certificate.pdf': () => ({ url: `/api/campaigns/commendations/${notice.commendation}/certificate.pdf` }),
    'GET /api/campaigns/candidates/:id/dossier.pdf': 'self',
    // Campaigns: an open commendation campaign organized by village A. A member's own candidacies,
    // reminders and a candidate's page and steps need only a session (campaigns.test.ts walks who
    // may see and move which candidate); the rest aims at the campaign or at village A.
    'GET /api/campaigns/my': 'self',
    'GET /api/campaigns/todo': 'self',
    'POST /api/campaigns/:id/candidacy': 'self',
    'GET /api/campaigns/candidates/:id': 'self',
    'GET /api/campaigns/candidates/:id/self-evaluation': 'self',
    'PUT /api/campaigns/candidates/:id/self-evaluation': 'self',
    'POST /api/campaigns/candidates/:id/actions': 'self',
    'POST /api/campaigns': () => ({ url: '/api/campaigns', body: { unitId: A, kind: 'commendation', period: '2026', title: '越权发起' } }),
    'GET /api/campaigns': () => ({ url: `/api/campaigns?unitId=${A}` }),
    'GET /api/campaigns/:id': () => ({ url: `/api/campaigns/${campaigns.open}` }),
    'PATCH /api/campaigns/:id': () => ({ url: `/api/campaigns/${campaigns.open}`, body: { title: '越权' } }),
    'PUT /api/campaigns/:id/quotas': () => ({ url: `/api/campaigns/${campaigns.open}/quotas`, body: { quotas: [{ unitId: A, category: 'outstanding_member', quota: 99 }] } }),
    'POST /api/campaigns/:id/candidates': () => ({ url: `/api/campaigns/${campaigns.open}/candidates`, body: { category: 'outstanding_member', memberId: w.members.a, nomination: '越权推荐' } }),
    'GET /api/campaigns/:id/candidates': () => ({ url: `/api/campaigns/${campaigns.open}/candidates?unitId=${A}` }),
    // Notifications: one's own inbox needs only a session (notifications.test.ts checks that
    // another person's notification is not found); channels and deliveries aim at village A's.
    'GET /api/inbox': 'self',
    'GET /api/inbox/unread-count': 'self',
    'POST /api/inbox/read-all': 'self',
    'POST /api/inbox/:id/read': 'self',
    'GET /api/channels': () => ({ url: `/api/channels?unitId=${A}` }),
    'GET /api/channels/:id': () => ({ url: `/api/channels/${outbound.channel}` }),
    'POST /api/channels': () => ({ url: '/api/channels', body: { unitId: A, kind: 'webhook', name: '越权', events: ['warning.issued'], config: { url: 'https://example.cn/hook', secret: '0123456789abcdef0123' } } }),
    'PATCH /api/channels/:id': () => ({ url: `/api/channels/${outbound.channel}`, body: { enabled: true } }),
    'POST /api/channels/:id/test': () => ({ url: `/api/channels/${outbound.channel}/test` }),
    'GET /api/channels/:id/deliveries': () => ({ url: `/api/channels/${outbound.channel}/deliveries` }),
    'GET /api/deliveries/dead': () => ({ url: `/api/deliveries/dead?unitId=${A}` }),
    'POST /api/deliveries/:id/retry': () => ({ url: `/api/deliveries/${outbound.delivery}/retry` }),
    // Field reports of village A: a household with a person to move first, a shelter, an alarm
    // with a photo and an outage, during a warning village A issued for itself. Raising the alarm
    // is the one thing a resident may do (in their own village A, see below); one's own alarms, and
    // an alarm's page and photos, need a session (alarms.test.ts walks who sees and adds what).
    'GET /api/households': () => ({ url: `/api/households?unitId=${A}` }),
    'GET /api/households/:id': () => ({ url: `/api/households/${field.household}` }),
    'POST /api/households': () => ({ url: '/api/households', body: { unitId: A, address: '越权登记', headName: '某', people: 1 } }),
    'PATCH /api/households/:id': () => ({ url: `/api/households/${field.household}`, body: { people: 9 } }),
    'POST /api/households/:id/archive': () => ({ url: `/api/households/${field.household}/archive` }),
    'POST /api/households/:id/people': () => ({ url: `/api/households/${field.household}/people`, body: { name: '某', category: 'other', reason: '越权登记' } }),
    'DELETE /api/households/:id/people/:personId': () => ({ url: `/api/households/${field.household}/people/${field.person}` }),
    'GET /api/shelters': () => ({ url: `/api/shelters?unitId=${A}` }),
    'POST /api/shelters': () => ({ url: '/api/shelters', body: { unitId: A, name: '越权安置点', capacity: 10 } }),
    'PATCH /api/shelters/:id': () => ({ url: `/api/shelters/${field.shelter}`, body: { capacity: 1 } }),
    'POST /api/shelters/:id/archive': () => ({ url: `/api/shelters/${field.shelter}/archive` }),
    'GET /api/warnings/:id/evacuation': () => ({ url: `/api/warnings/${field.warning}/evacuation?unitId=${A}` }),
    'PUT /api/warnings/:id/evacuation/:unitId': () => ({ url: `/api/warnings/${field.warning}/evacuation/${A}`, body: { toMove: 9, moved: 9, refused: 0 } }),
    'GET /api/warnings/:id/evacuation/:unitId/households': () => ({ url: `/api/warnings/${field.warning}/evacuation/${A}/households` }),
    'PUT /api/warnings/:id/households/:householdId': () => ({ url: `/api/warnings/${field.warning}/households/${field.household}`, body: { status: 'refused' } }),
    'PUT /api/warnings/:id/shelters/:shelterId': () => ({ url: `/api/warnings/${field.warning}/shelters/${field.shelter}`, body: { occupants: 9 } }),
    'POST /api/alarms': () => ({ url: '/api/alarms', body: { unitId: A, kind: 'other', place: '东庄村村口', description: '授权测试上报' } }),
    'GET /api/alarms': () => ({ url: `/api/alarms?unitId=${A}` }),
    'GET /api/alarms/mine': 'self',
    'GET /api/alarms/:id': () => ({ url: `/api/alarms/${field.alarm}` }),
    'POST /api/alarms/:id/photos': () => ({ url: `/api/alarms/${field.alarm}/photos`, upload: PNG }),
    'GET /api/alarms/:id/photos/:photoId': () => ({ url: `/api/alarms/${field.alarm}/photos/${field.photo}` }),
    'POST /api/alarms/:id/handle': () => ({ url: `/api/alarms/${field.alarm}/handle`, body: { note: '越权' } }),
    'POST /api/alarms/:id/close': () => ({ url: `/api/alarms/${field.alarm}/close`, body: { note: '越权' } }),
    'POST /api/alarms/:id/promote': () => ({ url: `/api/alarms/${field.alarm}/promote`, body: { issuingUnitId: A, hazard: 'landslide', level: 'red' } }),
    'GET /api/outages': () => ({ url: `/api/outages?unitId=${A}` }),
    'POST /api/outages': () => ({ url: '/api/outages', body: { unitId: A, kind: 'road', startedAt: new Date(Date.now() - 3_600_000).toISOString() } }),
    'PATCH /api/outages/:id': () => ({ url: `/api/outages/${field.outage}`, body: { note: '越权' } }),
    'POST /api/outages/:id/restore': () => ({ url: `/api/outages/${field.outage}/restore`, body: { restoredAt: new Date(Date.now() - 60_000).toISOString() } }),
    'GET /api/recovery/summary': () => ({ url: `/api/recovery/summary?unitId=${A}` }),
    // Mediation of village A: a mediator of its pool and a case registered there. A case's own
    // routes need only a session because assigned mediators reach them by assignment, not by a
    // permission; registering one is refused by the service (mediation.test.ts walks who sees what,
    // including that a mediator cannot see another mediator's cases).
    'GET /api/mediation/mediators': () => ({ url: `/api/mediation/mediators?unitId=${A}` }),
    'POST /api/mediation/mediators': () => ({ url: '/api/mediation/mediators', body: { unitId: A, memberId: w.members.a, areaUnitIds: [A] } }),
    'PATCH /api/mediation/mediators/:id': () => ({ url: `/api/mediation/mediators/${mediation.mediator}`, body: { note: '越权' } }),
    'POST /api/mediation/cases': () => ({ url: '/api/mediation/cases', body: { unitId: A, type: 'neighbour', summary: '越权登记的纠纷', parties: [{ role: 'applicant', name: '甲' }, { role: 'respondent', name: '乙' }] } }),
    'GET /api/mediation/cases': () => ({ url: `/api/mediation/cases?unitId=${A}` }),
    'GET /api/mediation/cases/mine': 'self',
    'GET /api/mediation/cases/:id': () => ({ url: `/api/mediation/cases/${mediation.case}` }),
    'POST /api/mediation/cases/:id/parties/:partyId/phone': () => ({ url: `/api/mediation/cases/${mediation.case}/parties/${mediation.party}/phone` }),
    'POST /api/mediation/cases/:id/declarations': () => ({ url: `/api/mediation/cases/${mediation.case}/declarations`, body: { mediatorId: mediation.mediator, conflict: false, statement: '越权声明内容' } }),
    'POST /api/mediation/cases/:id/assign': () => ({ url: `/api/mediation/cases/${mediation.case}/assign`, body: { mediatorId: mediation.mediator } }),
    'GET /api/mediation/cases/:id/candidates': () => ({ url: `/api/mediation/cases/${mediation.case}/candidates` }),
    'POST /api/mediation/cases/:id/reassign': () => ({ url: `/api/mediation/cases/${mediation.case}/reassign`, body: { fromMediatorId: mediation.mediator, toMediatorId: mediation.mediator + 1, reason: '越权撤换' } }),
    'POST /api/mediation/cases/:id/unassign': () => ({ url: `/api/mediation/cases/${mediation.case}/unassign`, body: { mediatorId: mediation.mediator, reason: '越权撤回' } }),
    'POST /api/mediation/cases/:id/sessions': () => ({ url: `/api/mediation/cases/${mediation.case}/sessions`, body: { heldOn: '2026-01-05', place: '越权', attendees: '越权', notes: '越权' } }),
    'PUT /api/mediation/cases/:id/agreement': () => ({ url: `/api/mediation/cases/${mediation.case}/agreement`, body: { terms: ['越权'], performance: '越权' } }),
    'GET /api/mediation/cases/:id/agreement.pdf': () => ({ url: `/api/mediation/cases/${mediation.case}/agreement.pdf` }),
    'POST /api/mediation/cases/:id/start': () => ({ url: `/api/mediation/cases/${mediation.case}/start` }),
    'POST /api/mediation/cases/:id/agree': () => ({ url: `/api/mediation/cases/${mediation.case}/agree` }),
    'POST /api/mediation/cases/:id/fail': () => ({ url: `/api/mediation/cases/${mediation.case}/fail`, body: { referral: 'court' } }),
    'POST /api/mediation/cases/:id/visit': () => ({ url: `/api/mediation/cases/${mediation.case}/visit`, body: { visitOn: '2026-01-05', outcome: '越权' } }),
    'POST /api/mediation/cases/:id/close': () => ({ url: `/api/mediation/cases/${mediation.case}/close` }),
    'POST /api/mediation/cases/:id/withdraw': () => ({ url: `/api/mediation/cases/${mediation.case}/withdraw` }),
    'GET /api/mediation/stats': () => ({ url: `/api/mediation/stats?unitId=${A}` }),
    // Hazard reports of village A: a reported hazard with a photo. Reporting is the one thing a
    // resident may do (in their own village A, listed below); one's own reports, a hazard's page,
    // its photos and recording a fix need a session (hazards.test.ts walks who sees and does what).
    'POST /api/hazards': () => ({ url: '/api/hazards', body: { unitId: A, category: 'other', place: '东庄村村口', description: '授权测试隐患' } }),
    'GET /api/hazards': () => ({ url: `/api/hazards?unitId=${A}` }),
    'GET /api/hazards/mine': 'self',
    'GET /api/hazards/places': 'self',
    'GET /api/hazards/stats': () => ({ url: `/api/hazards/stats?unitId=${A}` }),
    'GET /api/hazards/:id': () => ({ url: `/api/hazards/${hazards.id}` }),
    'GET /api/hazards/:id/assignees': () => ({ url: `/api/hazards/${hazards.id}/assignees` }),
    'POST /api/hazards/:id/assign': () => ({ url: `/api/hazards/${hazards.id}/assign`, body: { assigneeId: w.users.secretaryA.id } }),
    'POST /api/hazards/:id/fix': () => ({ url: `/api/hazards/${hazards.id}/fix`, body: { note: '越权' } }),
    'POST /api/hazards/:id/verify': () => ({ url: `/api/hazards/${hazards.id}/verify`, body: { note: '越权' } }),
    'POST /api/hazards/:id/reopen': () => ({ url: `/api/hazards/${hazards.id}/reopen`, body: { reason: '越权操作' } }),
    'POST /api/hazards/:id/reject': () => ({ url: `/api/hazards/${hazards.id}/reject`, body: { reason: '越权操作' } }),
    'POST /api/hazards/:id/raise': () => ({ url: `/api/hazards/${hazards.id}/raise`, body: { note: '越权' } }),
    'POST /api/hazards/:id/photos': () => ({ url: `/api/hazards/${hazards.id}/photos`, upload: PNG }),
    'GET /api/hazards/:id/photos/:photoId': () => ({ url: `/api/hazards/${hazards.id}/photos/${hazards.photo}` }),
    // Help requests of village A: one filed by its secretary, with a photo. Asking for help is the
    // one thing a resident may do (in their own village A, listed below); one's own requests, a
    // request's page and photos, confirming and reopening need a session (help.test.ts walks who
    // sees and does what); serving needs a member record.
    'POST /api/help/requests': () => ({ url: '/api/help/requests', body: { unitId: A, category: 'repair', description: '授权测试求助', place: '东庄村村口', phone: '13900000000' } }),
    'GET /api/help/requests/mine': 'self',
    'GET /api/help/places/mine': 'self',
    'GET /api/help/requests': () => ({ url: `/api/help/requests?unitId=${A}` }),
    'GET /api/help/requests/:id': () => ({ url: `/api/help/requests/${help.id}` }),
    'POST /api/help/requests/:id/photos': () => ({ url: `/api/help/requests/${help.id}/photos`, upload: PNG }),
    'GET /api/help/requests/:id/photos/:photoId': () => ({ url: `/api/help/requests/${help.id}/photos/${help.photo}` }),
    'POST /api/help/requests/:id/confirm': () => ({ url: `/api/help/requests/${help.id}/confirm`, body: { rating: 5 } }),
    'POST /api/help/requests/:id/reopen': () => ({ url: `/api/help/requests/${help.id}/reopen`, body: { reason: '越权操作' } }),
    'GET /api/help/queue': () => ({ url: '/api/help/queue' }),
    'POST /api/help/requests/:id/accept': () => ({ url: `/api/help/requests/${help.id}/accept` }),
    'POST /api/help/requests/:id/start': () => ({ url: `/api/help/requests/${help.id}/start` }),
    'POST /api/help/requests/:id/resolve': () => ({ url: `/api/help/requests/${help.id}/resolve`, body: { note: '越权' } }),
    'POST /api/help/requests/:id/close': () => ({ url: `/api/help/requests/${help.id}/close`, body: { reason: '越权操作' } }),
    'GET /api/help/residence': () => ({ url: '/api/help/residence' }),
    'POST /api/help/residence': () => ({ url: '/api/help/residence', body: { unitId: A, specialties: ['电工'] } }),
    'POST /api/help/residence/end': () => ({ url: '/api/help/residence/end' }),
    'GET /api/help/places': () => ({ url: `/api/help/places?q=${encodeURIComponent('东庄')}` }),
    'GET /api/help/residents': () => ({ url: `/api/help/residents?unitId=${A}` }),
    'GET /api/imports/households/template': () => ({ url: '/api/imports/households/template' }),
    'POST /api/imports/households': () => ({ url: '/api/imports/households?dryRun=1', upload: workbookWithRows(['所在网格', '地址', '户主'], [['C01A', '东庄村越权 1 号', '某']]) }),
    // Deliberation hall: a topic of village A being voted on with a member's comment, and a decided
    // one with a follow-up action. Residents of village A raise, read, comment, report and vote
    // there (listed below); the places one may raise a topic at and the report threshold need only
    // a session; setting the threshold needs a system-wide grant.
    'GET /api/deliberation/places': 'self',
    'GET /api/deliberation/settings': 'self',
    'GET /api/deliberation/topics': () => ({ url: `/api/deliberation/topics?unitId=${A}` }),
    'POST /api/deliberation/topics': () => ({ url: '/api/deliberation/topics', body: { unitId: A, title: '授权测试议题', description: '授权测试', category: 'other' } }),
    'GET /api/deliberation/topics/:id': () => ({ url: `/api/deliberation/topics/${deliberation.voting}` }),
    'PATCH /api/deliberation/topics/:id': () => ({ url: `/api/deliberation/topics/${deliberation.voting}`, body: { title: '越权修改的标题' } }),
    'POST /api/deliberation/topics/:id/photos': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/photos`, upload: PNG }),
    'GET /api/deliberation/topics/:id/photos/:photoId': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/photos/${deliberation.photo}` }),
    'DELETE /api/deliberation/topics/:id/photos/:photoId': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/photos/${deliberation.photo}` }),
    'GET /api/deliberation/topics/:id/comments': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/comments` }),
    'POST /api/deliberation/topics/:id/comments': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/comments`, body: { body: '授权测试评论' } }),
    'POST /api/deliberation/comments/:id/report': () => ({ url: `/api/deliberation/comments/${deliberation.comment}/report`, body: { reason: '授权测试' } }),
    'POST /api/deliberation/comments/:id/hide': () => ({ url: `/api/deliberation/comments/${deliberation.comment}/hide`, body: { reason: '越权' } }),
    'POST /api/deliberation/comments/:id/restore': () => ({ url: `/api/deliberation/comments/${deliberation.comment}/restore`, body: { reason: '越权' } }),
    'PUT /api/deliberation/topics/:id/ballot': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/ballot`, body: { option: 0 } }),
    'POST /api/deliberation/topics/:id/council': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/council`, body: { scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: '越权', attendees: [] } }),
    'PATCH /api/deliberation/topics/:id/council': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/council`, body: { minutes: '越权纪要' } }),
    'GET /api/deliberation/topics/:id/council/candidates': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/council/candidates` }),
    'POST /api/deliberation/topics/:id/vote': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/vote`, body: { closesAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    'POST /api/deliberation/topics/:id/vote/close': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/vote/close` }),
    'POST /api/deliberation/topics/:id/decide': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/decide`, body: { decision: '越权决定' } }),
    'POST /api/deliberation/topics/:id/start': () => ({ url: `/api/deliberation/topics/${deliberation.decided}/start` }),
    'POST /api/deliberation/topics/:id/complete': () => ({ url: `/api/deliberation/topics/${deliberation.decided}/complete` }),
    'POST /api/deliberation/topics/:id/reject': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/reject`, body: { reason: '越权' } }),
    'POST /api/deliberation/topics/:id/close': () => ({ url: `/api/deliberation/topics/${deliberation.voting}/close`, body: { reason: '越权' } }),
    'POST /api/deliberation/topics/:id/actions': () => ({ url: `/api/deliberation/topics/${deliberation.decided}/actions`, body: { title: '越权事项', responsiblePerson: '某' } }),
    'PATCH /api/deliberation/actions/:id': () => ({ url: `/api/deliberation/actions/${deliberation.action}`, body: { status: 'done' } }),
    'PUT /api/deliberation/settings': () => ({ url: '/api/deliberation/settings', body: { hideAfterReports: 1 } }),
    // Open311 client applications: installation-wide, for the system administrator only.
    'GET /api/open311/clients': () => ({ url: '/api/open311/clients' }),
    'POST /api/open311/clients': () => ({ url: '/api/open311/clients', body: { name: '越权客户端', contact: '越权' } }),
    'POST /api/open311/clients/:id/revoke': () => ({ url: `/api/open311/clients/${open311.client}/revoke` }),
  };
  function memberRoll() {
    return workbookWithRows(['姓名', '性别', '出生日期', '身份证号', '入党日期', '党员状态', '所在支部'], [['赵六', '男', '1980-01-01', String(person({ gender: 'male', birthDate: '1980-01-01' }).idNumber), '2005-01-01', '正式党员', 'C01A1']]);
  }
  function unitRoll() {
    return workbookWithRows(['组织编码', '组织名称', '组织类型', '上级组织编码'], [['C01A9', '新党小组', '党小组', 'C01A1']]);
  }
}
const grantIds = { secretaryA: 0 };
/** Points records of village A, made before the walk: a rule, an entry, a claim, a task and its claim, an item and an order. */
const points = { rule: 0, entry: 0, claim: 0, task: 0, taskClaim: 0, item: 0, order: 0 };
/** Notice and results of village A: a campaign in notice with an open objection, a closed commendation campaign and its commendation. */
const notice = { campaign: 0, objection: 0, closed: 0, commendation: 0 };
/** Campaigns of village A: an open commendation campaign. */
const campaigns = { open: 0 };
/** Warnings: one issued by village A for village A. */
const warnings = { id: 0, message: 0 };
const CAP_ALERT = readFileSync(new URL('./fixtures/cap/oasis-example1-hsas.xml', import.meta.url), 'utf8');

/** Outbound notifications of village A: a switched-off webhook channel and a dead delivery of it. */
const outbound = { channel: 0, delivery: 0 };

/** Field reports of village A (households, evacuation, alarms, recovery), made before the walk. */
const field = { warning: 0, household: 0, person: 0, shelter: 0, alarm: 0, photo: 0, outage: 0 };
/** Deliberation in village A: a topic being voted on with a member's comment, a decided topic with an action. */
const deliberation = { voting: 0, photo: 0, comment: 0, decided: 0, action: 0 };
/** Hazard reports of village A: a reported hazard with a photo. */
const hazards = { id: 0, photo: 0 };
/** Help requests of village A: one filed by its secretary, with a photo. */
const help = { id: 0, photo: 0 };
/** Open311: a client application in use, registered by the system administrator. */
const open311 = { client: 0 };
/** Mediation in village A: a mediator of its pool, a case registered there and one of its parties. */
const mediation = { mediator: 0, case: 0, party: 0 };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
/** The routes a resident of village A may legitimately use, aimed at village A, and their answer. */
const RESIDENT_MAY: Record<string, number> = {
  'POST /api/alarms': 201,
  'POST /api/hazards': 201,
  'POST /api/help/requests': 201,
  'GET /api/deliberation/topics': 200,
  'POST /api/deliberation/topics': 201,
  'GET /api/deliberation/topics/:id': 200,
  // Open to residents for the topics they raised; this one is a member's, so the resident is told it is not theirs.
  'PATCH /api/deliberation/topics/:id': 403,
  // Likewise its photos: the resident sees them, and is told they are not theirs to change.
  'POST /api/deliberation/topics/:id/photos': 403,
  'GET /api/deliberation/topics/:id/photos/:photoId': 200,
  'DELETE /api/deliberation/topics/:id/photos/:photoId': 403,
  'GET /api/deliberation/topics/:id/comments': 200,
  'POST /api/deliberation/topics/:id/comments': 201,
  'POST /api/deliberation/comments/:id/report': 201,
  'PUT /api/deliberation/topics/:id/ballot': 200,
};

describe.each(DATABASES)('authorization of every route (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const g = await env.deps.database.db.selectFrom('role_grant').select('id').where('user_id', '=', w.users.secretaryA.id).executeTakeFirstOrThrow();
    grantIds.secretaryA = g.id;
    await env.deps.database.db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    const A = w.units.villageA;
    await w.as.secretaryA.post('/api/points/rules/adopt', { unitId: A });
    const rules = (await w.as.secretaryA.get(`/api/points/rules?unitId=${A}`)).json().items as Array<{ id: number; code: string }>;
    points.rule = rules.find((r) => r.code === 'JC02')!.id;
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    points.entry = (await w.as.secretaryA.post('/api/points/entries', { memberId: w.members.a, ruleId: rules.find((r) => r.code === 'JC03')!.id, occurredOn: day, reason: '主题党日' })).json().id;
    points.claim = (await w.as.memberA.post('/api/points/claims', { ruleId: points.rule, occurredOn: day, remark: '党小组会' })).json().id;
    points.task = (await w.as.secretaryA.post('/api/points/tasks', { unitId: A, title: '探望老人', points: 2, capacity: 3 })).json().id;
    points.taskClaim = (await w.as.memberA.post(`/api/points/tasks/${points.task}/claim`)).json().id;
    await w.as.memberA.post(`/api/points/task-claims/${points.taskClaim}/report`, { report: '已探望' });
    points.item = (await w.as.secretaryA.post('/api/points/shop/items', { unitId: A, name: '毛巾', price: 1, stock: 5 })).json().id;
    points.order = (await w.as.memberA.post('/api/points/shop/orders', { itemId: points.item })).json().id;
    for (const [k, v] of Object.entries(points)) if (!v) throw new Error(`authorization fixture ${k} was not created`);
    Object.assign(notice, await noticeFixtures(env, w));
    campaigns.open = (await w.as.secretaryA.post('/api/campaigns', { unitId: A, kind: 'commendation', period: '2026', title: '东庄村评选表彰' })).json().id;
    if (!campaigns.open) throw new Error('authorization fixture campaigns.open was not created');
    warnings.id = (await w.as.secretaryA.post('/api/warnings', { unitId: A, hazard: 'landslide', level: 'orange', description: '东庄村后山出现裂缝', areaUnitIds: [A] })).json().id;
    if (!warnings.id) throw new Error('authorization fixture warnings.id was not created');
    warnings.message = (await env.deps.database.db.selectFrom('warning_message').select('id').where('warning_id', '=', warnings.id).executeTakeFirstOrThrow()).id;
    await w.as.secretaryA.post(`/api/warnings/${warnings.id}/units/${A}/ack`);
    outbound.channel = (await w.as.countyAdmin.post('/api/channels', { unitId: A, kind: 'webhook', name: '东庄村大喇叭', events: ['warning.issued'], enabled: false, config: { url: 'https://example.cn/hook', secret: '0123456789abcdef0123' } })).json().id;
    if (!outbound.channel) throw new Error('authorization fixture outbound.channel was not created');
    outbound.delivery = (await env.deps.database.db.insertInto('delivery').values({ channel_id: outbound.channel, event_kind: 'warning.issued', payload: '{}', dedupe_key: 'auth-fixture', status: 'dead', attempts: 6, next_attempt_at: new Date().toISOString(), locked_until: null, last_error: 'HTTP 500', created_at: new Date().toISOString(), sent_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    Object.assign(field, await fieldFixtures(w));
    Object.assign(mediation, await mediationFixtures(w));
    Object.assign(hazards, await hazardFixtures(w));
    Object.assign(help, await helpFixtures(w));
    Object.assign(deliberation, await deliberationFixtures(w));
    open311.client = (await w.as.admin.post('/api/open311/clients', { name: '授权测试客户端', contact: '测试' })).json().client?.id;
    if (!open311.client) throw new Error('authorization fixture open311.client was not created');
  });
  afterAll(() => env?.close());

  const send = (client: ReturnType<typeof anonymous>, method: string, p: Probe) =>
    p.upload ? client.upload(p.url, 'roll.csv', p.upload) : client.request(method, p.url, p.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));

  it('has a probe for every route that is not public', () => {
    const table = probes(w);
    const missing = env.app.xfRoutes.filter((r) => r.access !== 'public' && !(`${r.method} ${r.url}` in table)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('only health, meta, login, the public pioneer board, notices, objections and honor roll are public', () => {
    const pub = env.app.xfRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(pub.sort()).toEqual(['GET /api/health', 'GET /api/meta', 'GET /api/public/board', 'GET /api/public/deliberation', 'GET /api/public/deliberation/topics/:id/photos/:photoId', 'GET /api/public/help/requests/:receipt', 'GET /api/public/help/villages/:code', 'GET /api/public/help/villages/:code/stats', 'GET /api/public/honor-roll', 'GET /api/public/notices', 'GET /api/public/notices/:id', 'GET /api/public/objections/:receipt', 'GET /open311/discovery.json', 'GET /open311/discovery.xml', 'GET /open311/v2/requests.json', 'GET /open311/v2/requests.xml', 'GET /open311/v2/requests/:id', 'GET /open311/v2/services.json', 'GET /open311/v2/services.xml', 'GET /open311/v2/services/:id', 'POST /api/auth/login', 'POST /api/public/help/requests/:receipt/confirm', 'POST /api/public/help/requests/:receipt/photos', 'POST /api/public/help/requests/:receipt/reopen', 'POST /api/public/help/villages/:code/requests', 'POST /api/public/objections', 'POST /open311/v2/requests.json', 'POST /open311/v2/requests.xml']);
  });

  it('refuses an anonymous caller on every non-public route with 401', async () => {
    const anon = anonymous(env.app);
    const table = probes(w);
    for (const r of env.app.xfRoutes.filter((r) => r.access !== 'public')) {
      const entry = table[`${r.method} ${r.url}`];
      const probe = entry === 'self' ? { url: r.url } : entry();
      const res = await send(anon, r.method, probe);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('error.unauthenticated');
    }
  });

  it('refuses a resident on every route that needs a permission', async () => {
    const table = probes(w);
    for (const r of env.app.xfRoutes.filter((r) => r.access !== 'public' && r.access !== 'session')) {
      const res = await send(w.as.resident, r.method, (table[`${r.method} ${r.url}`] as () => Probe)());
      if (roleHas('resident', r.access as Permission)) {
        // A permission residents hold (raising the alarm where they live): allowed in village A, and listed.
        expect(RESIDENT_MAY, `${r.method} ${r.url} is open to residents`).toHaveProperty([`${r.method} ${r.url}`]);
        expect(res.statusCode, `${r.method} ${r.url} → ${res.body}`).toBe(RESIDENT_MAY[`${r.method} ${r.url}`]);
        continue;
      }
      expect(res.statusCode, `${r.method} ${r.url} → ${res.body}`).toBe(403);
    }
  });

  it('refuses the neighbouring village’s administrator on every route aimed at village A', async () => {
    const table = probes(w);
    for (const r of env.app.xfRoutes.filter((r) => r.access !== 'public' && r.access !== 'session')) {
      const probe = (table[`${r.method} ${r.url}`] as () => Probe)();
      const res = await send(w.as.adminB, r.method, probe);
      if (r.method === 'GET' && (r.url === '/api/units/roots' || r.url === '/api/units' || r.url.endsWith('/template') || r.url === '/api/points/task-claims' || r.url === '/api/warnings' || r.url === '/api/warnings/settings')) {
        // Scope-wide reads answer with the caller's own scope: nothing of village A may appear.
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('东庄');
        expect(res.body).not.toContain('探望老人');
        continue;
      }
      if (r.method === 'POST' && r.url.startsWith('/api/imports/')) {
        // An import aimed at village A: the unit is unknown to B's administrator, nothing written.
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(200);
        expect(res.json().ok).toBe(false);
        continue;
      }
      expect([403, 404], `${r.method} ${r.url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    }
    // And nothing changed in village A.
    const member = await w.as.admin.get(`/api/members/${w.members.a}`);
    expect(member.json().unit.id).toBe(w.units.branchA);
    expect(member.json().occupation).toBe('教师');
    const unit = await w.as.admin.get(`/api/units/${w.units.villageA}`);
    expect(unit.json().name).toBe('东庄村');
  });

  it('gives the same answer for a member outside scope and one that does not exist', async () => {
    const outside = await w.as.secretaryB.get(`/api/members/${w.members.a}`);
    const missing = await w.as.secretaryB.get('/api/members/999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
  });

  it('a village secretary never sees the neighbouring village’s members in a scope-wide list', async () => {
    const res = await w.as.secretaryB.get('/api/members?pageSize=100');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((m: { name: string }) => m.name);
    expect(names).toContain('李四');
    expect(names).not.toContain('张三');
  });
});

/** Direct inserts: the campaign pipeline is not under test here, only who may reach these records. */
async function noticeFixtures(env: TestEnv, w: World) {
  const db = env.deps.database.db;
  const now = new Date().toISOString();
  const campaign = (status: string, kind: string) =>
    db.insertInto('campaign').values({ unit_id: w.units.villageA, kind, period: '2026', title: '东庄村评选', status, notice_days: 5, notice_start: '2026-01-05', notice_end: '2099-12-31', self_evaluation_due: null, branch_recommendation_due: null, committee_review_due: null, leading_group_due: null, created_by: null, created_at: now, closed_at: status === 'closed' ? now : null }).returning('id').executeTakeFirstOrThrow();
  const candidate = (campaignId: number, category: string, state: string) =>
    db.insertInto('candidate').values({ campaign_id: campaignId, category, member_id: w.members.a, subject_unit_id: null, subject_key: `m:${w.members.a}`, home_unit_id: w.units.branchA, state, nomination: '', stars_computed: '', stars_claimed: '', stars_recommended: '', stars_decided: '', vote_eligible: null, vote_present: null, vote_in_favour: null, vote_against: null, vote_abstain: null, meeting_on: null, created_by: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const inNotice = await campaign('notice', 'five_star');
  const candidateInNotice = await candidate(inNotice.id, 'five_star', 'public_notice');
  const objection = await db.insertInto('objection').values({ campaign_id: inNotice.id, candidate_id: candidateInNotice.id, receipt_code: 'AUTH234567', content: '授权测试的异议内容', contact_name: null, contact_phone_enc: null, anonymous: 1, state: 'open', outcome: null, reply: null, handled_by: null, handled_at: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
  const closed = await campaign('closed', 'commendation');
  const final = await candidate(closed.id, 'outstanding_member', 'final');
  const commendation = await db.insertInto('commendation').values({ campaign_id: closed.id, candidate_id: final.id, category: 'outstanding_member', member_id: w.members.a, subject_unit_id: null, certificate_no: '2026-AUTH-001', awarded_at: now }).returning('id').executeTakeFirstOrThrow();
  return { campaign: inNotice.id, objection: objection.id, closed: closed.id, commendation: commendation.id };
}

/** Village A's field reports, through the API as village A's secretary. */
async function mediationFixtures(w: World) {
  const A = w.units.villageA;
  const mediator = await w.as.secretaryA.post('/api/mediation/mediators', { unitId: A, memberId: w.members.a, areaUnitIds: [A] });
  if (mediator.statusCode !== 201) throw new Error(`authorization fixture mediation.mediator: ${mediator.statusCode} ${mediator.body}`);
  const c = await w.as.secretaryA.post('/api/mediation/cases', { unitId: A, type: 'land', summary: '授权测试的土地纠纷', parties: [{ role: 'applicant', name: '赵甲', phone: '13900001111' }, { role: 'respondent', name: '钱乙' }] });
  if (c.statusCode !== 201) throw new Error(`authorization fixture mediation.case: ${c.statusCode} ${c.body}`);
  return { mediator: mediator.json().id as number, case: c.json().id as number, party: c.json().parties[0].id as number };
}

async function fieldFixtures(w: World) {
  const A = w.units.villageA;
  const as = w.as.secretaryA;
  const made = (what: string, res: { statusCode: number; body: string; json(): { id: number } }) => {
    if (res.statusCode !== 201) throw new Error(`authorization fixture ${what}: ${res.statusCode} ${res.body}`);
    return res.json().id;
  };
  const warning = made('field.warning', await as.post('/api/warnings', { unitId: A, hazard: 'flood', level: 'orange', description: '东庄河水位上涨', areaUnitIds: [A] }));
  const household = made('field.household', await as.post('/api/households', { unitId: A, address: '东庄村一组 1 号', headName: '王大爷', people: 2 }));
  const person = made('field.person', await as.post(`/api/households/${household}/people`, { name: '王大爷', category: 'elderly_alone', reason: '独居' }));
  const shelter = made('field.shelter', await as.post('/api/shelters', { unitId: A, name: '东庄小学', capacity: 40 }));
  const alarm = made('field.alarm', await as.post('/api/alarms', { unitId: A, kind: 'landslide_sign', place: '东庄村后山', description: '后山出现裂缝' }));
  const photo = made('field.photo', await as.upload(`/api/alarms/${alarm}/photos`, 'crack.png', PNG));
  const outage = made('field.outage', await as.post('/api/outages', { unitId: A, kind: 'power', startedAt: new Date(Date.now() - 7_200_000).toISOString() }));
  return { warning, household, person, shelter, alarm, photo, outage };
}

/** Village A's deliberation, through the API: the member raises and comments, the secretary runs it. */
async function deliberationFixtures(w: World) {
  const A = w.units.villageA;
  const as = w.as.secretaryA;
  const ok = (what: string, res: { statusCode: number; body: string; json(): { id: number } }) => {
    if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`authorization fixture ${what}: ${res.statusCode} ${res.body}`);
    return res.json().id;
  };
  const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  let photo = 0;
  const topic = async (title: string) => {
    const id = ok(`deliberation ${title}`, await w.as.memberA.post('/api/deliberation/topics', { unitId: A, title, description: '授权测试用议题', category: 'other' }));
    photo ||= ok('deliberation photo', await w.as.memberA.upload(`/api/deliberation/topics/${id}/photos`, 'bridge.png', PNG));
    ok('deliberation council', await as.post(`/api/deliberation/topics/${id}/council`, { scheduledAt: later(1), place: '村委会', attendees: [] }));
    ok('deliberation vote', await as.post(`/api/deliberation/topics/${id}/vote`, { closesAt: later(7) }));
    return id;
  };
  const voting = await topic('东庄村停车管理');
  const comment = ok('deliberation comment', await w.as.memberA.post(`/api/deliberation/topics/${voting}/comments`, { body: '建议划线停车' }));
  const decided = await topic('东庄村垃圾分类');
  ok('deliberation close vote', await as.post(`/api/deliberation/topics/${decided}/vote/close`));
  ok('deliberation decide', await as.post(`/api/deliberation/topics/${decided}/decide`, { decision: '推行垃圾分类' }));
  const action = ok('deliberation action', await as.post(`/api/deliberation/topics/${decided}/actions`, { title: '设置分类垃圾桶', responsiblePerson: '村委会' }));
  return { voting, photo, comment, decided, action };
}

/** Village A's hazard report with a photo, through the API as village A's secretary. */
async function hazardFixtures(w: World) {
  const res = await w.as.secretaryA.post('/api/hazards', { unitId: w.units.villageA, category: 'blocked_drain', place: '东庄村东沟', description: '排水沟堵塞' });
  if (res.statusCode !== 201) throw new Error(`authorization fixture hazards.id: ${res.statusCode} ${res.body}`);
  const id = res.json().id as number;
  const photo = await w.as.secretaryA.upload(`/api/hazards/${id}/photos`, 'drain.png', PNG);
  if (photo.statusCode !== 201) throw new Error(`authorization fixture hazards.photo: ${photo.statusCode} ${photo.body}`);
  return { id, photo: photo.json().id as number };
}

/** Village A's help request with a photo, through the API as village A's secretary. */
async function helpFixtures(w: World) {
  const res = await w.as.secretaryA.post('/api/help/requests', { unitId: w.units.villageA, category: 'repair', description: '路灯不亮了', place: '东庄村村口', phone: '13900000001' });
  if (res.statusCode !== 201) throw new Error(`authorization fixture help.id: ${res.statusCode} ${res.body}`);
  const id = res.json().id as number;
  const photo = await w.as.secretaryA.upload(`/api/help/requests/${id}/photos`, 'lamp.png', PNG);
  if (photo.statusCode !== 201) throw new Error(`authorization fixture help.photo: ${photo.statusCode} ${photo.body}`);
  return { id, photo: photo.json().id as number };
}
