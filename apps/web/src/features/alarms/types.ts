// The shapes of the alarms API (apps/server/src/modules/alarms), as the web app sees them.
import type { AlarmKind, AlarmStatus } from '@xianfeng/domain';

export type { AlarmKind, AlarmStatus };

export interface Alarm {
  id: number;
  unitId: number;
  unitName: string;
  kind: AlarmKind | (string & {});
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  status: AlarmStatus;
  raisedBy: { id: number; name: string };
  raisedAt: string;
  handledBy: string | null;
  handledAt: string | null;
  note: string | null;
  /** The warning the alarm was turned into. */
  warningId: number | null;
  /** The hazard report it was raised from (its page answers only to who may see the hazard). */
  hazard: { id: number; category: string | null } | null;
  photoCount: number;
}

export interface AlarmPhoto {
  id: number;
  mime: string;
  size: number;
  createdAt: string;
  url: string;
}

export interface AlarmDetail extends Alarm {
  photos: AlarmPhoto[];
  /** The viewer may take it up, close it or turn it into a warning (warning.issue on its unit). */
  canHandle: boolean;
}

export interface AlarmPage {
  total: number;
  page: number;
  pageSize: number;
  items: Alarm[];
}

export interface RaiseInput {
  unitId: number;
  kind: string;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  description: string;
}

export interface PromoteInput {
  issuingUnitId: number;
  hazard: string;
  level: string;
  areaUnitIds?: number[];
  headline?: string;
  instruction?: string;
}

/** The list filter: 'active' is open or being handled. */
export type AlarmFilter = AlarmStatus | 'active' | 'all';
