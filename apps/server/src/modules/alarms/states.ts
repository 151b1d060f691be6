// An alarm's life as data (FixMyStreet style): state × action → next state, and who may act.
// An alarm is open until a duty officer takes it up (handling); it ends closed, or promoted into
// a warning, and from either end nothing moves it again.
import type { AlarmStatus, MessageCode, Permission } from '@xianfeng/domain';

export const ALARM_ACTIONS = ['handle', 'close', 'promote'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

/** Every action on an alarm is taken by someone who may issue warnings for the alarm's unit. */
export const ALARM_ACTION_PERMISSION: Readonly<Record<AlarmAction, Permission>> = {
  handle: 'warning.issue',
  close: 'warning.issue',
  promote: 'warning.issue',
};

export const ALARM_TRANSITIONS: Readonly<Record<AlarmStatus, Partial<Record<AlarmAction, AlarmStatus>>>> = {
  open: { handle: 'handling', close: 'closed', promote: 'promoted' },
  handling: { close: 'closed', promote: 'promoted' },
  promoted: {},
  closed: {},
};

/** Why an action is refused in a state (every refusal is a 409). */
const REFUSALS: Readonly<Record<AlarmStatus, MessageCode>> = {
  open: 'error.conflict',
  handling: 'alarm.already_handling',
  promoted: 'alarm.already_promoted',
  closed: 'alarm.closed',
};

export type Transition = { ok: true; next: AlarmStatus } | { ok: false; code: MessageCode };

export function transition(status: AlarmStatus, action: AlarmAction): Transition {
  const next = ALARM_TRANSITIONS[status]?.[action];
  return next ? { ok: true, next } : { ok: false, code: REFUSALS[status] ?? 'error.conflict' };
}
