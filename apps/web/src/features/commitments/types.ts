// The shapes of the commitments API (docs/API.md, "Commitments and member cards").
import type { StarDimension } from '@xianfeng/domain';
import type { MemberStatus } from '../../api/types.ts';

export type { StarDimension };

export interface CommitmentUpdate {
  id: number;
  content: string;
  createdAt: string;
  /** Entered by someone else (a secretary) on the member's behalf. */
  byProxy: boolean;
}

export interface Commitment {
  id: number;
  content: string;
  publishedAt: string;
  updatedAt: string;
  revised: boolean;
  updateCount: number;
  /** Every update on a card's own page; the latest only in a grid of cards. */
  updates: CommitmentUpdate[];
}

export interface MemberCard {
  memberId: number;
  name: string;
  identity: 'party_member';
  status: MemberStatus;
  joinYear: number;
  unit: { id: number; name: string };
  stars: { period: string; count: number; dimensions: StarDimension[] } | null;
  commitment: Commitment | null;
}

export interface MyCommitment {
  year: string;
  maxUpdates: number;
  card: MemberCard;
}

export interface CardPage {
  unit: { id: number; code: string; name: string; kind: string };
  year: string;
  items: MemberCard[];
  total: number;
  page: number;
  pageSize: number;
}

export const COMPARE_SORTS = ['name', 'base', 'deduction', 'violations', 'bonus', 'tasks', 'score', 'committed', 'updates', 'stars'] as const;
export type CompareSort = (typeof COMPARE_SORTS)[number];

export interface CompareRow {
  memberId: number;
  name: string;
  unitName: string;
  base: number;
  deduction: number;
  violations: number;
  bonus: number;
  tasks: number;
  score: number;
  vetoed: boolean;
  committed: boolean;
  commitment: string | null;
  updates: number;
  stars: number;
  starDimensions: StarDimension[];
}

export interface ComparePage {
  unit: { id: number; name: string };
  year: number;
  sort: CompareSort;
  order: 'asc' | 'desc';
  summary: { members: number; committed: number; updates: number };
  total: number;
  page: number;
  pageSize: number;
  items: CompareRow[];
}
