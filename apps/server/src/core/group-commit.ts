// Group commit: small writes that arrive together share one transaction. A filing burst (a
// thousand residents pressing 提交 within a second) otherwise pays one commit each — on SQLite a
// commit writes every page the transaction touched to the WAL, on PostgreSQL it waits for the WAL
// flush — and the commits, not the inserts, set the pace. Each caller still gets its own answer
// only after the transaction holding its write has committed, so nothing is acknowledged that is
// not durable. A batch that fails is retried one write per transaction, so one bad write (a
// duplicate key) fails alone.
import type { Db } from './context.ts';

type Write<I, O> = (tx: Db, items: I[]) => Promise<O[]>;

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

/** Gathers writes from the callers of the returned function into shared transactions of up to `maxBatch`. */
export function groupCommit<I, O>(db: Db, write: Write<I, O>, maxBatch = 200): (item: I) => Promise<O> {
  let waiting: Array<Waiting<I, O>> = [];
  let draining = false;

  const commit = (items: I[]) => db.transaction().execute((tx) => write(tx, items));

  async function drain() {
    draining = true;
    try {
      while (waiting.length) {
        // One turn of the event loop lets every request whose bytes have arrived reach this
        // queue (on SQLite the reads before it take no I/O, so they all get here in that turn).
        await new Promise((r) => setImmediate(r));
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        try {
          const out = await commit(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve(out[i]!));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          for (const w of batch) {
            try {
              w.resolve((await commit([w.item]))[0]!);
            } catch (e) {
              w.reject(e);
            }
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!draining) void drain();
    });
}
