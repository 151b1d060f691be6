// Photos of deliberation topics (议题配图) through the API on both databases: a resident raising a
// topic about a broken street light attaches photos, checked like an alarm's (images by their
// content, 5 MB, six per topic); whoever may correct the topic adds and removes them while they may
// — its author until someone responds, the village secretary until the vote opens — and every
// change is audited; the people of the village see them, the neighbouring village and anonymous
// callers do not; the public accountability page shows the photos of the topics it shows, and a
// topic no public page shows keeps its photos private.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, PASSWORD, anonymous, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-street-light')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-blocked-lane')]);

describe.each(DATABASES)('photos of deliberation topics (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let neighbour: Client; // a second resident of village A, who did not raise the topics
  let residentB: Client; // a resident of the neighbouring village B
  let englishResident: Client; // the author, in English
  let f: ReturnType<typeof factories>;

  const audit = (action: string, topicId: number) =>
    env.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', String(topicId)).orderBy('id').execute();
  const stored = (topicId: number) => env.deps.database.db.selectFrom('deliberation_photo').select(['id', 'mime', 'size', 'created_by']).where('topic_id', '=', topicId).orderBy('id').execute();
  const raise = async (c: Client = w.as.resident, unitId = w.units.villageA) => {
    const res = await c.post('/api/deliberation/topics', { unitId, title: '村口路灯不亮', description: '村口三盏路灯坏了一个月，晚上出行不便。', category: 'infrastructure' });
    if (res.statusCode !== 201) throw new Error(`raise: ${res.statusCode} ${res.body}`);
    return res.json().id as number;
  };
  const photosUrl = (topicId: number) => `/api/deliberation/topics/${topicId}/photos`;
  const add = (c: Client, topicId: number, data: Buffer = PNG, name = 'light.png') => c.upload(photosUrl(topicId), name, data);
  const added = async (c: Client, topicId: number, data: Buffer = PNG) => {
    const res = await add(c, topicId, data);
    if (res.statusCode !== 201) throw new Error(`add photo: ${res.statusCode} ${res.body}`);
    return res.json() as { id: number; url: string };
  };

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    f = factories(env);
    neighbour = await login(env.app, (await f.user('resident', w.units.villageA)).username);
    residentB = await login(env.app, (await f.user('resident', w.units.villageB)).username);
    englishResident = await login(env.app, w.users.resident.username, PASSWORD, 'en');
  });
  afterAll(async () => env?.close());

  it('the author adds photos to their topic; the people of the village see them on the topic and fetch them; each is audited', async () => {
    const topic = await raise();
    const first = await add(w.as.resident, topic, PNG, 'light.png');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ mime: 'image/png', size: PNG.length, url: `/api/deliberation/topics/${topic}/photos/${first.json().id}` });
    // Recognized by content, whatever the file is called.
    const second = await add(w.as.resident, topic, JPEG, 'lane.png');
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().mime).toBe('image/jpeg');

    const seen = (await w.as.memberA.get(`/api/deliberation/topics/${topic}`)).json();
    expect(seen.photos).toEqual([
      { id: first.json().id, mime: 'image/png', size: PNG.length, createdAt: expect.any(String), url: first.json().url },
      { id: second.json().id, mime: 'image/jpeg', size: JPEG.length, createdAt: expect.any(String), url: second.json().url },
    ]);
    for (const c of [w.as.memberA, neighbour, w.as.secretaryA, w.as.countyAdmin]) {
      const photo = await c.get(first.json().url);
      expect(photo.statusCode, `${c.username} ${photo.body}`).toBe(200);
      expect(photo.headers['content-type']).toBe('image/png');
      expect(photo.headers['cache-control']).toBe('private, max-age=3600');
      expect(photo.rawPayload.equals(PNG)).toBe(true);
    }
    expect((await neighbour.get(second.json().url)).rawPayload.equals(JPEG)).toBe(true);

    const entries = await audit('deliberation.photo', topic);
    expect(entries).toEqual([
      expect.objectContaining({ entity_type: 'deliberation_topic', actor_user_id: w.users.resident.id, unit_id: w.units.villageA }),
      expect.objectContaining({ entity_type: 'deliberation_topic', actor_user_id: w.users.resident.id, unit_id: w.units.villageA }),
    ]);
    expect(JSON.parse(entries[1]!.after_json!)).toEqual({ photoId: second.json().id, mime: 'image/jpeg', size: JPEG.length });
    expect((await stored(topic)).map((p) => p.created_by)).toEqual([w.users.resident.id, w.users.resident.id]);
  });

  it('refuses what is not an image (415), what is too large (413) and a request without a file (400), in the caller’s language, storing nothing', async () => {
    const topic = await raise();
    const text = await add(w.as.resident, topic, Buffer.from('just some text, not an image'), 'light.png');
    expect(text.statusCode).toBe(415);
    expect(text.json().error).toMatchObject({ code: 'alarm.photo_not_image', message: '照片须为 JPEG、PNG 或 WebP 图片' });
    const pdf = await add(englishResident, topic, Buffer.from('%PDF-1.7 a scanned letter'), 'light.jpg');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error).toMatchObject({ code: 'alarm.photo_not_image', message: 'Photos must be JPEG, PNG or WebP images.' });
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await add(w.as.resident, topic, big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'alarm.photo_too_large', message: '照片不能超过 5 MB' });
    expect((await add(englishResident, topic, big)).json().error.message).toBe('A photo may be at most 5 MB.');
    const none = await w.as.resident.post(photosUrl(topic), { photo: 'light.png' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('error.file_required');
    expect(await stored(topic)).toEqual([]);
    expect(await audit('deliberation.photo', topic)).toEqual([]);
  });

  it('takes six photos at most (422)', async () => {
    const topic = await raise();
    for (let i = 0; i < 5; i++) await added(w.as.resident, topic);
    // A manager's photo counts the same.
    await added(w.as.secretaryA, topic, JPEG);
    const seventh = await add(w.as.resident, topic);
    expect(seventh.statusCode).toBe(422);
    expect(seventh.json().error).toMatchObject({ code: 'deliberation.too_many_photos', message: '每个议题最多 6 张照片' });
    expect((await add(englishResident, topic)).json().error.message).toBe('A topic can have at most 6 photos.');
    expect(await stored(topic)).toHaveLength(6);
    expect(await audit('deliberation.photo', topic)).toHaveLength(6);
    // Removing one makes room again.
    const first = (await stored(topic))[0]!.id;
    expect((await w.as.resident.del(`${photosUrl(topic)}/${first}`)).statusCode).toBe(204);
    expect((await add(w.as.resident, topic)).statusCode).toBe(201);
  });

  it('removes a photo (204): gone from the topic and its address, audited with what it was; an unknown photo or another topic’s is 404', async () => {
    const topic = await raise();
    const other = await raise();
    const kept = await added(w.as.resident, topic);
    const removed = await added(w.as.resident, topic, JPEG);
    const elsewhere = await added(w.as.resident, other);

    const res = await w.as.resident.del(removed.url);
    expect(res.statusCode, res.body).toBe(204);
    expect((await w.as.resident.get(`/api/deliberation/topics/${topic}`)).json().photos.map((p: { id: number }) => p.id)).toEqual([kept.id]);
    expect((await w.as.memberA.get(removed.url)).statusCode).toBe(404);
    const [entry] = await audit('deliberation.photo_remove', topic);
    expect(entry).toMatchObject({ actor_user_id: w.users.resident.id, unit_id: w.units.villageA, after_json: null });
    expect(JSON.parse(entry!.before_json!)).toEqual({ photoId: removed.id, mime: 'image/jpeg', size: JPEG.length, addedBy: w.users.resident.id, addedAt: expect.any(String) });

    expect((await w.as.resident.del(removed.url)).statusCode).toBe(404);
    expect((await w.as.resident.del(`${photosUrl(topic)}/${elsewhere.id}`)).statusCode).toBe(404);
    expect((await w.as.resident.get(`${photosUrl(topic)}/${elsewhere.id}`)).statusCode).toBe(404);
    expect((await stored(other)).map((p) => p.id)).toEqual([elsewhere.id]);
    expect(await audit('deliberation.photo_remove', topic)).toHaveLength(1);
  });

  it('a resident who did not raise the topic is refused (403, in their language); the neighbouring village sees nothing (404); an anonymous caller must log in (401)', async () => {
    const topic = await raise();
    const photo = await added(w.as.resident, topic);

    const add403 = await add(neighbour, topic);
    expect(add403.statusCode).toBe(403);
    expect(add403.json().error).toMatchObject({ code: 'deliberation.not_editor', message: '只有议题提出人或本村（社区）的议事管理人员才能修改议题' });
    // Refused for who they are, whatever they sent.
    expect((await add(neighbour, topic, Buffer.from('not an image'))).statusCode).toBe(403);
    expect((await neighbour.del(photo.url)).statusCode).toBe(403);
    expect((await w.as.memberA.del(photo.url)).json().error.code).toBe('deliberation.not_editor');
    const english = await login(env.app, w.users.memberA.username, PASSWORD, 'en');
    expect((await add(english, topic)).json().error.message).toBe('Only the person who raised the topic, or those who manage deliberation here, may edit it.');

    for (const c of [residentB, w.as.secretaryB, w.as.adminB]) {
      const seeing = await c.get(photo.url);
      expect(seeing.statusCode, c.username).toBe(404);
      expect(seeing.json()).toEqual((await c.get(`${photosUrl(topic)}/999999`)).json());
      expect((await add(c, topic)).statusCode, c.username).toBe(404);
      expect((await c.del(photo.url)).statusCode, c.username).toBe(404);
    }

    const anon = anonymous(env.app);
    for (const res of [await anon.get(photo.url), await add(anon, topic), await anon.del(photo.url)]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('error.unauthenticated');
    }

    expect((await stored(topic)).map((p) => p.id)).toEqual([photo.id]);
    expect(await audit('deliberation.photo', topic)).toHaveLength(1);
    expect(await audit('deliberation.photo_remove', topic)).toEqual([]);
  });

  it('once someone has commented the author may no longer change the photos; the secretary may until the vote opens, then nobody', async () => {
    const topic = await raise();
    const photo = await added(w.as.resident, topic);
    expect((await w.as.memberA.post(`/api/deliberation/topics/${topic}/comments`, { body: '路灯确实坏了，支持更换。' })).statusCode).toBe(201);

    const late = await add(w.as.resident, topic);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('deliberation.edit_after_comments');
    expect((await w.as.resident.del(photo.url)).json().error.code).toBe('deliberation.edit_after_comments');
    expect((await w.as.resident.get(`/api/deliberation/topics/${topic}`)).json().canEdit).toBe(false);

    const bySecretary = await added(w.as.secretaryA, topic, JPEG);
    expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/council`, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: '村委会', attendees: [] })).statusCode).toBe(200);
    expect((await w.as.secretaryA.del(bySecretary.url)).statusCode).toBe(204);
    expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/vote`, { closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() })).statusCode).toBe(200);

    const voting = await add(w.as.secretaryA, topic);
    expect(voting.statusCode).toBe(409);
    expect(voting.json().error).toMatchObject({ code: 'deliberation.edit_after_vote', message: '表决已开始，议题不能再修改' });
    expect((await w.as.secretaryA.del(photo.url)).statusCode).toBe(409);
    expect((await stored(topic)).map((p) => p.id)).toEqual([photo.id]);
    expect((await audit('deliberation.photo', topic)).map((e) => e.actor_user_id)).toEqual([w.users.resident.id, w.users.secretaryA.id]);
    expect((await audit('deliberation.photo_remove', topic)).map((e) => e.actor_user_id)).toEqual([w.users.secretaryA.id]);
  });

  it('the public page lists the photos of its topics with public addresses that open without login', async () => {
    const topic = await raise();
    const photo = await added(w.as.resident, topic);
    const page = await anonymous(env.app).get('/api/public/deliberation?unit=C01A');
    expect(page.statusCode).toBe(200);
    const item = page.json().topics.find((t: { id: number }) => t.id === topic);
    // Only where to fetch it: nothing about who added it.
    expect(item.photos).toEqual([{ id: photo.id, url: `/api/public/deliberation/topics/${topic}/photos/${photo.id}` }]);

    const pub = await anonymous(env.app).get(item.photos[0].url);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/png');
    expect(pub.headers['cache-control']).toBe('public, max-age=300');
    expect(pub.rawPayload.equals(PNG)).toBe(true);
    // The photo belongs to that topic only.
    const other = await raise();
    expect((await anonymous(env.app).get(`/api/public/deliberation/topics/${other}/photos/${photo.id}`)).statusCode).toBe(404);
    expect((await anonymous(env.app).get('/api/public/deliberation/topics/999999/photos/1')).statusCode).toBe(404);
    // Removed, it is gone from the public address too.
    expect((await w.as.resident.del(photo.url)).statusCode).toBe(204);
    expect((await anonymous(env.app).get(item.photos[0].url)).statusCode).toBe(404);
  });

  it('a topic no public page shows keeps its photos private: the topic of an archived village', async () => {
    const villageC = await f.unit('C01C', 'village', w.units.town, '南庄村');
    const residentC = await login(env.app, (await f.user('resident', villageC)).username);
    const topic = await raise(residentC, villageC);
    const photo = await added(residentC, topic);
    const publicUrl = `/api/public/deliberation/topics/${topic}/photos/${photo.id}`;
    // While the village has its public page, the photo is public.
    expect((await anonymous(env.app).get('/api/public/deliberation?unit=C01C')).json().topics[0].photos).toEqual([{ id: photo.id, url: publicUrl }]);
    expect((await anonymous(env.app).get(publicUrl)).statusCode).toBe(200);

    expect((await w.as.admin.post(`/api/units/${villageC}/archive`)).statusCode).toBe(200);
    expect((await anonymous(env.app).get('/api/public/deliberation?unit=C01C')).statusCode).toBe(404);
    const hidden = await anonymous(env.app).get(publicUrl);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('IHDR');
    // The town above has no public page of its own either.
    expect((await anonymous(env.app).get('/api/public/deliberation?unit=C01')).statusCode).toBe(404);
    // The county, which still manages its records, sees it logged in.
    expect((await w.as.countyAdmin.get(photo.url)).statusCode).toBe(200);
  });
});
