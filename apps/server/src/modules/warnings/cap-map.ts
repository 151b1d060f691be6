// Warnings as CAP 1.2 messages: what a warning issued here says in CAP (Alert, Update, Cancel, and
// each unit's Ack), following the national profile's habits — zh-CN info, GB/T 2260 geocodes,
// identifiers shaped `<area code><org code>_<time>_<n>`, offsets written +08:00.
import { capDateTime, HAZARD_TYPES, WARNING_LEVEL_INFO, warningTitle, type WarningLevel } from '@xianfeng/domain';
import type { CapAlert, CapArea, CapInfo, CapMsgType } from '../cap/model.ts';
import { formatReferences } from '../cap/model.ts';

export const GEOCODE_NAME = 'GB/T 2260';

export interface WarningContent {
  hazard: string;
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  effectiveAt: string;
  expiresAt: string | null;
  exercise: boolean;
  issuingUnitName: string;
  areas: Array<{ name: string; areaCode: string | null }>;
}

export function capArea(a: { name: string; areaCode: string | null }): CapArea {
  return { areaDesc: a.name, polygons: [], circles: [], geocodes: a.areaCode ? [{ valueName: GEOCODE_NAME, value: a.areaCode }] : [] };
}

export function capInfo(w: WarningContent, msgType: CapMsgType): CapInfo {
  const hazard = HAZARD_TYPES.find((h) => h.value === w.hazard);
  const red = w.level === 'red' || w.level === 'orange';
  return {
    language: 'zh-CN',
    categories: [hazard?.capCategory ?? 'Other'],
    event: warningTitle(w.hazard, w.level),
    responseTypes: msgType === 'Cancel' ? ['AllClear'] : red ? ['Evacuate'] : ['Prepare'],
    urgency: msgType === 'Cancel' ? 'Past' : red ? 'Immediate' : 'Expected',
    severity: WARNING_LEVEL_INFO[w.level].capSeverity,
    certainty: 'Likely',
    eventCodes: [],
    effective: capDateTime(w.effectiveAt),
    ...(w.expiresAt ? { expires: capDateTime(w.expiresAt) } : {}),
    senderName: w.issuingUnitName,
    headline: w.headline,
    description: w.description,
    ...(w.instruction ? { instruction: w.instruction } : {}),
    parameters: [
      { valueName: 'xianfeng:hazard', value: w.hazard },
      { valueName: 'xianfeng:level', value: w.level },
    ],
    resources: [],
    areas: w.areas.map(capArea),
  };
}

export interface MessageRef {
  identifier: string;
  sender: string;
  sent: string;
}

export function capMessage(input: { identifier: string; sender: string; sentIso: string; msgType: CapMsgType; exercise: boolean; references: MessageRef[]; info: CapInfo[] }): CapAlert {
  return {
    identifier: input.identifier,
    sender: input.sender,
    sent: capDateTime(input.sentIso),
    status: input.exercise ? 'Exercise' : 'Actual',
    msgType: input.msgType,
    scope: 'Public',
    codes: [],
    ...(input.references.length ? { references: formatReferences(input.references) } : {}),
    infos: input.info,
  };
}

/** A unit's acknowledgement as a CAP Ack naming the message it acknowledged. */
export function ackMessage(input: { warningIdentifier: string; unitCode: string; ackedAtIso: string; exercise: boolean; acknowledged: MessageRef }): CapAlert {
  return {
    identifier: `${input.warningIdentifier}_ACK_${input.unitCode.replace(/[^0-9A-Za-z]/g, '')}`,
    sender: senderOf(input.unitCode),
    sent: capDateTime(input.ackedAtIso),
    status: input.exercise ? 'Exercise' : 'Actual',
    msgType: 'Ack',
    scope: 'Public',
    codes: [],
    references: formatReferences([input.acknowledged]),
    infos: [],
  };
}

/** CAP senders are globally unique and free of spaces, commas, < and &. */
export function senderOf(unitCode: string) {
  return `${unitCode.replace(/[^0-9A-Za-z._-]/g, '')}@xianfeng`;
}
