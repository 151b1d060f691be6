import { describe, expect, it } from 'vitest';
import {
  ackDeadline, alarmHasLocation, capDateTime, capIdentifier, checkEvacuation, checkWarningInput, DEFAULT_ACK_DEADLINES, effectiveStatus, escalationSchedule,
  hazardFromText, isAreaCode, levelFromCapSeverity, levelFromText, outageState, penetration, restorationCurve, validateAckDeadlines, validateRecoveryTargets,
  WARNING_LEVEL_INFO, WARNING_LEVELS, warningTitle,
} from './warnings.ts';

describe('levels', () => {
  it('maps the four national levels to CAP severities and back', () => {
    expect(WARNING_LEVELS.map((l) => WARNING_LEVEL_INFO[l].capSeverity)).toEqual(['Minor', 'Moderate', 'Severe', 'Extreme']);
    for (const l of WARNING_LEVELS) expect(levelFromCapSeverity(WARNING_LEVEL_INFO[l].capSeverity)).toBe(l);
    expect(levelFromCapSeverity('Unknown')).toBe('blue');
    expect(levelFromText('台风红色预警')).toBe('red');
    expect(levelFromText('暴雨橙色预警信号')).toBe('orange');
    expect(levelFromText('Severe Thunderstorm')).toBeUndefined();
  });

  it('names a warning the way the national system does', () => {
    expect(warningTitle('typhoon', 'red')).toBe('台风红色预警');
    expect(warningTitle('landslide', 'yellow')).toBe('山体滑坡黄色预警');
    expect(warningTitle('rainstorm', 'blue', 'en')).toBe('Rainstorm blue warning');
    expect(hazardFromText('SEVERE THUNDERSTORM WARNING')).toBe('thunderstorm');
    expect(hazardFromText('台风橙色预警')).toBe('typhoon');
    expect(hazardFromText('Homeland Security Advisory System Update')).toBe('other');
  });
});

describe('acknowledgement deadlines and escalation', () => {
  it('reminds at half the deadline and escalates at the deadline, per level', () => {
    expect(escalationSchedule('2026-08-03T14:00:00.000Z', 'red')).toEqual([
      { step: 1, kind: 'reminder', dueAt: '2026-08-03T14:05:00.000Z' },
      { step: 2, kind: 'escalation', dueAt: '2026-08-03T14:10:00.000Z' },
    ]);
    expect(escalationSchedule('2026-08-03T14:00:00.000Z', 'blue').map((s) => s.dueAt)).toEqual(['2026-08-03T14:30:00.000Z', '2026-08-03T15:00:00.000Z']);
    expect(ackDeadline('2026-08-03T14:00:00.000Z', 'orange')).toBe('2026-08-03T14:20:00.000Z');
    expect(ackDeadline('2026-08-03T14:00:00.000Z', 'red', { ...DEFAULT_ACK_DEADLINES, red: 3 })).toBe('2026-08-03T14:03:00.000Z');
  });

  it('accepts whole minutes from 1 to a day for every level, nothing else', () => {
    expect(validateAckDeadlines({ red: 10, orange: 20, yellow: 30, blue: 60 })).toBe(true);
    expect(validateAckDeadlines({ red: 0, orange: 20, yellow: 30, blue: 60 })).toBe(false);
    expect(validateAckDeadlines({ red: 1.5, orange: 20, yellow: 30, blue: 60 })).toBe(false);
    expect(validateAckDeadlines({ red: 10, orange: 20, yellow: 30 })).toBe(false);
    expect(validateAckDeadlines({ red: 10, orange: 20, yellow: 30, blue: 1441 })).toBe(false);
  });
});

describe('a warning’s life', () => {
  const now = '2026-08-03T14:00:00.000Z';
  it('derives expiry from the time; a cancel stays a cancel', () => {
    expect(effectiveStatus({ status: 'active', expiresAt: null }, now)).toBe('active');
    expect(effectiveStatus({ status: 'active', expiresAt: '2026-08-03T14:00:00.000Z' }, now)).toBe('expired');
    expect(effectiveStatus({ status: 'active', expiresAt: '2026-08-03T14:00:01.000Z' }, now)).toBe('active');
    expect(effectiveStatus({ status: 'cancelled', expiresAt: null }, now)).toBe('cancelled');
  });

  it('needs an area and an expiry after the start that has not passed', () => {
    expect(checkWarningInput({ unitIds: [1], effectiveAt: now, expiresAt: null }, now)).toEqual([]);
    expect(checkWarningInput({ unitIds: [], effectiveAt: now, expiresAt: null }, now)).toEqual(['warning.no_area']);
    expect(checkWarningInput({ unitIds: [1], effectiveAt: now, expiresAt: now }, now)).toEqual(['warning.expiry_before_effective']);
    expect(checkWarningInput({ unitIds: [1], effectiveAt: '2026-08-01T00:00:00.000Z', expiresAt: '2026-08-02T00:00:00.000Z' }, now)).toEqual(['warning.expired_already']);
  });
});

