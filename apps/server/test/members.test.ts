import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '@xianfeng/domain';
import { DATABASES, startTestEnv, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';
import * as memberRepo from '../src/modules/members/repo.ts';

describe.each(DATABASES)('member registry (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
  });
  afterAll(() => env?.close());

  it('a secretary registers a member; ID number and phone are masked on screen and encrypted at rest', async () => {
    const input = person({ name: '王芳', mobile: '13800138000' });
    const res = await w.as.secretaryA.post('/api/members', { unitId: w.units.branchA, ...input });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m.idNumber).toBe(`${input.idNumber.slice(0, 4)}**********${input.idNumber.slice(-4)}`);
    expect(m.mobile).toBe('138****8000');
    expect(m.canUnmask).toBe(false);
    const row = await env.deps.database.db.selectFrom('member').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(input.idNumber);
    expect(JSON.stringify(row)).not.toContain('13800138000');
    expect(env.deps.cipher.decrypt(row.id_number_enc)).toBe(input.idNumber);
  });

  it('finds 王芳 by part of the name and by pinyin initials', async () => {
    for (const q of ['王', '芳', 'wf', 'WF', 'wangf']) {
      const res = await w.as.secretaryA.get(`/api/members?q=${encodeURIComponent(q)}`);
      expect(res.json().items.map((m: { name: string }) => m.name), q).toContain('王芳');
    }
    const none = await w.as.secretaryA.get(`/api/members?q=${encodeURIComponent('zs%')}`);
    expect(none.json().items).toEqual([]);
  });

  it('filters by status and specialty and pages', async () => {
    await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name: '赵预备', status: 'probationary', fullMemberDate: null, joinDate: '2026-01-10', specialties: ['矛盾调解'] }) });
    const prob = await w.as.admin.get(`/api/members?unitId=${w.units.villageA}&status=probationary`);
    expect(prob.json().items.map((m: { name: string }) => m.name)).toEqual(['赵预备']);
    const spec = await w.as.admin.get(`/api/members?unitId=${w.units.villageA}&specialty=${encodeURIComponent('矛盾调解')}`);
    expect(spec.json().total).toBe(1);
    const page = await w.as.admin.get(`/api/members?unitId=${w.units.county}&pageSize=1&page=2`);
    expect(page.json()).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.json().items).toHaveLength(1);
    expect(page.json().total).toBeGreaterThanOrEqual(3);
    const tooBig = await w.as.admin.get('/api/members?pageSize=500');
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.details[0].field).toBe('pageSize');
  });

  it('refuses a wrong ID checksum, a birth date that disagrees with it, and joining before 18', async () => {
    const good = person({ birthDate: '1990-05-20', gender: 'male' });
    const badChecksum = good.idNumber.slice(0, 17) + (good.idNumber.endsWith('1') ? '2' : '1');
    const r1 = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...good, idNumber: badChecksum });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.details).toContainEqual(expect.objectContaining({ field: 'idNumber', code: 'id.checksum' }));
    const r2 = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...good, birthDate: '1990-05-21' });
    expect(r2.json().error.details).toContainEqual(expect.objectContaining({ field: 'birthDate', code: 'id.birthdate_mismatch' }));
    const r3 = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...good, joinDate: '2007-01-01' });
    expect(r3.json().error.details).toContainEqual(expect.objectContaining({ field: 'joinDate', code: 'member.join_too_young' }));
    expect(r3.json().error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses an ID number already in the registry with 409', async () => {
    const p = person();
    expect((await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...p })).statusCode).toBe(201);
    const again = await w.as.admin.post('/api/members', { unitId: w.units.branchB, ...p, name: '另一人' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].field).toBe('idNumber');
  });

  it('edits a member and records before and after in the audit log, never the plain ID number', async () => {
    const res = await w.as.secretaryA.patch(`/api/members/${w.members.a}`, { occupation: '农民', mobile: '13912345678' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ occupation: '农民', mobile: '139****5678' });
    const log = await w.as.admin.get(`/api/audit?entityType=member&entityId=${w.members.a}&action=member.update`);
    const entry = log.json().items[0];
    expect(entry.before).toMatchObject({ occupation: '教师', mobile_masked: '138****8000' });
    expect(entry.after).toMatchObject({ occupation: '农民', mobile_masked: '139****5678' });
    expect(JSON.stringify(log.json())).not.toContain('13912345678');
    // Leaving the mobile out keeps it; null removes it.
    expect((await w.as.secretaryA.patch(`/api/members/${w.members.a}`, { occupation: '教师' })).json().mobile).toBe('139****5678');
    expect((await w.as.secretaryA.patch(`/api/members/${w.members.a}`, { mobile: null })).json().mobile).toBeNull();
    expect((await w.as.secretaryA.patch(`/api/members/${w.members.a}`, { mobile: '13912345678' })).json().mobile).toBe('139****5678');
  });

  it('transfers a member to another unit and keeps the history; counts follow', async () => {
    const m = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name: '钱转' }) });
    const id = m.json().id;
    const before = (await w.as.admin.get(`/api/units/${w.units.villageB}`)).json().memberCount;
    const res = await w.as.countyAdmin.post(`/api/members/${id}/transfer`, { toUnitId: w.units.branchB, reason: '工作调动' });
    expect(res.statusCode).toBe(200);
    expect(res.json().unit.id).toBe(w.units.branchB);
    expect(res.json().transfers[0]).toMatchObject({ fromUnit: { id: w.units.branchA }, toUnit: { id: w.units.branchB }, reason: '工作调动' });
    expect((await w.as.admin.get(`/api/units/${w.units.villageB}`)).json().memberCount).toBe(before + 1);
    // The sending village's secretary no longer sees the member; the receiving one does.
    expect((await w.as.secretaryA.get(`/api/members/${id}`)).statusCode).toBe(404);
    expect((await w.as.secretaryB.get(`/api/members/${id}`)).statusCode).toBe(200);
    const same = await w.as.countyAdmin.post(`/api/members/${id}/transfer`, { toUnitId: w.units.branchB });
    expect(same.statusCode).toBe(422);
  });

  it('a village secretary cannot transfer a member into the neighbouring village', async () => {
    const res = await w.as.secretaryA.post(`/api/members/${w.members.a}/transfer`, { toUnitId: w.units.branchB });
    expect(res.statusCode).toBe(404);
  });

  it('unmasking is a separate permission, and every unmasking is audited', async () => {
    const denied = await w.as.secretaryA.post(`/api/members/${w.members.a}/unmask`, { field: 'idNumber' });
    expect(denied.statusCode).toBe(403);
    const res = await w.as.countyAdmin.post(`/api/members/${w.members.a}/unmask`, { field: 'idNumber' });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toMatch(/^\d{17}[\dX]$/);
    const log = await w.as.admin.get(`/api/audit?action=member.unmask&entityId=${w.members.a}`);
    expect(log.json().items[0]).toMatchObject({ actorName: w.users.countyAdmin.username, after: { field: 'idNumber' } });
  });

  it('reads the same page whether it drives from the scope or checks each row against it', async () => {
    const { db, dialect } = env.deps.database;
    const units = db.selectFrom('unit_closure').select('unit_closure.descendant_id').where('unit_closure.ancestor_id', '=', w.units.county);
    for (const extra of [{}, { q: 'wf' }, { q: '王' }, { status: 'full' }, { specialty: '电工' }]) {
      const drive = await memberRepo.listPage(db, dialect, { units, plan: 'drive', ...extra }, 1, 50);
      const check = await memberRepo.listPage(db, dialect, { units, plan: 'check', ...extra }, 1, 50);
      expect(check.map((m) => m.id), JSON.stringify(extra)).toEqual(drive.map((m) => m.id));
      expect(await memberRepo.countFiltered(db, dialect, { units, plan: 'check', ...extra })).toBe(drive.length);
      const searched = await memberRepo.searchPage(db, dialect, { units, plan: 'check', ...extra }, 1, 50);
      expect(searched.rows.map((m) => m.id)).toEqual(drive.map((m) => m.id));
      expect(searched.total).toBe(drive.length);
      // The county is the whole tree here: leaving the unit condition out must change nothing.
      const whole = await memberRepo.searchPage(db, dialect, { units, plan: 'check', wholeTree: true, ...extra }, 1, 50);
      expect(whole.rows.map((m) => m.id)).toEqual(drive.map((m) => m.id));
    }
  });

  it('a search matching more than it counts pages through the matches in the same order, and says so', async () => {
    const { db, dialect } = env.deps.database;
    const units = db.selectFrom('unit_closure').select('unit_closure.descendant_id').where('unit_closure.ancestor_id', '=', w.units.county);
    for (const name of ['王一', '王二', '王三', '王小芳']) await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name }) });
    for (const q of ['王', 'w', 'wang', '王芳']) {
      const all = await memberRepo.searchPage(db, dialect, { units, plan: 'check', q }, 1, 100);
      expect(all.capped).toBe(false);
      const pages = [];
      for (let page = 1; page <= all.total; page++) {
        const one = await memberRepo.searchPage(db, dialect, { units, plan: 'check', q }, page, 1, 1);
        if (all.total > 1) expect(one).toMatchObject({ total: 1, capped: true });
        pages.push(...one.rows.map((m) => m.id));
      }
      expect(pages, q).toEqual(all.rows.map((m) => m.id));
    }
  });

  it('the name search follows renames and transfers', async () => {
    const created = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name: '欧阳娜' }) });
    const id = created.json().id;
    const find = async (as: 'secretaryA' | 'secretaryB', q: string) =>
      (await w.as[as].get(`/api/members?q=${encodeURIComponent(q)}`)).json().items.map((m: { id: number }) => m.id);
    expect(await find('secretaryA', '欧阳')).toContain(id);
    await w.as.admin.patch(`/api/members/${id}`, { name: '欧阳丹' });
    expect(await find('secretaryA', '娜')).not.toContain(id);
    expect(await find('secretaryA', '丹')).toContain(id);
    expect(await find('secretaryA', 'oyd')).toContain(id);
    await w.as.countyAdmin.post(`/api/members/${id}/transfer`, { toUnitId: w.units.branchB });
    expect(await find('secretaryA', '欧阳丹')).not.toContain(id);
    expect(await find('secretaryB', '欧阳丹')).toContain(id);
  });

  it('keeps unit member counts equal to the registry', async () => {
    const db = env.deps.database.db;
    // A probationary member who becomes full moves between the two counts.
    const created = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name: '孙转正', status: 'probationary', fullMemberDate: null, joinDate: '2025-06-01' }) });
    expect(created.statusCode).toBe(201);
    const promoted = await w.as.admin.patch(`/api/members/${created.json().id}`, { status: 'full', fullMemberDate: '2026-06-01' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    const units = await db.selectFrom('unit').select(['id', 'member_count', 'full_member_count', 'subtree_member_count']).execute();
    for (const u of units) {
      const { n } = await db.selectFrom('member').select((eb) => eb.fn.countAll().as('n')).where('unit_id', '=', u.id).executeTakeFirstOrThrow();
      expect(Number(u.member_count), `unit ${u.id}`).toBe(Number(n));
      const full = await db.selectFrom('member').select((eb) => eb.fn.countAll().as('n')).where('unit_id', '=', u.id).where('status', '=', 'full').executeTakeFirstOrThrow();
      expect(Number(u.full_member_count), `full members of unit ${u.id}`).toBe(Number(full.n));
      const below = await db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', u.id))
        .executeTakeFirstOrThrow();
      expect(Number(u.subtree_member_count), `subtree of unit ${u.id}`).toBe(Number(below.n));
    }
  });

  it('accepts a lowercase x at the end of an ID number and stores it upper-case', async () => {
    let idNumber = '';
    for (let seq = 1; seq < 999 && !idNumber.endsWith('X'); seq += 2) idNumber = makeIdNumber('370783', '1979-09-09', seq, 'male');
    const res = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ gender: 'male', birthDate: '1979-09-09', idNumber: idNumber.toLowerCase() }) });
    expect(res.statusCode).toBe(201);
    const plain = await w.as.admin.post(`/api/members/${res.json().id}/unmask`, { field: 'idNumber' });
    expect(plain.json().value).toBe(idNumber);
  });
});
