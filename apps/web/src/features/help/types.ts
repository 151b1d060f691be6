// The shapes of the help API (群众求助, 双报到) as the web app reads them.
import type { HelpStatus, HelpWindow } from '@xianfeng/domain';

export type { HelpStatus, HelpWindow };

export interface HelpRequestRow {
  id: number;
  category: string;
  village: { name: string; code: string };
  unitName: string;
  unit?: { id: number; name: string };
  description: string;
  place: string;
  status: HelpStatus;
  residentName: string;
  phone: string;
  helperName: string | null;
  helper?: { memberId: number; name: string | null } | null;
  acceptedAt: string | null;
  startedAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  confirmedAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  closedAt: string | null;
  closeReason: string | null;
  reopenCount: number;
  acceptDueAt: string;
  resolveDueAt: string;
  overdue: boolean;
  photoCount: number;
  createdAt: string;
  escalatedAt?: string | null;
  receiptCode?: string | null;
}

export interface HelpRequestDetail extends HelpRequestRow {
  latitude: number | null;
  longitude: number | null;
  reopenReason: string | null;
  source: string;
  photos: Array<{ id: number; mime: string; size: number; createdAt: string; url: string }>;
  can: { accept: boolean; start: boolean; resolve: boolean; confirm: boolean; reopen: boolean; close: boolean };
}

export interface HelpPage {
  total: number;
  page: number;
  pageSize: number;
  items: HelpRequestRow[];
}

export interface Residence {
  member: { id: number; name: string; unitName: string; specialties: string[] };
  registration: null | {
    id: number;
    unit: { id: number; name: string; kind: string };
    village: { id: number; name: string; code: string };
    specialties: string[];
    hours: HelpWindow[];
    note: string;
    createdAt: string;
  };
}

export interface ResidentRow {
  id: number;
  memberId: number;
  name: string;
  mobile: string | null;
  homeUnitName: string;
  place: { id: number; name: string };
  specialties: string[];
  hours: HelpWindow[];
  note: string;
  createdAt: string;
}

export interface Place {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentName: string | null;
}

export interface PublicVillage {
  village: { code: string; name: string };
  grids: Array<{ id: number; name: string }>;
  categories: Array<{ value: string; label: string; description: string; acceptHours: number; resolveHours: number }>;
  challenge: { question: string; token: string };
}

export interface HelpStats {
  village: { code: string; name: string };
  since: string;
  total: number;
  byStatus: Record<HelpStatus, number>;
  byCategory: Array<{ value: string; label: string; count: number }>;
  medianMinutesToAccept: number | null;
  medianMinutesToResolve: number | null;
  averageRating: number | null;
  months: Array<{ month: string; filed: number; resolved: number }>;
}