describe('penetration', () => {
  it('counts acknowledged units, overdue silent ones, and the median and slowest time', () => {
    const at = (m: number | null) => (m === null ? null : new Date(Date.parse('2026-08-03T14:00:00.000Z') + m * 60_000).toISOString());
    const facts = [1, 2, 4, 10, null, null].map((m, i) => ({ kind: 'village', notifiedAt: '2026-08-03T14:00:00.000Z', ackedAt: at(m), overdue: i === 5 || i === 3 }));
    expect(penetration(facts)).toEqual({ units: 6, acknowledged: 4, percent: 66.7, overdue: 1, medianSeconds: 180, slowestSeconds: 600 });
    expect(penetration([])).toEqual({ units: 0, acknowledged: 0, percent: 0, overdue: 0, medianSeconds: null, slowestSeconds: null });
  });
});

describe('evacuation figures', () => {
  it('must add up', () => {
    expect(checkEvacuation({ toMove: 10, moved: 7, refused: 2 })).toEqual([]);
    expect(checkEvacuation({ toMove: 10, moved: 11, refused: 0 })).toEqual(['evacuation.moved_exceeds']);
    expect(checkEvacuation({ toMove: 10, moved: 8, refused: 3 })).toEqual(['evacuation.total_exceeds']);
    expect(checkEvacuation({ toMove: -1, moved: 0, refused: 0 })).toEqual(['evacuation.negative']);
    expect(checkEvacuation({ toMove: 2.5, moved: 0, refused: 0 })).toEqual(['evacuation.negative']);
  });
});

describe('alarms', () => {
  it('need a location: coordinates on Earth, or a place someone can find', () => {
    expect(alarmHasLocation({ latitude: 21.66, longitude: 110.92 })).toBe(true);
    expect(alarmHasLocation({ place: '村后山坡' })).toBe(true);
    expect(alarmHasLocation({ place: ' ' })).toBe(false);
    expect(alarmHasLocation({ latitude: 95, longitude: 110 })).toBe(false);
    expect(alarmHasLocation({ latitude: 21.6 })).toBe(false);
  });
});

describe('recovery', () => {
  it('measures an outage against its target, open or restored', () => {
    expect(outageState({ kind: 'road', startedAt: '2026-08-03T00:00:00.000Z', restoredAt: '2026-08-03T20:00:00.000Z' }, '2026-08-05T00:00:00.000Z')).toEqual({ hoursOut: 20, targetHours: 24, restored: true, overdue: false });
    expect(outageState({ kind: 'water', startedAt: '2026-08-03T00:00:00.000Z', restoredAt: null }, '2026-08-05T01:00:00.000Z')).toEqual({ hoursOut: 49, targetHours: 48, restored: false, overdue: true });
  });

  it('draws how many outages of each kind were open hour by hour', () => {
    const curve = restorationCurve(
      [
        { kind: 'road', startedAt: '2026-08-03T00:00:00.000Z', restoredAt: '2026-08-03T02:00:00.000Z' },
        { kind: 'power', startedAt: '2026-08-03T01:00:00.000Z', restoredAt: null },
      ],
      '2026-08-03T03:30:00.000Z',
    );
    expect(curve.map((p) => [p.hour, p.open.road, p.open.power])).toEqual([[0, 1, 0], [1, 1, 1], [2, 0, 1], [3, 0, 1], [4, 0, 1]]);
    expect(restorationCurve([], '2026-08-03T00:00:00.000Z')).toEqual([]);
  });

  it('accepts positive hours up to 30 days for every kind', () => {
    expect(validateRecoveryTargets({ road: 24, power: 36, water: 48, comms: 24 })).toBe(true);
    expect(validateRecoveryTargets({ road: 0, power: 36, water: 48, comms: 24 })).toBe(false);
    expect(validateRecoveryTargets({ road: 24, power: 36, water: 48 })).toBe(false);
  });
});

describe('CAP identifiers and times', () => {
  it('shapes identifiers like the national release system, in China time', () => {
    expect(capIdentifier('440900', 'MM01', '2026-08-03T14:00:05.000Z', 3)).toBe('440900MM01_20260803220005_3');
    expect(capIdentifier('', 'C', '2026-08-03T14:00:05.000Z', 1)).toBe('000000C_20260803220005_1');
    expect(capDateTime('2026-08-03T14:00:05.123Z')).toBe('2026-08-03T22:00:05+08:00');
    expect(isAreaCode('440900')).toBe(true);
    expect(isAreaCode('440902101')).toBe(true);
    expect(isAreaCode('440902101201')).toBe(true);
    expect(isAreaCode('44090')).toBe(false);
  });
});
