// Group commit (core/group-commit.ts): writes arriving together share a transaction, each caller
// gets its own answer after the commit, and one bad write in a batch fails alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/core/context.ts';
import { groupCommit } from '../src/core/group-commit.ts';
import { DATABASES, startTestEnv, type TestEnv } from './harness.ts';

describe.each(DATABASES)('group commit (%s)', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv(kind);
  });
  afterAll(async () => {
    await env.close();
  });

  const now = new Date().toISOString();
  /** A write of units (their code is unique), counting its transactions. */
  function unitWriter() {
    const batches: number[] = [];
    const write = async (tx: Db, codes: string[]) => {
      batches.push(codes.length);
      const rows = await tx
        .insertInto('unit')
        .values(codes.map((code) => ({ code, name: code, kind: 'village', parent_id: null, phone: null, founded_on: null, archived_at: null, member_count: 0, full_member_count: 0, subtree_member_count: 0, created_at: now, updated_at: now })))
        .returning(['id', 'code'])
        .execute();
      return codes.map((c) => rows.find((r) => r.code === c)!.id);
    };
    return { batches, submit: groupCommit(env.deps.database.db, write, 40) };
  }
  const idsOf = async (codes: string[]) => (await env.deps.database.db.selectFrom('unit').select(['id', 'code']).where('code', 'in', codes).execute()).map((r) => [r.code, r.id]);

  it('writes arriving together share transactions of at most the batch size, each answered with its own result', async () => {
    const { batches, submit } = unitWriter();
    const codes = Array.from({ length: 100 }, (_, i) => `GC-A${i}`);
    const ids = await Promise.all(codes.map((c) => submit(c)));
    expect(new Map(await idsOf(codes) as Array<[string, number]>)).toEqual(new Map(codes.map((c, i) => [c, ids[i]])));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(100);
    expect(batches.length).toBeLessThan(10);
    expect(Math.max(...batches)).toBeLessThanOrEqual(40);
  });

  it('one bad write fails alone: the others of its batch are written', async () => {
    const { submit } = unitWriter();
    await submit('GC-TAKEN');
    const codes = ['GC-B1', 'GC-B2', 'GC-TAKEN', 'GC-B3'];
    const results = await Promise.allSettled(codes.map((c) => submit(c)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await idsOf(['GC-B1', 'GC-B2', 'GC-B3'])).length).toBe(3);
  });

  it('a write alone is not kept waiting for company', async () => {
    const { batches, submit } = unitWriter();
    await submit('GC-C1');
    await submit('GC-C2');
    expect(batches).toEqual([1, 1]);
  });
});
