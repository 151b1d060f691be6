import { useState } from 'react';

/**
 * A fresh key for one attempt at a state-changing request (a claim, a redemption): sent as
 * `Idempotency-Key`, it makes a double tap or a retry after a lost answer harmless.
 * crypto.randomUUID needs a secure context; a village server on plain http still has getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One key per opening of a form: renewed each time `open` turns true. */
export function useIdempotencyKey(open: boolean): string {
  const [state, setState] = useState({ open, key: newIdempotencyKey() });
  // Adjusting state during render when the prop changes (React's documented pattern).
  if (state.open !== open) {
    const next = { open, key: open ? newIdempotencyKey() : state.key };
    setState(next);
    return next.key;
  }
  return state.key;
}
